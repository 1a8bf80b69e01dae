"""Admin viewsets that keep each unit's staff inside their own unit.

Wagtail's snippet permissions are per model, not per instance: anyone allowed
to edit one link could edit every unit's links. ``UnitOwnedSnippetViewSet``
closes that gap for every view the viewset builds (listing, edit, delete,
history, usage, copy, revisions, choosers) and for bulk actions, and limits
the unit field of its forms to the user's units.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Unit
from .scoping import can_act_on_unit, user_unit_ids


class UnitOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, further limited to objects of the user's units."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and can_act_on_unit(
            user, instance.unit_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and can_act_on_unit(
            user, instance.unit_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return instances
        return instances.filter(unit_id__in=user_unit_ids(user))

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            super()
            .users_with_any_permission_for_instance(actions, instance)
            .filter(groups__unit_role__unit_id=instance.unit_id)
        )


class UnitObjectGuard:
    """View mixin: refuse any object of another unit before the view runs."""

    def setup(self, request, *args, **kwargs):
        pk = kwargs.get("pk", args[0] if args else None)
        model = getattr(self, "model", None) or getattr(self, "model_class", None)
        if pk is not None and model is not None and not request.user.is_superuser:
            unit_id = (
                model._default_manager.filter(pk=unquote(str(pk))).values_list("unit_id", flat=True).first()
            )
            if unit_id is not None and not can_act_on_unit(request.user, unit_id):
                raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_object_list(self):
        objects = super().get_object_list()
        if self.request.user.is_superuser:
            return objects
        return objects.filter(unit_id__in=user_unit_ids(self.request.user))


def guarded(view_class):
    return type(view_class.__name__, (UnitObjectGuard, view_class), {})


class UnitScopedFormMixin:
    """Offer only the user's own units; a single unit is chosen for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        field = self.fields.get("unit")
        if field is not None and user is not None and not user.is_superuser:
            units = list(Unit.objects.filter(pk__in=user_unit_ids(user)))
            field.queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
            if len(units) == 1 and not self.instance.pk:
                field.initial = units[0].pk


class UnitOwnedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(guarded(view_class), **kwargs)


class UnitOwnedSnippetViewSet(SnippetViewSet):
    """Base viewset for snippets that subclass ``multisite.models.UnitOwned``."""

    chooser_viewset_class = UnitOwnedChooserViewSet
    list_filter = ["unit"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        return type(form_class.__name__, (UnitScopedFormMixin, form_class), {})

    def get_queryset(self, request):
        queryset = self.model._default_manager.select_related("unit")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(unit_id__in=user_unit_ids(request.user))

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(guarded(view_class), **kwargs)


def register_unit_owned_snippet(viewset_class):
    """Register a unit-owned snippet with its unit-scoped permission policy."""
    register_permission_policy(viewset_class.model, UnitOwnedPermissionPolicy(viewset_class.model))
    register_snippet(viewset_class)


class UnitViewSet(ModelViewSet):
    """Units under Settings: listing for system administrators; new units are
    provisioned (site, sections, groups, workflow) by the add view."""

    model = Unit
    icon = "site"
    menu_label = _("Đơn vị")
    add_to_settings_menu = True
    list_display = ["name", "code", "kind", "parent", Column("root_url", label=_("Địa chỉ"))]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["name"]
    form_fields = ["name", "address", "phone", "email", "website"]
    inspect_view_enabled = True

    @property
    def add_view_class(self):
        from .views import ProvisionUnitView

        return ProvisionUnitView

    def get_queryset(self, request):
        return Unit.objects.select_related("parent", "site")

    def get_add_view_kwargs(self, **kwargs):
        from .views import ProvisionUnitView

        kwargs = super().get_add_view_kwargs(**kwargs)
        kwargs["panel"] = ProvisionUnitView.provision_panel.bind_to_model(Unit)
        kwargs.pop("form_class", None)
        return kwargs


unit_viewset = UnitViewSet("units")
