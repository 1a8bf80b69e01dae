"""The citizen's question form (the portal, every unit's Q&A section and the API
share it) and the public filters of the answers."""

import datetime
import difflib
import os
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms_protection import ProtectedFormMixin, hit_rate_limit
from core.models import LegalField
from core.text import ascii_key
from core.uploads import validate_upload

from .models import Question
from .models.questions import TEXT_MAX_LENGTH

TEXT_MIN_LENGTH = 20
ATTACHMENT_MAX_MB = 5
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "jpg", "jpeg", "png")
PHONE_PATTERN = re.compile(r"^\+?[0-9 .\-()]{9,20}$")
DUPLICATE_DAYS = 30
DUPLICATE_RATIO = 0.9


def phone_digits(value):
    return "".join(ch for ch in value or "" if ch.isdigit())


def normalised_text(text):
    """Lower-case ASCII words of a question, for near-duplicate detection."""
    return " ".join(ascii_key(text).split())


class QuestionForm(ProtectedFormMixin, forms.Form):
    """Name, e-mail and/or phone, legal field, question, optional attachment, consent.

    On top of the field checks: the honeypot and the per-address limit
    (ProtectedFormMixin), a per-contact limit, and the refusal of a question the
    same contact sent already (near-duplicate)."""

    rate_limit_scope = "questions"

    asker_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=255,
        error_messages={
            "required": gettext_lazy("Vui lòng nhập họ và tên."),
            "max_length": gettext_lazy("Họ và tên dài quá 255 ký tự."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        max_length=254,
        error_messages={"invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại"),
        required=False,
        max_length=20,
        error_messages={"max_length": gettext_lazy("Số điện thoại không hợp lệ (9 đến 15 chữ số).")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    field = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        queryset=LegalField.objects.all(),
        empty_label=gettext_lazy("– Chọn lĩnh vực –"),
        error_messages={
            "required": gettext_lazy("Vui lòng chọn lĩnh vực của câu hỏi."),
            "invalid_choice": gettext_lazy("Lĩnh vực đã chọn không có trong danh sách."),
        },
    )
    text = forms.CharField(
        label=gettext_lazy("Nội dung câu hỏi"),
        max_length=TEXT_MAX_LENGTH,
        min_length=TEXT_MIN_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Tối đa 5.000 ký tự. Không ghi thông tin cá nhân không cần thiết."),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập nội dung câu hỏi."),
            "max_length": gettext_lazy("Câu hỏi dài quá 5.000 ký tự (hiện có %(show_value)d ký tự)."),
            "min_length": gettext_lazy(
                "Câu hỏi quá ngắn: vui lòng viết rõ hơn (ít nhất %(limit_value)d ký tự)."
            ),
        },
    )
    attachment = forms.FileField(
        label=gettext_lazy("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=gettext_lazy("PDF, Word hoặc ảnh JPG, PNG; tối đa 5 MB."),
        error_messages={"invalid": gettext_lazy("Tệp đính kèm không đọc được, vui lòng chọn lại.")},
    )
    consent_to_publish = forms.BooleanField(
        label=gettext_lazy("Tôi đồng ý công khai câu hỏi (không kèm họ tên và thông tin liên hệ)."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rate_limit = settings.QUESTIONS_RATE_LIMIT
        self.rate_window = settings.QUESTIONS_RATE_WINDOW

    def clean_asker_name(self):
        name = " ".join(self.cleaned_data["asker_name"].split())
        if not name:
            raise ValidationError(_("Vui lòng nhập họ và tên."), code="required")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_PATTERN.match(phone) or not 9 <= len(phone_digits(phone)) <= 15):
            raise ValidationError(_("Số điện thoại không hợp lệ (9 đến 15 chữ số)."), code="invalid")
        return phone

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < TEXT_MIN_LENGTH:
            raise ValidationError(
                _("Câu hỏi quá ngắn: vui lòng viết rõ hơn (ít nhất %(limit)d ký tự).")
                % {"limit": TEXT_MIN_LENGTH},
                code="min_length",
            )
        return text

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if not file:
            return None
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        if extension not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                _("Chỉ nhận tệp PDF, Word (.doc, .docx) hoặc ảnh JPG, PNG."), code="extension"
            )
        if file.size > ATTACHMENT_MAX_MB * 1024 * 1024:
            raise ValidationError(
                _("Tệp đính kèm quá lớn: tối đa %(limit)d MB.") % {"limit": ATTACHMENT_MAX_MB}
            )
        validate_upload(file, ("document", "image"))
        return file

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        if not email and not phone and "email" not in self.errors and "phone" not in self.errors:
            message = _("Vui lòng nhập thư điện tử hoặc số điện thoại để nhận câu trả lời.")
            self.add_error("email", ValidationError(message, code="contact_required"))
            self.add_error("phone", ValidationError(message, code="contact_required"))
        if self.errors:
            return cleaned
        if self.request is not None and any(
            hit_rate_limit(
                self.request,
                "questions-contact",
                settings.QUESTIONS_CONTACT_RATE_LIMIT,
                settings.QUESTIONS_RATE_WINDOW,
                identity=contact,
            )
            for contact in (email.lower() if email else "", phone_digits(phone))
            if contact
        ):
            raise ValidationError(
                _("Thông tin liên hệ này đã gửi nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau."),
                code="contact_rate_limited",
            )
        self.check_duplicate(cleaned)
        return cleaned

    def check_duplicate(self, cleaned):
        """Refuse a question (nearly) the same as one this contact sent recently."""
        email, phone = cleaned.get("email"), phone_digits(cleaned.get("phone"))
        contact = Q(pk__in=[])
        if email:
            contact |= Q(email__iexact=email)
        if phone:
            contact |= Q(phone__endswith=phone[-9:])
        since = timezone.now() - datetime.timedelta(days=DUPLICATE_DAYS)
        text = normalised_text(cleaned["text"])
        recent = Question.objects.filter(contact, created_at__gte=since).order_by("-created_at")
        for other_text, created_at in recent.values_list("text", "created_at")[:20]:
            ratio = difflib.SequenceMatcher(None, text, normalised_text(other_text), autojunk=False).ratio()
            if ratio >= DUPLICATE_RATIO:
                self.add_error(
                    "text",
                    ValidationError(
                        _(
                            "Bạn đã gửi một câu hỏi gần giống câu hỏi này ngày %(date)s. Vui lòng tra cứu "
                            "câu hỏi đó bằng mã tra cứu đã nhận thay vì gửi lại."
                        )
                        % {"date": timezone.localtime(created_at).strftime("%d/%m/%Y")},
                        code="duplicate",
                    ),
                )
                return


class StatusForm(forms.Form):
    """Look a question up by its tracking code and the asker's e-mail or phone."""

    ma = forms.CharField(
        label=gettext_lazy("Mã tra cứu"),
        max_length=20,
        error_messages={"required": gettext_lazy("Vui lòng nhập mã tra cứu.")},
    )
    lien_he = forms.CharField(
        label=gettext_lazy("Thư điện tử hoặc số điện thoại đã dùng khi hỏi"),
        max_length=254,
        error_messages={"required": gettext_lazy("Vui lòng nhập thư điện tử hoặc số điện thoại.")},
    )

    def clean_ma(self):
        return self.cleaned_data["ma"].strip().upper()


class AnswerFilterForm(forms.Form):
    """Filters of the published answers: field, unit (rolled-up views), year, words."""

    q = forms.CharField(label=gettext_lazy("Từ khóa"), required=False, max_length=200)
    linh_vuc = forms.ModelChoiceField(
        label=gettext_lazy("Lĩnh vực"),
        queryset=LegalField.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=gettext_lazy("Tất cả"),
    )
    nam = forms.TypedChoiceField(label=gettext_lazy("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nam"].choices = [("", _("Tất cả"))] + [(year, str(year)) for year in years]
        if len(units) > 1:
            self.fields["don_vi"] = forms.ChoiceField(
                label=gettext_lazy("Đơn vị"),
                required=False,
                choices=[("", _("Tất cả"))] + [(code, name) for code, name in units],
            )
