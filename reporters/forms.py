"""Forms of the public directory and of the admin import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import LegalField

from .models.register import PersonKind, PersonStatus


class DirectoryFilterForm(forms.Form):
    """GET filters of the public directory; every value is optional and checked."""

    q = forms.CharField(label=_("Họ tên"), required=False, max_length=100)
    loai = forms.ChoiceField(label=_("Loại"), required=False)
    don_vi = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    tinh_trang = forms.ChoiceField(label=_("Tình trạng"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["loai"].choices = everything + list(PersonKind.choices)
        self.fields["tinh_trang"].choices = everything + [
            (PersonStatus.ACTIVE.value, PersonStatus.ACTIVE.label),
            (PersonStatus.SUSPENDED.value, PersonStatus.SUSPENDED.label),
        ]
        self.fields["linh_vuc"].choices = everything + list(LegalField.objects.values_list("slug", "name"))
        self.fields["don_vi"].choices = everything + [(pk, name) for pk, name in units]
        if len(units) < 2:
            del self.fields["don_vi"]


class ImportForm(forms.Form):
    """Upload of an Excel register; staff import into their own unit only."""

    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Theo mẫu tải về ở trang này; tối đa 5 MB."),
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)

    max_size = 5 * 1024 * 1024

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first().pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel định dạng .xlsx."))
        if upload.size > self.max_size:
            raise forms.ValidationError(_("Tệp lớn quá 5 MB."))
        return upload
