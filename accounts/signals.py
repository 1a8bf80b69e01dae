"""Signal handlers that fill the audit trail.

Sign-ins come from Django's auth signals and axes' lockout signal; account
changes from model signals on the user, its staff profile (unit) and its group
memberships, so they are caught whichever form or command makes them.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from multisite.models import StaffProfile

from . import intrusion
from .audit import record, request_actor
from .context import current_request
from .models import AuthAction

User = get_user_model()

TRACKED_FIELDS = ("first_name", "last_name", "email", "is_superuser")


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(AuthAction.LOGIN, target=user, actor=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AuthAction.LOGOUT, target=user, actor=user, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    target = User._default_manager.filter(username=username).first() if username else None
    event = record(AuthAction.LOGIN_FAILED, target=target, username=username, request=request)
    if event is not None:
        intrusion.on_failed_login(event.ip_address)


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    target = User._default_manager.filter(username=username).first() if username else None
    record(
        AuthAction.LOCKOUT,
        target=target,
        username=username or "",
        request=request,
        changes={"ip_address": ip_address or ""},
    )
    intrusion.on_lockout(username or "", ip_address or "")


@receiver(pre_save, sender=User)
def remember_user_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or (update_fields and set(update_fields) <= {"last_login"}):
        instance._audit_before = None
        return
    instance._audit_before = (
        sender._default_manager.filter(pk=instance.pk)
        .values(*TRACKED_FIELDS, "is_active", "password")
        .first()
    )


@receiver(post_save, sender=User)
def audit_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    request = current_request()
    actor = request_actor(request)
    if created:
        record(
            AuthAction.USER_CREATE,
            target=instance,
            actor=actor,
            changes={f: {"old": None, "new": getattr(instance, f)} for f in ("email", "is_active")},
        )
        return
    before = getattr(instance, "_audit_before", None)
    if not before:
        return
    instance._audit_before = None
    changes = {
        field: {"old": before[field], "new": getattr(instance, field)}
        for field in TRACKED_FIELDS
        if before[field] != getattr(instance, field)
    }
    if changes:
        record(AuthAction.USER_CHANGE, target=instance, actor=actor, changes=changes)
    if before["is_active"] != instance.is_active:
        record(
            AuthAction.USER_ACTIVATE if instance.is_active else AuthAction.USER_DEACTIVATE,
            target=instance,
            actor=actor,
            changes={"is_active": {"old": before["is_active"], "new": instance.is_active}},
        )
    if before["password"] != instance.password:
        if actor is None:
            action = AuthAction.PASSWORD_RESET if request is not None else AuthAction.PASSWORD_SET
        elif actor.pk == instance.pk:
            action = AuthAction.PASSWORD_CHANGE
        else:
            action = AuthAction.PASSWORD_SET
        record(action, target=instance, actor=actor)


@receiver(pre_save, sender=StaffProfile)
def remember_unit_before_save(sender, instance, raw=False, **kwargs):
    instance._audit_old_unit = None
    if not raw and instance.pk is not None:
        old = sender.objects.filter(pk=instance.pk).select_related("unit").first()
        instance._audit_old_unit = old.unit if old else None


@receiver(post_save, sender=StaffProfile)
def audit_unit_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, "_audit_old_unit", None)
    if not created and old is not None and old.pk == instance.unit_id:
        return
    record(
        AuthAction.UNIT_CHANGE,
        target=instance.user,
        unit=instance.unit,
        changes={"unit": {"old": old.name if old else None, "new": instance.unit.name}},
    )


def _group_names(user):
    return sorted(user.groups.values_list("name", flat=True))


@receiver(m2m_changed, sender=User.groups.through)
def audit_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:
        users = User._default_manager.filter(pk__in=pk_set or [])
        if action.startswith("pre_"):
            return
        for user in users:
            record(AuthAction.GROUPS_CHANGE, target=user, changes={"groups": {"new": _group_names(user)}})
        return
    if action in ("pre_add", "pre_remove", "pre_clear"):
        instance._audit_old_groups = _group_names(instance)
        return
    old = getattr(instance, "_audit_old_groups", None)
    new = _group_names(instance)
    if old is None or old == new:
        return
    record(AuthAction.GROUPS_CHANGE, target=instance, changes={"groups": {"old": old, "new": new}})
