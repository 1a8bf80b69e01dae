"""Admin forms for units."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Unit
from .provisioning import UnitSpec, check


class ProvisionUnitForm(WagtailAdminModelForm):
    """The "Thêm đơn vị" form: the same checks as ``manage.py provision_unit``."""

    hostname = forms.CharField(
        label=_("Tên miền"),
        required=False,
        help_text=_("Để trống để dùng <mã đơn vị>.<tên miền của cổng>."),
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "address", "phone", "email", "website"]

    def to_spec(self):
        data = self.cleaned_data
        return UnitSpec(
            code=data.get("code") or "",
            name=data.get("name") or "",
            kind=data.get("kind") or "",
            parent_code=data["parent"].code if data.get("parent") else None,
            hostname=data.get("hostname") or None,
            address=data.get("address") or "",
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            website=data.get("website") or "",
        )

    def validate_unique(self):
        """Uniqueness is part of the provisioning checks below, with their wording."""

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            spec = self.to_spec()
            if Unit.objects.filter(code=spec.code).exists():
                self.add_error("code", _("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": spec.code})
            for problem in check(spec):
                self.add_error(None, problem)
        return cleaned
