"""Read isolation between units for the admin views Wagtail does not scope.

Wagtail checks edit permissions per object, but many read-only admin views
(choosers' ``chosen-multiple``, bulk-action confirmations, the admin API for
images and documents, reports and their filter lists, page-type usage, user
copy/usage) show any object whose id is in the URL. ``guard_admin_view`` runs
before every admin view (from ``CachedSiteMiddleware.process_view``): it refuses
another unit's objects named in the URL or in ``?id=`` and swaps the report
views for unit-scoped subclasses. System administrators are never limited.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports import audit_logging, locked_pages, page_types_usage, workflows
from wagtail.contrib.forms.views import FormPagesListView
from wagtail.models import Page, PageLogEntry, Task, Workflow
from wagtail.permission_policies.collections import CollectionPermissionPolicy

from core.internals import annotate_last_edit_info

from .lookup import shared_root_paths
from .models import Unit, UnitOwned
from .scoping import managed_unit_ids, user_unit_ids

PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
OBJECT_KWARGS = ("pk", "object_id", "image_id", "document_id", "doc_id")
# Views whose ``pk`` is not an instance of the view's model, or that Wagtail
# already redirects away from (the explorer sends staff back to their own root).
UNGUARDED = {"wagtailadmin_workflows:usage", "wagtailadmin_workflows:usage_results", "wagtailadmin_explore"}


def unit_root_paths(user):
    """Materialised paths of the root pages of the user's units."""
    return list(
        Unit.objects.filter(pk__in=user_unit_ids(user), site__isnull=False).values_list(
            "site__root_page__path", flat=True
        )
    )


def within_units(user, prefix=""):
    """A Q matching pages inside the user's units (``prefix`` for related lookups)."""
    query = Q(pk__in=[])
    for path in unit_root_paths(user):
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def visible_users(user):
    """Accounts whose names a staff member may read: their units' and those they manage."""
    ids = user_unit_ids(user) | managed_unit_ids(user)
    return get_user_model()._default_manager.filter(
        Q(pk=user.pk) | Q(staff_profile__unit_id__in=ids, is_superuser=False)
    )


def readable_collection_ids(user, model):
    policy = CollectionPermissionPolicy(model)
    return set(
        policy.collections_user_has_any_permission_for(
            user, ["add", "change", "delete", "choose"]
        ).values_list("pk", flat=True)
    )


def readable(user, model, pks):
    """Whether every object ``pks`` of ``model`` belongs to the user's units."""
    pks = [pk for pk in pks if str(pk).isdigit()]
    if not pks or model is None:
        return True
    if issubclass(model, Page):
        paths = unit_root_paths(user)
        shared = shared_root_paths()
        return all(
            any(path.startswith(root) or root.startswith(path) for root in paths)
            or (live and any(path.startswith(root) for root in shared))
            for path, live in Page.objects.filter(pk__in=pks).values_list("path", "live")
        )
    if issubclass(model, UnitOwned):
        units = set(model._default_manager.filter(pk__in=pks).values_list("unit_id", flat=True))
        return units <= user_unit_ids(user)
    if issubclass(model, get_user_model()):
        return not model._default_manager.filter(pk__in=pks).exclude(pk__in=visible_users(user)).exists()
    if any(field.name == "collection" for field in model._meta.get_fields()):
        collections = set(model._default_manager.filter(pk__in=pks).values_list("collection_id", flat=True))
        return collections <= readable_collection_ids(user, model)
    return True


def view_model(view_func):
    initkwargs = getattr(view_func, "view_initkwargs", None) or getattr(view_func, "initkwargs", None) or {}
    view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if isinstance(model, str):
        model = apps.get_model(model)
    return model if isinstance(model, type) else None


def _model_from_kwargs(kwargs):
    try:
        return apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (KeyError, LookupError):
        return None


def guard_admin_view(request, view_func, view_args, view_kwargs):
    """Refuse another unit's objects before the view runs, or run a scoped view instead."""
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated or user.is_superuser:
        return None
    if not request.path.startswith("/admin/"):
        return None
    name = match.view_name
    if name in UNGUARDED:
        return None
    page_ids = [view_kwargs[key] for key in PAGE_KWARGS if key in view_kwargs]
    if not readable(user, Page, page_ids):
        raise PermissionDenied
    model = view_model(view_func)
    if name.startswith("wagtailadmin_api:pages") or name.startswith("wagtailadmin_choose_page"):
        model = Page
    if name in ("wagtail_bulk_action",) or name.startswith("wagtail_localize:snippets_api"):
        model = _model_from_kwargs(view_kwargs)
        if name == "wagtail_localize:snippets_api_listing" and model and issubclass(model, UnitOwned):
            raise PermissionDenied
    object_ids = [view_kwargs[key] for key in OBJECT_KWARGS if key in view_kwargs]
    if not readable(user, model, object_ids + request.GET.getlist("id")):
        raise PermissionDenied
    replacement = SCOPED_VIEWS.get(name)
    if replacement is not None:
        initkwargs = getattr(view_func, "view_initkwargs", {})
        return require_admin_access(replacement.as_view(**initkwargs))(request, *view_args, **view_kwargs)
    return None


