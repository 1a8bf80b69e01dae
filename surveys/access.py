"""Who sees which survey's results in the admin.

Staff who may edit a survey page (its unit's editors, moderators and
administrators; the units above through their page permissions) see all its
responses. A province-wide survey is also open to every unit's staff, limited
to the responses given on their own unit's site. Anyone else sees nothing.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from multisite.scoping import user_unit_ids

from .models import SurveyPage

ALL = None


def editable_surveys(user):
    return (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, ["change", "publish"])
        .type(SurveyPage)
    )


def surveys_for(user):
    """[(survey, unit ids or ALL)] the user may read the results of, newest first."""
    editable = set(editable_surveys(user).values_list("pk", flat=True))
    own_units = user_unit_ids(user)
    found = []
    for survey in SurveyPage.objects.order_by("-opens_on", "-pk"):
        if survey.pk in editable or user.is_superuser:
            found.append((survey, ALL))
        elif survey.province_wide and own_units:
            found.append((survey, own_units))
    return found


def scope_for(user, survey):
    """ALL, the user's unit ids, or False when the user may not read the results."""
    if user.is_superuser or survey.permissions_for_user(user).can_edit():
        return ALL
    if survey.province_wide:
        return user_unit_ids(user) or False
    return False
