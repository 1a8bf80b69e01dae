"""Online legal contests: a contest page with rounds, each round's question bank,
the contestants' attempts and the organiser's approved winners' list."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage, LegalField
from multisite.models import Unit, UnitOwned

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
DEFAULT_PREDICTION = _("Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt thi?")


class IdNumberRule(models.TextChoices):
    NONE = "none", _("Không hỏi")
    OPTIONAL = "optional", _("Không bắt buộc")
    REQUIRED = "required", _("Bắt buộc")


class ResidenceRule(models.TextChoices):
    UNIT = "unit", _("Chọn đơn vị (xã, phường, cơ quan)")
    ADDRESS = "address", _("Nhập địa chỉ")
    UNIT_OR_ADDRESS = "either", _("Chọn đơn vị hoặc nhập địa chỉ")


class ContestIndexPage(BasePage):
    """ "Thi tìm hiểu pháp luật": the unit's contests, open ones first."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["contests.ContestPage"]
    max_count_per_parent = 1
    template = "contests/contest_index_page.html"

    class Meta:
        verbose_name = _("thi tìm hiểu pháp luật")
        verbose_name_plural = _("thi tìm hiểu pháp luật")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contests"] = (
            ContestPage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class ContestPageForm(WagtailAdminPageForm):
    """Refuses to remove a round that already has attempts (its results would be lost)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("rounds")
        if formset is not None:
            for form in formset.deleted_forms:
                if form.instance.pk and Attempt.objects.filter(round_id=form.instance.pk).exists():
                    self.add_error(
                        None,
                        _("Không thể xóa đợt thi “%(round)s” vì đã có người dự thi.")
                        % {"round": form.instance.title},
                    )
        return cleaned


class ContestPage(RoutablePageMixin, BasePage):
    """A legal knowledge contest run by one unit: its rules, registration
    requirements and rounds; citizens register and take attempts on this page."""

    intro = RichTextField(_("giới thiệu cuộc thi"), blank=True, features=TEXT_FEATURES)
    rules = RichTextField(_("thể lệ"), blank=True, features=TEXT_FEATURES + ["h3"])
    id_number_rule = models.CharField(
        _("số CCCD của người dự thi"),
        max_length=10,
        choices=IdNumberRule.choices,
        default=IdNumberRule.OPTIONAL,
    )
    residence_rule = models.CharField(
        _("nơi công tác, cư trú"),
        max_length=10,
        choices=ResidenceRule.choices,
        default=ResidenceRule.UNIT_OR_ADDRESS,
    )
    prediction_question = models.CharField(
        _("câu hỏi dự đoán"), max_length=300, default=DEFAULT_PREDICTION, blank=True
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("rules"),
        MultiFieldPanel(
            [FieldPanel("id_number_rule"), FieldPanel("residence_rule"), FieldPanel("prediction_question")],
            heading=_("Thông tin đăng ký dự thi"),
        ),
        InlinePanel("rounds", heading=_("Các đợt thi"), label=_("đợt thi"), min_num=1),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["contests.ContestIndexPage"]
    subpage_types = []
    base_form_class = ContestPageForm
    template = "contests/contest_page.html"

    class Meta:
        verbose_name = _("cuộc thi tìm hiểu pháp luật")
        verbose_name_plural = _("cuộc thi tìm hiểu pháp luật")

    @property
    def unit_id(self):
        return (self.unit_info or {}).get("id")

    def contestant_units(self):
        """The units a contestant may say they belong to: the organiser and the units below it."""
        unit = Unit.objects.filter(pk=self.unit_id).first()
        if unit is None:
            return Unit.objects.none()
        return Unit.objects.filter(pk__in=[unit.pk, *unit.descendant_ids()]).order_by("name")

    @path("")
    def contest(self, request):
        from .views import contest_view

        return contest_view(self, request)

    @path("dot/<int:round_id>/", name="round")
    def round_page(self, request, round_id):
        from .views import round_view

        return round_view(self, request, round_id)

    @path("luot-thi/<str:token>/", name="attempt")
    def attempt_page(self, request, token):
        from .views import attempt_view

        return attempt_view(self, request, token)


class ContestRound(Orderable):
    """A round (e.g. one week) of a contest with its own question bank and ranking."""

    page = ParentalKey(ContestPage, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("tên đợt thi"), max_length=255)
    opens_at = models.DateTimeField(_("bắt đầu"))
    closes_at = models.DateTimeField(_("kết thúc"))
    questions_per_attempt = models.PositiveSmallIntegerField(_("số câu hỏi mỗi lượt thi"), default=20)
    time_limit_minutes = models.PositiveSmallIntegerField(_("thời gian làm bài (phút)"), default=30)
    attempts_per_person = models.PositiveSmallIntegerField(_("số lượt thi mỗi người"), default=1)
    winners_count = models.PositiveSmallIntegerField(_("số giải"), default=10)

    panels = [
        FieldPanel("title"),
        FieldPanel("opens_at"),
        FieldPanel("closes_at"),
        FieldPanel("questions_per_attempt"),
        FieldPanel("time_limit_minutes"),
        FieldPanel("attempts_per_person"),
        FieldPanel("winners_count"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("đợt thi")
        verbose_name_plural = _("đợt thi")

    def __str__(self):
        return f"{self.page.title} – {self.title}" if self.page_id else self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.questions_per_attempt == 0:
            raise ValidationError({"questions_per_attempt": _("Mỗi lượt thi phải có ít nhất một câu hỏi.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at


class Answer(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class ContestQuestion(UnitOwned):
    """A question of a round's bank: four options, the correct one and the explanation
    shown once the round is closed. Its unit is the contest's."""

    round = models.ForeignKey(
        ContestRound, verbose_name=_("đợt thi"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("câu hỏi"))
    option_a = models.CharField(_("phương án A"), max_length=1000)
    option_b = models.CharField(_("phương án B"), max_length=1000)
    option_c = models.CharField(_("phương án C"), max_length=1000)
    option_d = models.CharField(_("phương án D"), max_length=1000)
    correct = models.CharField(_("đáp án đúng"), max_length=1, choices=Answer.choices)
    field = models.ForeignKey(
        LegalField,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explanation = models.TextField(_("giải thích, căn cứ pháp lý"), blank=True)

    class Meta:
        verbose_name = _("câu hỏi thi")
        verbose_name_plural = _("ngân hàng câu hỏi thi")
        ordering = ["round_id", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def options(self):
        return [self.option_a, self.option_b, self.option_c, self.option_d]


class AttemptStatus(models.TextChoices):
    ACTIVE = "active", _("Đang làm bài")
    SUBMITTED = "submitted", _("Đã nộp bài")
    EXPIRED = "expired", _("Quá giờ, không nộp")


class Attempt(UnitOwned):
    """One contestant's attempt at a round: who registered, the questions drawn
    (with their options' shuffled order), the server's deadline and the score.
    ``person_key`` (the phone number's digits) counts a person's attempts."""

    round = models.ForeignKey(
        ContestRound, verbose_name=_("đợt thi"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"))
    phone = models.CharField(_("số điện thoại"), max_length=20)
    person_key = models.CharField(max_length=20, editable=False)
    id_number = models.CharField(_("số CCCD"), max_length=12, blank=True)
    home_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    number = models.PositiveSmallIntegerField(_("lượt thứ"), default=1)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.ACTIVE
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    deadline = models.DateTimeField(_("hạn nộp bài"))
    submitted_at = models.DateTimeField(_("nộp bài lúc"), null=True, blank=True)
    drawn = models.JSONField(default=list, editable=False)  # [[question id, "DBAC"], ...]
    answers = models.JSONField(default=dict, editable=False)  # {question id: "A".."D"} as chosen
    correct_count = models.PositiveSmallIntegerField(_("số câu đúng"), null=True, blank=True)
    prediction = models.PositiveIntegerField(_("dự đoán"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian làm bài (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt thi")
        verbose_name_plural = _("lượt thi")
        constraints = [
            models.UniqueConstraint(fields=["round", "person_key", "number"], name="contests_attempt_number"),
            models.UniqueConstraint(
                fields=["round", "person_key"],
                condition=Q(status="active"),
                name="contests_one_active_attempt",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "status", "correct_count"], name="contests_attempt_rank"),
            models.Index(fields=["round", "home_unit"], name="contests_attempt_unit"),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.round.title}"

    @property
    def duration_display(self):
        if self.duration_ms is None:
            return ""
        seconds = self.duration_ms // 1000
        return f"{seconds // 60}:{seconds % 60:02d}"


class WinnersList(models.Model):
    """The winners of a round as the organiser approved them (a snapshot of the
    ranking's top), published on the contest page."""

    round = models.OneToOneField(ContestRound, on_delete=models.CASCADE, related_name="winners_list")
    approved_at = models.DateTimeField(_("phê duyệt lúc"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    winners = models.JSONField(default=list)

    class Meta:
        verbose_name = _("danh sách đạt giải")
        verbose_name_plural = _("danh sách đạt giải")

    def __str__(self):
        return str(self.round)
