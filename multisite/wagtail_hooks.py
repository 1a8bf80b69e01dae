"""Admin registrations and the hooks that keep units apart in the admin."""

from django.db.models import Q
from wagtail import hooks

from .admin_i18n import label_site_columns
from .models import UnitLink
from .scoping import user_unit_ids
from .viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet, unit_viewset


class UnitLinkViewSet(UnitOwnedSnippetViewSet):
    model = UnitLink
    icon = "link"
    list_display = ["title", "url", "unit", "sort_order"]
    search_fields = ["title", "url"]


register_unit_owned_snippet(UnitLinkViewSet)
label_site_columns()


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return unit_viewset


def unit_root_paths(user):
    """Materialised paths of the root pages of the user's units."""
    from .models import Unit

    return list(
        Unit.objects.filter(pk__in=user_unit_ids(user), site__isnull=False).values_list(
            "site__root_page__path", flat=True
        )
    )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_units(pages, request):
    """Wagtail's page chooser shows every site; staff only see their units' pages."""
    user = request.user
    if user.is_superuser:
        return pages
    paths = unit_root_paths(user)
    if not paths:
        return pages.none()
    within_units = Q()
    for path in paths:
        within_units |= Q(path__startswith=path)
    return pages.filter(within_units)


@hooks.register("construct_homepage_panels")
def add_my_unit_panel(request, panels):
    """Staff see their unit, its site and its sections first on the dashboard."""
    from .panels import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.insert(0, panel)
