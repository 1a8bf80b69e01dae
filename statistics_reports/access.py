"""Who may do what with statistics reports.

A unit's reporting officers ("Cán bộ báo cáo") and unit administrators fill and
submit its report; the same roles of its parent unit review it (return or
accept, reopen); every unit above reads it. The province's reporting staff
define forms and open periods. Other roles (editors, moderators) see nothing.
System administrators do everything. Memoised on the user for the request.
"""

from multisite.lookup import unit_subtree_ids
from multisite.models import Unit, UnitGroup, UnitKind, UnitRole

REPORTING_ROLES = (UnitRole.REPORTER, UnitRole.ADMIN)


def reporting_unit_ids(user):
    """Units in which the user holds a reporting role (every unit for superusers)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_statistics_units"):
        if user.is_superuser:
            ids = set(Unit.objects.values_list("pk", flat=True))
        else:
            ids = set(
                UnitGroup.objects.filter(group__user=user, role__in=REPORTING_ROLES).values_list(
                    "unit_id", flat=True
                )
            )
        user._statistics_units = ids
    return user._statistics_units


def readable_unit_ids(user):
    """Units whose reports the user reads: their reporting units and every unit below."""
    if not hasattr(user, "_statistics_readable"):
        ids = set()
        for unit_id in reporting_unit_ids(user):
            if unit_id not in ids:
                ids.update(unit_subtree_ids(unit_id))
        user._statistics_readable = ids
    return user._statistics_readable


def has_access(user):
    return bool(reporting_unit_ids(user))


def can_manage(user):
    """Define forms and open periods: the province's reporting staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Unit.objects.filter(pk__in=reporting_unit_ids(user), kind=UnitKind.PROVINCE).exists()


def can_read(user, report):
    return report.unit_id in readable_unit_ids(user)


def can_fill(user, report):
    return report.unit_id in reporting_unit_ids(user) and report.is_editable


def can_review(user, report):
    """The parent unit's reporting staff (or a system administrator)."""
    if user.is_superuser:
        return True
    return report.unit.parent_id is not None and report.unit.parent_id in reporting_unit_ids(user)


def home_unit(user):
    """The highest unit the user reports for: where their dashboard starts."""
    ids = reporting_unit_ids(user)
    if not ids:
        return None
    if user.is_superuser:
        return Unit.objects.filter(kind=UnitKind.PROVINCE).first() or Unit.objects.filter(pk__in=ids).first()
    # A staff account holds its roles in one unit (multisite.accounts.set_unit_user).
    return Unit.objects.filter(pk__in=ids).order_by("pk").first()
