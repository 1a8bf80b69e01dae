"""Admin registrations and the hooks that keep units apart in the admin."""

from django.db.models import Q
from wagtail import hooks

from core.internals import admin_api_endpoint

from .admin_i18n import label_site_columns, readable_inspect_values
from .admin_isolation import readable_collection_ids, unit_root_paths
from .lookup import shared_root_paths
from .models import UnitLink
from .viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet, unit_viewset


class UnitLinkViewSet(UnitOwnedSnippetViewSet):
    model = UnitLink
    icon = "link"
    list_display = ["title", "url", "unit", "sort_order"]
    search_fields = ["title", "url"]


register_unit_owned_snippet(UnitLinkViewSet)
label_site_columns()
readable_inspect_values()


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return unit_viewset


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_units(pages, request):
    """Wagtail's page chooser shows every site; staff only see their units' pages
    and the province's shared repositories (to list or relate to their pages)."""
    user = request.user
    if user.is_superuser:
        return pages
    paths = unit_root_paths(user)
    if not paths:
        return pages.none()
    within_units = Q()
    for path in paths:
        within_units |= Q(path__startswith=path)
    for path in shared_root_paths():
        within_units |= Q(path__startswith=path, live=True)  # another unit's drafts stay private
    return pages.filter(within_units)


def _collection_scoped(endpoint_class):
    """An admin API endpoint for images or documents that lists only the
    collections the user holds a permission on (Wagtail's lists every one)."""

    class Scoped(endpoint_class):
        def get_queryset(self):
            queryset = super().get_queryset()
            user = self.request.user
            if user.is_superuser:
                return queryset
            return queryset.filter(collection_id__in=readable_collection_ids(user, queryset.model))

    Scoped.__name__ = f"UnitScoped{endpoint_class.__name__}"
    return Scoped


@hooks.register("construct_admin_api", order=100)
def scope_media_admin_api(router):
    """Runs after wagtail.images and wagtail.documents have registered their endpoints."""
    for name in ("images", "documents"):
        endpoint = admin_api_endpoint(router, name)
        if endpoint is not None:
            router.register_endpoint(name, _collection_scoped(endpoint))


@hooks.register("construct_homepage_panels")
def add_my_unit_panel(request, panels):
    """Staff see their unit, its site and its sections first on the dashboard."""
    from .panels import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.insert(0, panel)
