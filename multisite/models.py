"""The organisation tree: the province, its departments, districts and communes.

Each unit has its own Wagtail site, collection, groups and workflow; they are
created together by :func:`multisite.provisioning.provision_unit`.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành, đoàn thể")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


# Which kinds a unit of each kind may sit under. Only the province has no parent;
# communes sit under the province (two-tier government since 2025) or under a
# district (the older three-tier one). Nothing else depends on the tree's depth.
ALLOWED_PARENT_KINDS = {
    UnitKind.PROVINCE: frozenset(),
    UnitKind.DEPARTMENT: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    UnitKind.COMMUNE: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT}),
}


class UnitRole(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    MODERATOR = "moderator", _("Kiểm duyệt")
    EDITOR = "editor", _("Biên tập viên")
    REPORTER = "reporter", _("Cán bộ báo cáo")


class Unit(index.Indexed, models.Model):
    """An organisation that runs a PBGDPL site: the province or one of its units."""

    code = models.SlugField(
        _("mã đơn vị"),
        max_length=63,
        unique=True,
        help_text=_("Chữ thường không dấu, chữ số và dấu gạch ngang; dùng làm tên miền con."),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    kind = models.CharField(_("cấp đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("trang thông tin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("thư mục ảnh và tài liệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("quy trình duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def root_page(self):
        return self.site.root_page if self.site_id else None

    @property
    def root_url(self):
        return self.site.root_url if self.site_id else ""

    def group_for(self, role):
        return self.groups.get(role=role).group

    def descendant_ids(self):
        """IDs of every unit below this one (see lookup.unit_subtree_ids)."""
        from .lookup import unit_subtree_ids

        return unit_subtree_ids(self.pk)[1:]


class UnitGroup(models.Model):
    """The Django group that carries one role's permissions inside one unit."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="groups")
    role = models.CharField(_("vai trò"), max_length=20, choices=UnitRole.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="unit_role")

    class Meta:
        verbose_name = _("nhóm của đơn vị")
        verbose_name_plural = _("nhóm của đơn vị")
        constraints = [models.UniqueConstraint(fields=["unit", "role"], name="unique_unit_role")]

    def __str__(self):
        return f"{self.unit} – {self.get_role_display()}"


class UnitSection(models.Model):
    """One of the unit's mandatory sections, found by its key (core.registries.sections)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("mã chuyên mục"), max_length=40)
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("chuyên mục bắt buộc")
        verbose_name_plural = _("chuyên mục bắt buộc")
        constraints = [models.UniqueConstraint(fields=["unit", "key"], name="unique_unit_section")]

    def __str__(self):
        return f"{self.unit} – {self.key}"


class StaffProfile(models.Model):
    """Ties a staff account to the one unit it belongs to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="staff")

    class Meta:
        verbose_name = _("hồ sơ cán bộ")
        verbose_name_plural = _("hồ sơ cán bộ")

    def __str__(self):
        return f"{self.user} ({self.unit})"


class UnitOwned(models.Model):
    """Base for snippets that belong to one unit and are isolated between units."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class UnitLink(UnitOwned):
    """An entry of a unit's "Liên kết" section (a link to another website)."""

    title = models.CharField(_("tên liên kết"), max_length=255)
    url = models.URLField(_("địa chỉ"))
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("unit"), FieldPanel("title"), FieldPanel("url"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("liên kết")
        verbose_name_plural = _("liên kết")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title