class ScopedFiltersMixin:
    """Limit the filter lists (users, sites, workflows, tasks) to the user's units."""

    @cached_property
    def filters(self):
        filters = super().filters
        user = self.request.user
        if filters is None or user.is_superuser:
            return filters
        unit_ids = user_unit_ids(user)
        scoped = {
            get_user_model(): visible_users(user),
            Workflow: Workflow.objects.filter(
                pk__in=Unit.objects.filter(pk__in=unit_ids).values("workflow_id")
            ),
            Task: Task.objects.filter(
                workflow_tasks__workflow__in=Unit.objects.filter(pk__in=unit_ids).values("workflow_id")
            ),
        }
        for field in filters.form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model in scoped:
                field.queryset = queryset.filter(pk__in=scoped[queryset.model].values("pk"))
        return filters


class ScopedLockedPagesView(ScopedFiltersMixin, locked_pages.LockedPagesView):
    def get_queryset(self):
        return super().get_queryset().filter(within_units(self.request.user))


class ScopedWorkflowView(ScopedFiltersMixin, workflows.WorkflowView):
    def get_queryset(self):
        pages = Page.objects.filter(within_units(self.request.user)).values("pk")
        return super().get_queryset().filter(base_content_type__model="page", object_id__in=_as_text(pages))


class ScopedWorkflowTasksView(ScopedFiltersMixin, workflows.WorkflowTasksView):
    def get_queryset(self):
        pages = Page.objects.filter(within_units(self.request.user)).values("pk")
        return (
            super()
            .get_queryset()
            .filter(
                workflow_state__base_content_type__model="page",
                workflow_state__object_id__in=_as_text(pages),
            )
        )


def _as_text(pages):
    return [str(pk) for pk in pages.values_list("pk", flat=True)]


class ScopedSiteHistoryView(ScopedFiltersMixin, audit_logging.LogEntriesView):
    """Page entries of the user's units; other entries only by the people they may see."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if issubclass(queryset.model, PageLogEntry):
            return queryset.filter(within_units(user, "page__"))
        return queryset.filter(user_id__in=visible_users(user).values("pk"))


class ScopedPageTypesUsageView(page_types_usage.PageTypesUsageReportView):
    """Counts and last edits of the pages of the user's own unit only (its root
    stands in for the report's site filter)."""

    def get_queryset(self):
        queryset = page_types_usage.ContentType.objects.filter(model__in=self.page_models)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        language_code = self.filters.form.cleaned_data.get("page_locale", None) if self.filters else None
        paths = unit_root_paths(self.request.user)
        root = paths[0] if len(paths) == 1 else "-"
        queryset = annotate_last_edit_info(queryset, language_code, root)
        return queryset.order_by("-count", "app_label", "model")


class ScopedContentTypeUseView(ScopedFiltersMixin, ContentTypeUseView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(within_units(self.request.user))


class ScopedFormPagesListView(ScopedFiltersMixin, FormPagesListView):
    pass


SCOPED_VIEWS = {
    "wagtailadmin_reports:locked_pages": ScopedLockedPagesView,
    "wagtailadmin_reports:locked_pages_results": ScopedLockedPagesView,
    "wagtailadmin_reports:workflow": ScopedWorkflowView,
    "wagtailadmin_reports:workflow_results": ScopedWorkflowView,
    "wagtailadmin_reports:workflow_tasks": ScopedWorkflowTasksView,
    "wagtailadmin_reports:workflow_tasks_results": ScopedWorkflowTasksView,
    "wagtailadmin_reports:site_history": ScopedSiteHistoryView,
    "wagtailadmin_reports:site_history_results": ScopedSiteHistoryView,
    "wagtailadmin_reports:page_types_usage": ScopedPageTypesUsageView,
    "wagtailadmin_reports:page_types_usage_results": ScopedPageTypesUsageView,
    "wagtailadmin_pages:type_use": ScopedContentTypeUseView,
    "wagtailadmin_pages:type_use_results": ScopedContentTypeUseView,
    "wagtailforms:index": ScopedFormPagesListView,
    "wagtailforms:index_results": ScopedFormPagesListView,
}
