"""Admin screens of the accounts app: sign-in locks."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from multisite.admin_users import manageable_users

from .lockout import active_locks, unlock
from .reports import can_view_reports


def visible_locks(user):
    """Locks a system administrator sees all of; a unit administrator sees those of
    their people's user names (address-only locks concern nobody in particular)."""
    locks = active_locks()
    if user.is_superuser:
        return locks
    usernames = manageable_users(user).values_list(get_user_model().USERNAME_FIELD, flat=True)
    return locks.filter(username__in=list(usernames))


class LockListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/locks.html"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Khóa đăng nhập")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locks"] = visible_locks(self.request.user)
        return context


@require_POST
def unlock_view(request, pk):
    if not can_view_reports(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(visible_locks(request.user), pk=pk)
    unlock(attempt, request)
    messages.success(
        request,
        _("Đã mở khóa đăng nhập cho “%(who)s”.") % {"who": attempt.username or attempt.ip_address},
    )
    return redirect("accounts_locks")
