"""Statistics reports: forms of indicators, reporting periods, each unit's report.

A form is versioned: once a period uses it, it is frozen and changes go into a
new version (same code, next number), so an old period keeps its form. Opening
a period creates one report per unit that must report; each report climbs the
unit tree (commune → district → province), its parent returning or accepting it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core import registries
from core.uploads import UploadValidator
from multisite.models import UnitOwned


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Số")
    PERCENTAGE = "percentage", _("Tỷ lệ (%)")
    TEXT = "text", _("Văn bản")


class PeriodKind(models.TextChoices):
    SIX_MONTHLY = "six_monthly", _("Báo cáo 6 tháng")
    YEARLY = "yearly", _("Báo cáo năm")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


# Reports whose figures count in roll-ups and dashboards.
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def source_choices():
    """The figures other apps offer (core.registries.report_indicator_sources)."""
    return [("", _("Không – đơn vị tự nhập"))] + [
        (source.key, source.label) for source in registries.report_indicator_sources
    ]


class ReportForm(ClusterableModel):
    """A report form ("biểu mẫu báo cáo") of indicators grouped in sections."""

    title = models.CharField(_("tên biểu mẫu"), max_length=255)
    code = models.SlugField(
        _("mã biểu mẫu"), max_length=60, help_text=_("Giữ nguyên qua các phiên bản của cùng một biểu mẫu.")
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    description = models.TextField(_("hướng dẫn chung"), blank=True)
    unit_kinds = models.JSONField(_("cấp đơn vị phải báo cáo"), default=list, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("biểu mẫu báo cáo")
        verbose_name_plural = _("biểu mẫu báo cáo")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_report_form_version")]

    def __str__(self):
        return f"{self.title} (phiên bản {self.version})"

    @property
    def is_used(self):
        """A form used by a period is frozen; changes go into a new version."""
        return self.pk is not None and self.periods.exists()


class Indicator(Orderable):
    """One figure a unit reports ("chỉ tiêu"), in a section of its form."""

    form = ParentalKey(ReportForm, related_name="indicators", on_delete=models.CASCADE)
    section = models.CharField(
        _("phần"), max_length=255, blank=True, help_text=_("Các chỉ tiêu cùng phần được nhóm lại trên biểu.")
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    kind = models.CharField(_("kiểu số liệu"), max_length=20, choices=IndicatorKind.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    help_text = models.TextField(_("hướng dẫn"), blank=True)
    required = models.BooleanField(_("bắt buộc"), default=False)
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        _("lấy số liệu tự động từ"), max_length=80, blank=True, default="", choices=source_choices
    )
    public = models.BooleanField(_("công bố công khai"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="unique_indicator_code")]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def is_numeric(self):
        return self.kind != IndicatorKind.TEXT

    def bounds(self):
        """(lowest, highest) allowed; percentages lie between 0 and 100 unless narrowed."""
        low, high = self.min_value, self.max_value
        if self.kind == IndicatorKind.PERCENTAGE:
            low = 0 if low is None else max(low, 0)
            high = 100 if high is None else min(high, 100)
        return low, high


class ReportingPeriod(models.Model):
    """A six-monthly, yearly or ad hoc round of reports on one form version.

    An ad hoc request ("báo cáo đột xuất") names its units and indicators; the
    regular periods ask every unit of the form's kinds for every indicator.
    """

    form = models.ForeignKey(
        ReportForm, verbose_name=_("biểu mẫu"), on_delete=models.PROTECT, related_name="periods"
    )
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=PeriodKind.choices)
    title = models.CharField(_("tên kỳ báo cáo"), max_length=255)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    units = models.ManyToManyField(
        "multisite.Unit",
        verbose_name=_("đơn vị được yêu cầu"),
        blank=True,
        related_name="+",
        help_text=_("Chỉ dùng cho báo cáo đột xuất."),
    )
    indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("chỉ tiêu được yêu cầu"),
        blank=True,
        related_name="+",
        help_text=_("Chỉ dùng cho báo cáo đột xuất; để trống: mọi chỉ tiêu của biểu mẫu."),
    )
    request_note = models.TextField(_("nội dung yêu cầu"), blank=True)
    published = models.BooleanField(
        _("công bố số liệu"),
        default=False,
        help_text=_("Các chỉ tiêu được đánh dấu công khai hiện trên trang “Số liệu thống kê”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-end", "-pk"]

    def __str__(self):
        return self.title

    def requested_indicators(self):
        """The indicators this period asks for, in the form's order."""
        indicators = self.form.indicators.all()
        if self.kind == PeriodKind.AD_HOC:
            chosen = list(self.indicators.values_list("pk", flat=True))
            if chosen:
                indicators = indicators.filter(pk__in=chosen)
        return list(indicators.order_by("sort_order", "pk"))

    def previous(self):
        """The period before this one on the same form (any version) and of the same kind."""
        return (
            ReportingPeriod.objects.filter(form__code=self.form.code, kind=self.kind, end__lt=self.end)
            .order_by("-end", "-pk")
            .first()
        )

    @property
    def is_overdue(self):
        return timezone.localdate() > self.deadline


class UnitReport(UnitOwned):
    """One unit's report for one period."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.CASCADE, related_name="reports"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("ngày xem xét"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của đơn vị cấp trên"), blank=True)
    reopened_count = models.PositiveIntegerField(_("số lần mở lại"), default=0)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["period", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unique_unit_report")]
        indexes = [models.Index(fields=["period", "status"], name="unit_report_period_status")]

    def __str__(self):
        return f"{self.period} – {self.unit}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_late(self):
        """Sent after the deadline, or not sent and the deadline has passed."""
        return is_late(self.status, self.submitted_at, self.period.deadline)


def is_late(status, submitted_at, deadline, today=None):
    if submitted_at is not None and status in COUNTED_STATUSES:
        return timezone.localtime(submitted_at).date() > deadline
    return (today or timezone.localdate()) > deadline


class IndicatorValue(models.Model):
    """A unit's figure for one indicator; ``prefilled`` keeps what the portal counted."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    number = models.DecimalField(_("số liệu"), max_digits=18, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    prefilled = models.DecimalField(
        _("số liệu tự động"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    correction_note = models.TextField(_("lý do điều chỉnh"), blank=True)

    class Meta:
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="unique_indicator_value")]

    def __str__(self):
        return f"{self.indicator_id}: {self.display}"

    @property
    def display(self):
        if self.number is not None:
            return format_number(self.number)
        return self.text

    @property
    def is_empty(self):
        return self.number is None and not self.text.strip()


def format_number(value):
    """Vietnamese style: 1.234,5 (dot thousands, comma decimals, no trailing zeros)."""
    if value is None:
        return ""
    normalized = value.quantize(1) if value == value.to_integral() else value.normalize()
    whole, _sep, fraction = f"{normalized:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + ".".join(groups or ["0"])
    return f"{text},{fraction}" if fraction else text


class ReportAttachment(models.Model):
    """A file sent with a report (signed scan, appendix)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(
        _("tệp đính kèm"),
        upload_to="bao-cao-thong-ke/%Y/%m/",
        validators=[UploadValidator(("document", "image"))],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title
