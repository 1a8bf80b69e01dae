"""The coordination council (Hội đồng phối hợp PBGDPL) of a unit and its activities."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import BasePage
from multisite.lookup import unit_info_for_page
from multisite.models import UnitKind


class CouncilPage(BasePage):
    """The council section of a unit: members, founding decisions, plans and reports,
    and the activities of this council (and, on the provincial portal, of every council)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("members", label=_("Thành viên Hội đồng"), heading=_("Thành viên")),
        InlinePanel("decisions", label=_("Quyết định thành lập, kiện toàn"), heading=_("Quyết định")),
        InlinePanel("plans", label=_("Kế hoạch, báo cáo hằng năm"), heading=_("Kế hoạch, báo cáo")),
    ]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["council.CouncilActivityPage"]
    max_count_per_parent = 1
    template = "council/council_page.html"
    page_size = 10

    class Meta:
        verbose_name = _("Hội đồng phối hợp PBGDPL")
        verbose_name_plural = _("Hội đồng phối hợp PBGDPL")

    def activities(self):
        """Live public activities of this council, or of every council under the province."""
        pages = CouncilActivityPage.objects.live().public()
        info = self.unit_info
        if info is None or info["kind"] != UnitKind.PROVINCE:
            pages = pages.child_of(self)
        return pages.order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        info = self.unit_info
        context["all_councils"] = info is not None and info["kind"] == UnitKind.PROVINCE
        activities = Paginator(
            self.activities().only(
                "id", "title", "path", "url_path", "depth", "date", "kind", "place", "locale_id"
            ),
            self.page_size,
        ).get_page(request.GET.get("trang"))
        for activity in activities:
            activity.unit_name = (unit_info_for_page(activity) or {}).get("name", "")
            activity.link = activity.get_url(request)
        context["activities"] = activities
        context["members"] = self.members.select_related("photo").prefetch_related("photo__renditions")
        context["decisions"] = self.decisions.select_related("document")
        context["plans"] = self.plans.select_related("document").order_by("-year", "sort_order")
        return context


class CouncilMember(Orderable):
    """A member of the council, shown in the order the editor sets."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=255)
    council_position = models.CharField(
        _("chức vụ trong Hội đồng"), max_length=255, help_text=_("Ví dụ: Chủ tịch, Phó Chủ tịch, Thành viên.")
    )
    work_position = models.CharField(_("chức vụ công tác"), max_length=255, blank=True)
    agency = models.CharField(_("cơ quan công tác"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("mô tả ảnh"), max_length=255, blank=True, help_text=_("Để trống sẽ dùng họ và tên.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("council_position"),
        FieldRowPanel([FieldPanel("work_position"), FieldPanel("agency")]),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")

    def __str__(self):
        return self.name

    @property
    def alt_text(self):
        return self.photo_alt or self.name


class CouncilDecision(Orderable):
    """A decision that established or changed the council's membership."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("trích yếu"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    REPORT = "report", _("Báo cáo")


class CouncilPlan(Orderable):
    """The council's annual plan or report, as a document."""

    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=10, choices=PlanKind.choices, default=PlanKind.PLAN)
    title = models.CharField(_("tên"), max_length=500)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kế hoạch, báo cáo")
        verbose_name_plural = _("kế hoạch, báo cáo")


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Phiên họp")
    CAMPAIGN = "campaign", _("Đợt cao điểm, chiến dịch")
    INSPECTION = "inspection", _("Kiểm tra, giám sát")
    OTHER = "other", _("Hoạt động khác")


class CouncilActivityPage(BasePage):
    """A meeting, campaign, inspection or other activity of a council."""

    kind = models.CharField(_("loại hoạt động"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("ngày"), default=timezone.localdate)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"])
    participants = models.TextField(_("thành phần tham dự"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("place"),
        FieldPanel("listing_summary"),
        FieldPanel("body"),
        FieldPanel("participants"),
        MultiFieldPanel([InlinePanel("photos", label=_("Ảnh"))], heading=_("Ảnh hoạt động")),
        MultiFieldPanel([InlinePanel("files", label=_("Tệp"))], heading=_("Tệp đính kèm")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("date"),
    ]
    parent_page_types = ["council.CouncilPage"]
    subpage_types = []
    template = "council/council_activity_page.html"

    class Meta:
        verbose_name = _("hoạt động của Hội đồng")
        verbose_name_plural = _("hoạt động của Hội đồng")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["photos"] = self.photos.select_related("image").prefetch_related("image__renditions")
        context["files"] = self.files.select_related("document")
        return context


class CouncilActivityPhoto(Orderable):
    page = ParentalKey(CouncilActivityPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    alt = models.CharField(
        _("mô tả ảnh"), max_length=255, help_text=_("Mô tả nội dung ảnh cho người khiếm thị.")
    )
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]


class CouncilActivityFile(Orderable):
    page = ParentalKey(CouncilActivityPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title
