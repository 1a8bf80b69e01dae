"""The public survey form, built from the survey's questions, and the e-mail
verification forms. Every refusal is a Vietnamese message on its own question."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms_protection import ProtectedFormMixin

from . import blocks as qb
from .models import ContactMode

THOUSANDS_RE = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
MAX_TEXT = {qb.SHORT_TEXT: 255, qb.LONG_TEXT: 5000}


def field_name(question):
    return f"q_{question.key}"


class SurveyForm(ProtectedFormMixin, forms.Form):
    """One field per question (named ``q_<block id>``), then the contact fields
    the survey asks for."""

    rate_limit_scope = "survey"
    # A class or a commune hall often answers from one address: more than the default.
    rate_limit = 30

    def __init__(self, *args, survey, verified_email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = survey.question_list()
        self.verified_email = verified_email
        fields = {field_name(q): self._field_for(q) for q in self.questions}
        mode = survey.contact_mode
        if mode != ContactMode.ANONYMOUS:
            required = mode == ContactMode.REQUIRED
            fields["contact_name"] = forms.CharField(
                label=_("Họ và tên"),
                max_length=200,
                required=required,
                error_messages={"required": _("Vui lòng nhập họ và tên.")},
            )
            if not verified_email:
                fields["contact_email"] = forms.EmailField(
                    label=_("E-mail"), required=False, error_messages={"invalid": _("E-mail không hợp lệ.")}
                )
            fields["contact_phone"] = forms.RegexField(
                label=_("Điện thoại"),
                regex=r"^[0-9 +().-]{8,20}$",
                required=False,
                error_messages={"invalid": _("Số điện thoại không hợp lệ.")},
            )
        honeypot = self.fields.pop("website_url")
        self.fields.update(fields)
        self.fields["website_url"] = honeypot

    def _field_for(self, question):
        required_message = _("Vui lòng trả lời câu hỏi này.")
        common = {
            "label": question.label,
            "help_text": question.help_text,
            "required": question.required,
            "error_messages": {"required": required_message},
        }
        kind = question.kind
        if kind == qb.SINGLE:
            return _choice(question, common, forms.ChoiceField, forms.RadioSelect)
        if kind == qb.MULTIPLE:
            return _choice(question, common, forms.MultipleChoiceField, forms.CheckboxSelectMultiple)
        if kind == qb.SCALE:
            field = _choice(question, common, forms.TypedChoiceField, forms.RadioSelect)
            field.choices = [(str(v), str(v)) for v in qb.SCALE_VALUES]
            field.coerce = int
            return field
        if kind == qb.NUMBER:
            return NumberField(question, **common)
        return forms.CharField(
            max_length=MAX_TEXT[kind],
            widget=forms.Textarea(attrs={"rows": 5}) if kind == qb.LONG_TEXT else forms.TextInput,
            **{
                **common,
                "error_messages": {
                    **common["error_messages"],
                    "max_length": _("Câu trả lời dài quá %(limit_value)d ký tự."),
                },
            },
        )

    def bound_questions(self):
        """(question, bound field) pairs in order, for the template."""
        return [(q, self[field_name(q)]) for q in self.questions]

    def contact_fields(self):
        return [
            self[name] for name in ("contact_name", "contact_email", "contact_phone") if name in self.fields
        ]

    def answers(self):
        """{question key: cleaned value} of the answered questions."""
        found = {}
        for q in self.questions:
            value = self.cleaned_data.get(field_name(q))
            if value in (None, "", []):
                continue
            found[q.key] = value
        return found


def _choice(question, common, field_class, widget):
    messages = {
        **common["error_messages"],
        "invalid_choice": _("Phương án đã chọn không có trong danh sách."),
    }
    if field_class is forms.MultipleChoiceField:
        messages["invalid_list"] = _("Phương án đã chọn không có trong danh sách.")
    return field_class(
        choices=[(o, o) for o in question.options],
        widget=widget,
        **{**common, "error_messages": messages},
    )


class NumberField(forms.CharField):
    """A number typed Vietnamese-style ("1.500" or "2,5" both read), checked
    against the question's bounds."""

    def __init__(self, question, **kwargs):
        self.question = question
        super().__init__(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip().replace(" ", "")
        if not value:
            return None
        if "," in value:
            normalised = value.replace(".", "").replace(",", ".")
        elif THOUSANDS_RE.match(value):
            normalised = value.replace(".", "")
        else:
            normalised = value
        try:
            number = Decimal(normalised)
        except InvalidOperation:
            raise forms.ValidationError(_("Vui lòng nhập một số, ví dụ 25 hoặc 2,5.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise forms.ValidationError(_("Vui lòng nhập một số, ví dụ 25 hoặc 2,5."))
        q = self.question
        if q.min_value is not None and number < q.min_value:
            raise forms.ValidationError(_("Số phải từ %(min)s trở lên.") % {"min": q.min_value})
        if q.max_value is not None and number > q.max_value:
            raise forms.ValidationError(_("Số không được lớn hơn %(max)s.") % {"max": q.max_value})
        return number.quantize(Decimal("0.01"))


class EmailStepForm(ProtectedFormMixin, forms.Form):
    """Step 1 of the verification: the address the code is mailed to."""

    rate_limit_scope = "survey-code"
    email = forms.EmailField(
        label=gettext_lazy("Địa chỉ e-mail của bạn"),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập địa chỉ e-mail."),
            "invalid": gettext_lazy("E-mail không hợp lệ."),
        },
    )


class CodeStepForm(forms.Form):
    """Step 2: the code received by e-mail."""

    code = forms.RegexField(
        label=gettext_lazy("Mã xác minh (6 chữ số)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": gettext_lazy("Vui lòng nhập mã xác minh."),
            "invalid": gettext_lazy("Mã xác minh gồm 6 chữ số."),
        },
    )
