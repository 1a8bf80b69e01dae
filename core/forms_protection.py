"""Shared protection for public forms: a honeypot field and per-client rate limits.

In core because several feature apps have public forms.

Usage in a public view::

    class QuestionForm(ProtectedFormMixin, forms.Form):
        rate_limit_scope = "qa"
        ...

    form = QuestionForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        ...

A bot that fills the hidden field is refused; a client (IP address) sending more
than PUBLIC_FORM_RATE_LIMIT submissions of one scope within
PUBLIC_FORM_RATE_WINDOW seconds gets a Vietnamese message asking it to wait.
Counters live in Django's cache (shared between workers when the cache is).
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .client import client_ip
from .pagecache import exempt

HONEYPOT_FIELD = "website_url"


def _cache_key(scope, ip):
    digest = hashlib.sha256(f"{scope}:{ip}".encode()).hexdigest()[:32]
    return f"pbgdpl:ratelimit:{digest}"


def hit_rate_limit(request, scope, limit=None, window=None, identity=None):
    """Count one submission from the request's IP (or from ``identity``, such as an
    e-mail address, when given); True if it exceeds the limit. A rate-limited
    answer is never kept in the page cache (core.pagecache)."""
    exempt(request)
    limit = limit or settings.PUBLIC_FORM_RATE_LIMIT
    window = window or settings.PUBLIC_FORM_RATE_WINDOW
    key = _cache_key(scope, identity if identity is not None else (client_ip(request) or "unknown"))
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return False
    return count > limit


class HoneypotWidget(forms.TextInput):
    """A text input that people never see nor reach with the keyboard."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1", "class": "visually-hidden"})


class ProtectedFormMixin(forms.Form):
    """Adds the honeypot field and the rate limit to a public form."""

    rate_limit_scope = "public-form"
    rate_limit = None
    rate_window = None

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=gettext_lazy("Để trống ô này"), required=False, widget=HoneypotWidget()
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise ValidationError(_("Không gửi được biểu mẫu. Vui lòng thử lại."), code="honeypot")
        if self.request is not None and hit_rate_limit(
            self.request, self.rate_limit_scope, self.rate_limit, self.rate_window
        ):
            raise ValidationError(
                _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút."),
                code="rate_limited",
            )
        return cleaned
