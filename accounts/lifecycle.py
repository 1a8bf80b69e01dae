"""Account life cycle rules: accounts with history are deactivated, never deleted."""

from django.db.models import Q


def has_history(user):
    """True if the account appears in the audit trail, Wagtail's logs, revisions or pages."""
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

    from .models import AuthEvent

    return (
        AuthEvent.objects.filter(Q(actor=user) | Q(target=user)).exclude(action="user_create").exists()
        or PageLogEntry.objects.filter(user=user).exists()
        or ModelLogEntry.objects.filter(user=user).exists()
        or Revision.objects.filter(user=user).exists()
        or Page.objects.filter(owner=user).exists()
    )
