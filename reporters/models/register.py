"""The register of legal reporters and legal propagandists, and their activities.

People and activities are unit-owned snippets: each unit keeps its own register,
isolated from other units in the admin; the public directory and the figures
read across a unit and the units below it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.text import ascii_key, compact_ascii_key
from multisite.models import Unit, UnitOwned
from multisite.scoping import user_unit_ids


class PersonKind(models.TextChoices):
    REPORTER = "reporter", _("Báo cáo viên pháp luật")
    PROPAGANDIST = "propagandist", _("Tuyên truyền viên pháp luật")


class RecognitionLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    WITHDRAWN = "withdrawn", _("Đã thu hồi công nhận")


PUBLIC_STATUSES = (PersonStatus.ACTIVE, PersonStatus.SUSPENDED)


class ActivityForm(models.TextChoices):
    CONFERENCE = "conference", _("Hội nghị, hội thảo, tọa đàm")
    MOBILE = "mobile", _("Tuyên truyền lưu động")
    ONLINE = "online", _("Trực tuyến")
    SCHOOL = "school", _("Trong trường học")
    RADIO = "radio", _("Phát thanh, truyền hình")
    COUNSELLING = "counselling", _("Tư vấn, giải đáp pháp luật")
    CONTEST = "contest", _("Thi tìm hiểu pháp luật")
    OTHER = "other", _("Hình thức khác")


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People shown to the public: active or suspended, never withdrawn."""
        return self.filter(status__in=PUBLIC_STATUSES)


class UnitScopedForm(WagtailAdminModelForm):
    """Admin form whose unit-owned choices (unit, person) stop at the user's units."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return
        unit_ids = user_unit_ids(user)
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids)
            if len(unit_ids) == 1 and not self.instance.pk:
                self.fields["unit"].initial = next(iter(unit_ids))
        if "person" in self.fields:
            self.fields["person"].queryset = Person.objects.filter(unit_id__in=unit_ids)


class Person(UnitOwned):
    """A legal reporter or legal propagandist recognised by a unit's decision."""

    kind = models.CharField(_("loại"), max_length=20, choices=PersonKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=100)
    decision_key = models.CharField(max_length=100, editable=False)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_issuer = models.CharField(_("cơ quan ra quyết định"), max_length=255, blank=True)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=RecognitionLevel.choices)
    agency = models.CharField(_("cơ quan, đơn vị công tác"), max_length=255, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    fields = models.ManyToManyField(
        "core.LegalField", verbose_name=_("lĩnh vực"), blank=True, related_name="people"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    status_date = models.DateField(_("ngày thay đổi tình trạng"), null=True, blank=True)
    status_reason = models.TextField(_("lý do"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    contact_public = models.BooleanField(
        _("đồng ý công khai thông tin liên hệ"),
        default=False,
        help_text=_(
            "Chỉ đánh dấu khi người này đã đồng ý; nếu không, điện thoại, thư điện tử và địa chỉ không hiển thị công khai."
        ),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    base_form_class = UnitScopedForm

    panels = [
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
        FieldPanel("full_name"),
        MultiFieldPanel(
            [FieldPanel("decision_number"), FieldPanel("decision_date"), FieldPanel("decision_issuer")],
            heading=_("Quyết định công nhận"),
        ),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("position")]),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_date"), FieldPanel("status_reason")],
            heading=_("Tình trạng"),
        ),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address"), FieldPanel("contact_public")],
            heading=_("Thông tin liên hệ"),
        ),
    ]

    class Meta:
        verbose_name = _("báo cáo viên, tuyên truyền viên")
        verbose_name_plural = _("báo cáo viên, tuyên truyền viên")
        ordering = ["name_key", "pk"]
        indexes = [models.Index(fields=["unit", "status", "kind"], name="reporters_person_scope")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "decision_key", "name_key"], name="reporters_person_unique_recognition"
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def fields_display(self):
        return "; ".join(field.name for field in self.fields.all())

    fields_display.short_description = _("lĩnh vực")

    def duplicate(self):
        """Another person of the same unit with the same recognition decision and name."""
        return (
            Person.objects.filter(
                unit_id=self.unit_id,
                decision_key=compact_ascii_key(self.decision_number),
                name_key=ascii_key(self.full_name),
            )
            .exclude(pk=self.pk)
            .first()
        )

    def clean(self):
        super().clean()
        self.full_name = " ".join((self.full_name or "").split())
        self.validate_status()
        if self.unit_id and self.full_name and self.decision_number and self.duplicate():
            raise ValidationError(
                _("Đơn vị đã có người tên “%(name)s” theo quyết định số %(number)s.")
                % {"name": self.full_name, "number": self.decision_number}
            )

    def validate_status(self):
        """A withdrawn recognition needs its date. Run by ``clean()``, and by the
        importer, which treats a duplicate as a person already there rather than
        an error."""
        if self.status == PersonStatus.WITHDRAWN and not self.status_date:
            raise ValidationError({"status_date": _("Ghi ngày thu hồi công nhận.")})

    def save(self, *args, **kwargs):
        self.full_name = " ".join((self.full_name or "").split())
        self.name_key = ascii_key(self.full_name)
        self.decision_key = compact_ascii_key(self.decision_number)
        super().save(*args, **kwargs)


class Activity(UnitOwned, ClusterableModel):
    """One dissemination activity a reporter or propagandist carried out."""

    person = models.ForeignKey(
        Person, verbose_name=_("người thực hiện"), on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField(_("ngày thực hiện"))
    topic = models.CharField(_("chủ đề, nội dung"), max_length=500)
    form = models.CharField(_("hình thức"), max_length=20, choices=ActivityForm.choices)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    audience = models.PositiveIntegerField(_("số người nghe"), default=0)
    target_group = models.CharField(
        _("đối tượng"), max_length=255, blank=True, help_text=_("Ví dụ: học sinh, công nhân, người dân.")
    )
    material_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tài liệu sử dụng (trang)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    material_url = models.URLField(_("tài liệu sử dụng (địa chỉ)"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    base_form_class = UnitScopedForm

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("form")]),
        FieldPanel("topic"),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("target_group")]),
        MultiFieldPanel([FieldPanel("material_page"), FieldPanel("material_url")], heading=_("Tài liệu")),
        InlinePanel("evidence", label=_("Tệp minh chứng")),
    ]

    class Meta:
        verbose_name = _("hoạt động của báo cáo viên, tuyên truyền viên")
        verbose_name_plural = _("hoạt động của báo cáo viên, tuyên truyền viên")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["unit", "date"], name="reporters_activity_unit_date"),
            models.Index(fields=["person", "date"], name="reporters_activity_person"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.topic}"

    def clean(self):
        super().clean()
        if self.person_id:
            self.unit_id = Person.objects.filter(pk=self.person_id).values_list("unit_id", flat=True).first()

    def save(self, *args, **kwargs):
        if self.person_id and not self.unit_id:
            self.unit_id = self.person.unit_id
        super().save(*args, **kwargs)

    @property
    def material_link(self):
        if self.material_url:
            return self.material_url
        if self.material_page_id:
            return self.material_page.get_url()
        return ""


class ActivityEvidence(Orderable):
    """A document (minutes, photo sheet, list of participants) proving an activity."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
