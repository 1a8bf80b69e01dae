"""Middleware of the accounts app: audit context, two-factor step, CSP scope."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .context import reset_current_request, set_current_request


class AuditContextMiddleware:
    """Remember the current request so audit signal handlers can name the actor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_request(request)
        try:
            return self.get_response(request)
        finally:
            reset_current_request(token)


class TwoFactorMiddleware:
    """Send a signed-in staff member with a TOTP device to the code step, and a
    system administrator without one to enrolment when REQUIRE_2FA_FOR_SUPERUSERS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._redirect_if_needed(request)
        return response or self.get_response(request)

    def _redirect_if_needed(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not request.path.startswith("/admin/"):
            return None
        from .two_factor import EXEMPT_URL_NAMES, has_device

        allowed = {reverse(name) for name in EXEMPT_URL_NAMES}
        if request.path in allowed or request.path.startswith(settings.STATIC_URL):
            return None
        if user.is_verified():
            return None
        if has_device(user):
            return redirect(f"{reverse('accounts_2fa_verify')}?next={request.get_full_path()}")
        if user.is_superuser and settings.REQUIRE_2FA_FOR_SUPERUSERS:
            return redirect(reverse("accounts_2fa_setup"))
        return None


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, leaving out the staff-only admin (see settings)."""

    def process_response(self, request, response):
        if any(request.path.startswith(prefix) for prefix in settings.CSP_EXEMPT_PATH_PREFIXES):
            response._csp_exempt = True
        return super().process_response(request, response)
