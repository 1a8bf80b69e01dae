"""Which units a staff member may see and act on.

Editors and moderators act on their own unit; a unit administrator also
manages the users of the units below theirs. System administrators
(superusers) act everywhere. Results are memoised on the user object for the
request.
"""

from .models import StaffProfile, Unit, UnitGroup, UnitRole


def user_unit(user):
    """The unit a staff account belongs to, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_pbgdpl_unit"):
        profile = StaffProfile.objects.select_related("unit").filter(user=user).first()
        user._pbgdpl_unit = profile.unit if profile else None
    return user._pbgdpl_unit


def user_unit_ids(user):
    """IDs of the units whose content the user may work on (all for superusers)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_pbgdpl_unit_ids"):
        if user.is_superuser:
            user._pbgdpl_unit_ids = set(Unit.objects.values_list("pk", flat=True))
        else:
            user._pbgdpl_unit_ids = set(
                UnitGroup.objects.filter(group__user=user).values_list("unit_id", flat=True)
            )
    return user._pbgdpl_unit_ids


def managed_unit_ids(user):
    """IDs of the units whose users the user administers: their own and those below."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_pbgdpl_managed_ids"):
        if user.is_superuser:
            ids = set(Unit.objects.values_list("pk", flat=True))
        else:
            ids = set()
            admin_units = Unit.objects.filter(
                groups__role=UnitRole.ADMIN, groups__group__user=user
            ).distinct()
            for unit in admin_units:
                ids.add(unit.pk)
                ids.update(unit.descendant_ids())
        user._pbgdpl_managed_ids = ids
    return user._pbgdpl_managed_ids


def can_act_on_unit(user, unit_id):
    return user.is_superuser or unit_id in user_unit_ids(user)
