"""Surveys: the section page, the survey page, the responses and their answers.

Why a page with StreamField questions rather than ``wagtail.contrib.forms``:
the form builder keeps each submission as one JSON blob, so statistics over
50 000 responses would have to load and parse every blob in Python (or use
JSON operators that differ between SQLite and PostgreSQL). Here each answer is
a row of ``Answer`` (one per chosen option), so counts, percentages, averages
and cross-tabulations are plain ``GROUP BY`` queries on an index, on both
databases. Questions are StreamField blocks whose stable ids key the answers.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.models import BasePage

from . import blocks as qb

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ContactMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Ẩn danh (không hỏi thông tin liên hệ)")
    OPTIONAL = "optional", _("Được để lại thông tin liên hệ (không bắt buộc)")
    REQUIRED = "required", _("Bắt buộc họ tên và thông tin liên hệ")


class OnePerPerson(models.TextChoices):
    NONE = "", _("Không giới hạn")
    EMAIL = "email", _("Mỗi địa chỉ e-mail đã xác minh một lần (gửi mã qua e-mail)")
    BROWSER = "browser", _("Mỗi trình duyệt một lần")


@dataclass(frozen=True)
class SurveyQuestion:
    """One question of a survey, read from its StreamField block."""

    key: str
    kind: str
    number: int
    label: str
    help_text: str
    required: bool
    options: tuple = ()
    low_label: str = ""
    high_label: str = ""
    min_value: int | None = None
    max_value: int | None = None

    @property
    def counted(self):
        return self.kind in qb.COUNTED_KINDS

    @property
    def numeric(self):
        return self.kind in qb.NUMERIC_KINDS

    @property
    def textual(self):
        return self.kind in qb.TEXT_KINDS

    @property
    def choices(self):
        """The values counted for this question, in display order."""
        if self.kind == qb.SCALE:
            return tuple(str(v) for v in qb.SCALE_VALUES)
        return self.options


class SurveyIndexPage(RoutablePageMixin, BasePage):
    """ "Khảo sát ý kiến": the unit's surveys, and the province-wide surveys that
    its citizens answer on the unit's own site (their responses count for the unit)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count_per_parent = 1
    template = "surveys/survey_index_page.html"

    class Meta:
        verbose_name = _("khảo sát ý kiến")
        verbose_name_plural = _("khảo sát ý kiến")

    @path("")
    def index(self, request):
        from .views import index_view

        return index_view(self, request)

    @path("toan-tinh/<int:survey_id>/", name="shared")
    def shared(self, request, survey_id):
        from .views import shared_survey_view

        return shared_survey_view(self, request, survey_id, "form")

    @path("toan-tinh/<int:survey_id>/da-gui/", name="shared_sent")
    def shared_sent(self, request, survey_id):
        from .views import shared_survey_view

        return shared_survey_view(self, request, survey_id, "sent")


