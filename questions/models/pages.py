"""Public pages: the Q&A section (form, answers, status), answers, policy dialogues."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage, LegalField

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AnswerSource(models.TextChoices):
    LOCAL = "", _("Đơn vị trả lời")
    MINISTRY = "moj", _("Cơ sở dữ liệu hỏi đáp của Bộ Tư pháp")


class QuestionIndexPage(RoutablePageMixin, BasePage):
    """ "Hỏi đáp – Đối thoại chính sách": the question form, the published answers
    (this unit's and, rolled up, those of the units below; the whole province on
    the portal), the status page by tracking code, the RSS feed, and the dialogues."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["questions.QuestionAnswerPage", "questions.DialoguePage"]
    max_count_per_parent = 1
    template = "questions/question_index_page.html"

    class Meta:
        verbose_name = _("hỏi đáp – đối thoại chính sách")
        verbose_name_plural = _("hỏi đáp – đối thoại chính sách")

    @path("")
    def index(self, request):
        from ..views import index_view

        return index_view(self, request)

    @path("da-gui/", name="sent")
    def sent(self, request):
        from ..views import sent_view

        return sent_view(self, request)

    @path("tra-cuu/", name="status")
    def status(self, request):
        from ..views import status_view

        return status_view(self, request)

    @path("rss/", name="feed")
    def feed(self, request):
        from ..feeds import AnswersFeed

        return AnswersFeed(self)(request)


class QuestionAnswerPage(BasePage):
    """A published question and its answer. The question is shown without its
    asker's contact details; ``question`` links back to the citizen's question
    (publishing marks it answered and tells the citizen, see signals.py)."""

    question_text = models.TextField(
        _("câu hỏi"),
        help_text=_(
            "Nội dung câu hỏi được công khai: không ghi họ tên, địa chỉ, số điện thoại của người hỏi."
        ),
    )
    field = models.ForeignKey(
        LegalField,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = RichTextField(_("trả lời"), features=TEXT_FEATURES + ["h3", "h4"])
    date = models.DateField(_("ngày trả lời"), default=timezone.localdate)
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("câu hỏi của người dân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer_pages",
        editable=False,
    )
    source = models.CharField(
        _("nguồn"), max_length=10, choices=AnswerSource.choices, default=AnswerSource.LOCAL, blank=True
    )
    source_ref = models.CharField(_("mã ở nguồn"), max_length=100, blank=True, db_index=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("field"),
        FieldPanel("question_text"),
        FieldPanel("answer"),
        FieldPanel("date"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("question_text"),
        index.SearchField("answer"),
        index.AutocompleteField("question_text"),
        index.FilterField("field"),
        index.FilterField("source"),
        index.FilterField("date"),
    ]
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []
    template = "questions/question_answer_page.html"

    class Meta:
        verbose_name = _("câu hỏi – trả lời")
        verbose_name_plural = _("câu hỏi – trả lời")

    @property
    def fields(self):
        """The page's legal field as a queryset, for the search's "Lĩnh vực" facet."""
        return LegalField.objects.filter(pk=self.field_id)


class DialoguePage(RoutablePageMixin, BasePage):
    """A policy–law dialogue: a draft divided into parts that citizens comment on
    between the opening and closing dates (comments are pre-moderated; officials
    reply under them), then a summary."""

    topic = RichTextField(_("chủ đề, nội dung đối thoại"), features=TEXT_FEATURES)
    opens_on = models.DateField(_("ngày mở"))
    closes_on = models.DateField(_("ngày đóng"))
    conclusion = RichTextField(
        _("kết luận sau đối thoại"), blank=True, features=TEXT_FEATURES, help_text=_("Viết sau khi đóng.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("topic"),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Thời gian lấy ý kiến")),
        InlinePanel("parts", heading=_("Các phần của dự thảo"), label=_("phần"), min_num=1),
        InlinePanel("attachments", heading=_("Tài liệu kèm theo"), label=_("tài liệu")),
        FieldPanel("conclusion"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("topic"), index.FilterField("closes_on")]
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []
    template = "questions/dialogue_page.html"

    class Meta:
        verbose_name = _("đối thoại chính sách – pháp luật")
        verbose_name_plural = _("đối thoại chính sách – pháp luật")

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today=None):
        return (today or timezone.localdate()) > self.closes_on

    @path("")
    def dialogue(self, request):
        from ..dialogues import dialogue_view

        return dialogue_view(self, request)

    @path("tong-hop/", name="summary")
    def summary(self, request):
        from ..dialogues import summary_view

        return summary_view(self, request)


class DialoguePart(Orderable):
    """One part (chapter, article) of a dialogue's draft."""

    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="parts")
    heading = models.CharField(_("tên phần, điều"), max_length=255)
    text = RichTextField(_("nội dung"), features=TEXT_FEATURES)

    panels = [FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("phần của dự thảo")
        verbose_name_plural = _("phần của dự thảo")

    def __str__(self):
        return self.heading


class DialogueAttachment(Orderable):
    """A document attached to a dialogue (the full draft, an explanatory note …)."""

    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]
