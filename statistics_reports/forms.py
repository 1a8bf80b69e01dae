"""Forms of the reports' admin: filling a report, reviewing it, and the
province's form and period editors."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from core.uploads import UploadValidator
from multisite.models import Unit, UnitKind

from .models import IndicatorKind, PeriodKind, ReportAttachment, format_number


def parse_number(raw):
    """A number typed the Vietnamese way (1.234,5) or the other way (1234.5); None if empty."""
    text = (raw or "").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.rsplit(".", 1)[1]) == 3):
        text = text.replace(".", "")  # dots as thousands separators
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” không phải là một số.") % {"value": raw}) from None
    if not value.is_finite() or abs(value) >= Decimal("1e16"):
        raise ValidationError(_("“%(value)s” không phải là một số hợp lệ.") % {"value": raw})
    return value.quantize(Decimal("0.01"))


class ReportValuesForm(forms.Form):
    """One field per requested indicator (``v<id>``) and a correction note
    (``n<id>``) for the pre-filled ones. Required indicators are checked on
    submission, not on saving a draft."""

    def __init__(self, *args, indicators, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.values = values
        for indicator in indicators:
            value = values.get(indicator.pk)
            initial = ""
            if value is not None:
                initial = value.text if indicator.kind == IndicatorKind.TEXT else format_number(value.number)
            label = f"{indicator.code}. {indicator.name}"
            if indicator.unit_of_measure:
                label += f" ({indicator.unit_of_measure})"
            if indicator.kind == IndicatorKind.TEXT:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
            else:
                field = forms.CharField(
                    label=label, required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
                )
            field.help_text = indicator.help_text
            field.initial = initial
            self.fields[f"v{indicator.pk}"] = field
            if value is not None and value.prefilled is not None:
                self.fields[f"n{indicator.pk}"] = forms.CharField(
                    label=_("Lý do điều chỉnh số liệu tự động"),
                    required=False,
                    initial=value.correction_note,
                    max_length=1000,
                )

    def clean(self):
        cleaned = super().clean()
        self.parsed = {}
        for indicator in self.indicators:
            name = f"v{indicator.pk}"
            raw = cleaned.get(name, "")
            note = (cleaned.get(f"n{indicator.pk}") or "").strip()
            if indicator.kind == IndicatorKind.TEXT:
                self.parsed[indicator] = (None, raw.strip(), note)
                continue
            try:
                number = parse_number(raw)
            except ValidationError as error:
                self.add_error(name, error)
                continue
            low, high = indicator.bounds()
            if number is not None and low is not None and number < low:
                self.add_error(
                    name, _("Giá trị phải từ %(low)s trở lên.") % {"low": format_number(Decimal(low))}
                )
                continue
            if number is not None and high is not None and number > high:
                self.add_error(
                    name, _("Giá trị không được vượt quá %(high)s.") % {"high": format_number(Decimal(high))}
                )
                continue
            value = self.values.get(indicator.pk)
            if value is not None and value.prefilled is not None and number != value.prefilled and not note:
                self.add_error(
                    f"n{indicator.pk}",
                    _("Số liệu tự động là %(value)s; ghi rõ lý do khi điều chỉnh.")
                    % {"value": format_number(value.prefilled)},
                )
                continue
            self.parsed[indicator] = (number, "", note)
        return cleaned

    def rows(self):
        """(section heading or None, indicator, value field, note field or None) in the form's order."""
        section = None
        for indicator in self.indicators:
            heading = indicator.section if indicator.section != section else None
            section = indicator.section
            note = self[f"n{indicator.pk}"] if f"n{indicator.pk}" in self.fields else None
            yield heading, indicator, self[f"v{indicator.pk}"], note, self.values.get(indicator.pk)


class AttachmentForm(forms.ModelForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp đính kèm"), validators=[UploadValidator(("document", "image"))]
    )

    class Meta:
        model = ReportAttachment
        fields = ["title", "file"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("accept", gettext_lazy("Tiếp nhận báo cáo")), ("return", gettext_lazy("Trả lại để sửa"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReportFormAdminForm(WagtailAdminModelForm):
    """The form editor: which unit kinds report, and a used form is frozen."""

    unit_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Cấp đơn vị phải báo cáo"),
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_used:
            raise ValidationError(
                _(
                    "Biểu mẫu này đã được dùng cho kỳ báo cáo nên không sửa được (để kỳ cũ giữ nguyên biểu). "
                    "Hãy tạo phiên bản mới."
                )
            )
        return cleaned


class PeriodAdminForm(WagtailAdminModelForm):
    """Opening a period: an ad hoc request names its units, and chosen indicators
    must belong to the chosen form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "units" in self.fields:
            self.fields["units"].queryset = Unit.objects.order_by("kind", "name")

    def clean(self):
        cleaned = super().clean()
        start, end, deadline = cleaned.get("start"), cleaned.get("end"), cleaned.get("deadline")
        if start and end and start > end:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if start and deadline and deadline < start:
            self.add_error("deadline", _("Hạn gửi báo cáo không thể trước kỳ báo cáo."))
        form = cleaned.get("form")
        indicators = cleaned.get("indicators")
        if form is not None and indicators:
            foreign = [i for i in indicators if i.form_id != form.pk]
            if foreign:
                self.add_error("indicators", _("Chỉ chọn chỉ tiêu của biểu mẫu đã chọn."))
        if cleaned.get("kind") == PeriodKind.AD_HOC and not cleaned.get("units"):
            self.add_error("units", _("Báo cáo đột xuất phải chọn đơn vị được yêu cầu."))
        if cleaned.get("kind") != PeriodKind.AD_HOC and form is not None and not form.unit_kinds:
            self.add_error("form", _("Biểu mẫu chưa chọn cấp đơn vị phải báo cáo."))
        return cleaned
