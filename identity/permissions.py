"""A unit's administrators edit their own site's identity, and no other site's.

Wagtail's site settings are permitted per site (GroupSitePermission); the
unit administrators' group gets the permission for its unit's site only.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupSitePermission

EDITING_ROLES = ("admin",)


def change_permission():
    from .models import SiteIdentity

    content_type = ContentType.objects.get_for_model(SiteIdentity)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_siteidentity",
        defaults={"name": "Can change site identity"},
    )
    return permission


def grant(unit_group, permission=None):
    """Let ``unit_group`` (a UnitGroup) edit its unit's site identity, if its role may."""
    unit = unit_group.unit
    if unit_group.role not in EDITING_ROLES or not unit.site_id:
        return
    GroupSitePermission.objects.get_or_create(
        group_id=unit_group.group_id, site_id=unit.site_id, permission=permission or change_permission()
    )