class SurveyPage(RoutablePageMixin, BasePage):
    """A survey: its questions, the answering period, whether contact details are
    asked, whether one response per person is enforced, and whether the results
    are published after closing. On the provincial portal it may be province-wide:
    every unit's survey section then offers it and records the unit."""

    intro = RichTextField(_("giới thiệu khảo sát"), blank=True, features=TEXT_FEATURES)
    questions = StreamField(qb.QUESTION_BLOCKS, verbose_name=_("câu hỏi"), min_num=1)
    opens_on = models.DateField(_("ngày bắt đầu"), default=timezone.localdate)
    closes_on = models.DateField(_("ngày kết thúc"))
    contact_mode = models.CharField(
        _("thông tin người trả lời"),
        max_length=10,
        choices=ContactMode.choices,
        default=ContactMode.ANONYMOUS,
    )
    one_per_person = models.CharField(
        _("mỗi người trả lời một lần"), max_length=10, choices=OnePerPerson.choices, default="", blank=True
    )
    province_wide = models.BooleanField(
        _("khảo sát toàn tỉnh"),
        default=False,
        help_text=_(
            "Chỉ áp dụng cho khảo sát trên Cổng của tỉnh: mọi đơn vị đưa khảo sát lên trang của mình "
            "và kết quả được thống kê theo từng đơn vị."
        ),
    )
    results_public = models.BooleanField(_("công khai kết quả sau khi kết thúc"), default=False)
    thank_you = RichTextField(_("lời cảm ơn"), blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Thời gian nhận ý kiến")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_mode"),
                FieldPanel("one_per_person"),
                FieldPanel("province_wide"),
                FieldPanel("results_public"),
            ],
            heading=_("Cách thức khảo sát"),
        ),
        FieldPanel("thank_you"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.FilterField("closes_on")]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    template = "surveys/survey_page.html"

    class Meta:
        verbose_name = _("khảo sát")
        verbose_name_plural = _("khảo sát")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def question_list(self):
        """The survey's questions, numbered from 1."""
        found = []
        for child in self.questions:
            value = child.value
            found.append(
                SurveyQuestion(
                    key=str(child.id),
                    kind=child.block_type,
                    number=len(found) + 1,
                    label=value.get("label", ""),
                    help_text=value.get("help_text", "") or "",
                    required=bool(value.get("required")),
                    options=tuple(str(o) for o in value.get("options", ()) if str(o).strip()),
                    low_label=value.get("low_label", "") or "",
                    high_label=value.get("high_label", "") or "",
                    min_value=value.get("min_value"),
                    max_value=value.get("max_value"),
                )
            )
        return found

    def status_on(self, day=None):
        """The status on ``day``: "upcoming", "open" or "closed" (today by default)."""
        day = day or timezone.localdate()
        if day < self.opens_on:
            return "upcoming"
        if day > self.closes_on:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.status_on() == "open"

    @property
    def is_closed(self):
        return self.status_on() == "closed"

    @property
    def shows_public_results(self):
        return self.results_public and self.is_closed

    @path("")
    def form(self, request):
        from .views import survey_view

        return survey_view(self, request, "form")

    @path("da-gui/", name="sent")
    def sent(self, request):
        from .views import survey_view

        return survey_view(self, request, "sent")

    @path("ket-qua/", name="results")
    def results(self, request):
        from .views import public_results_view

        return public_results_view(self, request)


class SurveyResponse(models.Model):
    """One citizen's response. ``unit`` is the unit on whose site it was given
    (the survey's own unit, or any unit for a province-wide survey).
    ``respondent_key`` is a keyed hash of the verified e-mail or of the browser
    token when the survey takes one response per person; the unique constraint
    makes the rule hold even for two simultaneous submissions."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("khảo sát"), on_delete=models.CASCADE, related_name="responses"
    )
    unit = models.ForeignKey(
        "multisite.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("thời gian gửi"), default=timezone.now)
    name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    respondent_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["survey", "unit"], name="surveys_response_unit")]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=~models.Q(respondent_key=""),
                name="surveys_one_response_per_person",
            )
        ]

    def __str__(self):
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One answer to one question: a chosen option (one row per option of a
    multiple choice), a scale level (``choice`` "1"…"5" and ``number``), a number
    or a text. ``survey`` is repeated from the response so that statistics are a
    single indexed ``GROUP BY`` per survey."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=40)
    choice = models.CharField(max_length=255, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["survey", "question", "choice"], name="surveys_answer_choice"),
            models.Index(fields=["response", "question"], name="surveys_answer_response"),
            models.Index(fields=["survey", "question", "number"], name="surveys_answer_number"),
        ]

    def __str__(self):
        return f"{self.response_id}:{self.question}"


class EmailCode(models.Model):
    """A one-time code mailed to verify an e-mail address before answering a
    survey that takes one response per address. Only a hash of the code is kept."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)

    LIFETIME = datetime.timedelta(minutes=30)
    MAX_ATTEMPTS = 5

    class Meta:
        indexes = [models.Index(fields=["survey", "email"], name="surveys_code_email")]

    def __str__(self):
        return f"{self.survey_id}:{self.email}"

    @property
    def expired(self):
        return timezone.now() > self.created_at + self.LIFETIME or self.attempts >= self.MAX_ATTEMPTS
