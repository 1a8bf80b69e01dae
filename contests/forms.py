"""The contestant's registration and answer sheet (page and API share them)."""

import datetime
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms_protection import ProtectedFormMixin

from .models import IdNumberRule, ResidenceRule
from .services import person_key

PHONE_RE = re.compile(r"^0\d{9,10}$")
ID_NUMBER_RE = re.compile(r"^\d{12}$")


class RegistrationForm(ProtectedFormMixin, forms.Form):
    """Who takes the attempt; the contest decides whether the ID number (CCCD) is
    asked and whether a unit, an address or either is required."""

    rate_limit_scope = "contest-start"

    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    birth_date = forms.DateField(
        label=gettext_lazy("Ngày sinh"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=gettext_lazy("dd/mm/yyyy"),
        error_messages={"invalid": gettext_lazy("Ngày sinh phải theo dạng dd/mm/yyyy, ví dụ 15/08/1990.")},
    )
    phone = forms.CharField(label=gettext_lazy("Số điện thoại"), max_length=20)
    id_number = forms.CharField(label=gettext_lazy("Số CCCD"), max_length=12, required=False)
    home_unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị (xã, phường, cơ quan)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— Chọn đơn vị —"),
        error_messages={"invalid_choice": gettext_lazy("Đơn vị đã chọn không có trong danh sách.")},
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.rate_limit = settings.CONTESTS_RATE_LIMIT
        self.contest = contest
        self.fields["home_unit"].queryset = contest.contestant_units()
        if contest.id_number_rule == IdNumberRule.NONE:
            del self.fields["id_number"]
        else:
            self.fields["id_number"].required = contest.id_number_rule == IdNumberRule.REQUIRED
        if contest.residence_rule == ResidenceRule.UNIT:
            del self.fields["address"]
            self.fields["home_unit"].required = True
        elif contest.residence_rule == ResidenceRule.ADDRESS:
            del self.fields["home_unit"]
            self.fields["address"].required = True
        for field in self.fields.values():
            if field.required:
                field.error_messages["required"] = _("Vui lòng nhập %(field)s.") % {
                    "field": str(field.label).lower()
                }

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if value > today or value < datetime.date(1900, 1, 1):
            raise forms.ValidationError(_("Ngày sinh không hợp lệ."))
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not PHONE_RE.match(person_key(value)):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0)."))
        return value

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "").strip()
        if value and not ID_NUMBER_RE.match(value):
            raise forms.ValidationError(_("Số CCCD gồm 12 chữ số."))
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            self.contest.residence_rule == ResidenceRule.UNIT_OR_ADDRESS
            and not cleaned.get("home_unit")
            and not (cleaned.get("address") or "").strip()
            and "home_unit" not in self.errors
        ):
            self.add_error("home_unit", _("Vui lòng chọn đơn vị hoặc nhập địa chỉ."))
        return cleaned


def parse_prediction(value):
    """The prediction as a non-negative whole number, or a Vietnamese error."""
    text = str(value if value is not None else "").strip().replace(".", "").replace(",", "")
    if not text:
        raise ValueError(_("Vui lòng trả lời câu hỏi dự đoán."))
    if not text.isdigit() or len(text) > 9:
        raise ValueError(_("Câu trả lời dự đoán phải là một số nguyên không âm."))
    return int(text)
