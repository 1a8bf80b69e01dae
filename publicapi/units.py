"""The units (the province and every unit with a site) as an API collection."""

from django.utils.translation import gettext_lazy as _

from core import registries
from multisite.models import Unit, UnitKind


def serialize_unit(unit, request):
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent.code if unit.parent_id else None,
        "url": unit.site.root_url + "/",
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
    }


def kind_filter(queryset, value):
    if value not in UnitKind.values:
        raise ValueError(_("kind phải là một trong: %(kinds)s") % {"kinds": ", ".join(UnitKind.values)})
    return queryset.filter(kind=value)


def register():
    registries.api_resources.register(
        registries.ApiResource(
            "units",
            _("Đơn vị"),
            "unit",
            lambda request: Unit.objects.filter(site__isnull=False).select_related("site", "parent"),
            serialize_unit,
            filters=(registries.ApiFilter("kind", _("Cấp đơn vị"), kind_filter),),
            ordering=("kind", "name", "pk"),
            order=90,
        )
    )
