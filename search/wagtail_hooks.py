"""Admin of search: the dictionary of colloquial terms and the report of queries
that went wrong, for the Department of Justice (the province's staff) only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from multisite.models import UnitKind
from multisite.scoping import user_unit

from . import admin_views
from .models import DictionaryEntry


def is_province_staff(user):
    """The Department of Justice: system administrators and the province unit's staff."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if user.is_superuser:
        return True
    unit = user_unit(user)
    return unit is not None and unit.kind == UnitKind.PROVINCE


class ProvinceStaffPolicy(ModelPermissionPolicy):
    """Every action for the province's staff, none for the units' staff."""

    def user_has_permission(self, user, action):
        return is_province_staff(user)

    def user_has_any_permission(self, user, actions):
        return is_province_staff(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(staff_profile__unit__kind=UnitKind.PROVINCE), is_active=True
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class DictionaryEntryCreateView(CreateView):
    """Opened from the report with ``?term=``: the query the editor clicked."""

    def get_initial(self):
        initial = super().get_initial()
        term = " ".join(self.request.GET.get("term", "").split())[:200]
        if term:
            initial["term"] = term
        return initial


class DictionaryEntryViewSet(SnippetViewSet):
    model = DictionaryEntry
    icon = "openquote"
    menu_label = _("Từ điển tìm kiếm")
    add_to_admin_menu = True
    menu_order = 820
    list_display = ["term", "equivalents", "direction", "field", "updated_at"]
    list_filter = ["direction", "field"]
    search_fields = ["term", "equivalents"]
    search_backend_name = None
    add_view_class = DictionaryEntryCreateView


register_permission_policy(DictionaryEntry, ProvinceStaffPolicy(DictionaryEntry))
register_snippet(DictionaryEntryViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("tim-kiem/phan-hoi/", admin_views.QueryFeedbackReportView.as_view(), name="search_feedback")]


class ProvinceStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_province_staff(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ProvinceStaffMenuItem(
        _("Từ khóa chưa hiệu quả"), reverse("search_feedback"), icon_name="search", order=900
    )
