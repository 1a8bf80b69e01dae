"""What a locked-out sign-in sees, and lifting locks (axes' AccessAttempt records)."""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView

from .audit import record
from .models import AuthAction


def lockout_message():
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return _(
        "Đăng nhập tạm thời bị khóa do nhập sai quá %(limit)d lần. Vui lòng thử lại sau "
        "%(minutes)d phút hoặc liên hệ quản trị viên để được mở khóa."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's sign-in page with the lockout reason, status 429, whatever the password."""
    view = LoginView()
    view.setup(request)
    form_class = view.get_form_class()
    form = form_class(request, initial={"username": request.POST.get("username", "")})
    form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([lockout_message()])})
    context = view.get_context_data(form=form)
    response = view.render_to_response(context, status=settings.AXES_HTTP_RESPONSE_CODE)
    return response.render()


def active_locks():
    """Attempt records that currently lock a user name or an IP address."""
    qs = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        qs = qs.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return qs.order_by("-attempt_time")


def unlock(attempt, request):
    """Lift the lock held by one attempt record (its user name and its IP address)."""
    username, ip = attempt.username, attempt.ip_address
    removed = 0
    if username:
        removed += AxesProxyHandler.reset_attempts(username=username)
    if ip:
        removed += AxesProxyHandler.reset_attempts(ip_address=ip)
    from django.contrib.auth import get_user_model

    target = get_user_model()._default_manager.filter(username=username).first() if username else None
    record(
        AuthAction.UNLOCK,
        target=target,
        username=username or "",
        request=request,
        changes={"ip_address": ip or ""},
    )
    return removed
