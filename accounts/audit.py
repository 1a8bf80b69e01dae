"""Writing audit events (see models.AuthEvent)."""

from .context import client_ip, current_request, user_agent
from .models import AuthEvent


def unit_of(user):
    """The unit of a staff account, read fresh from the database."""
    if user is None or user.pk is None:
        return None
    from multisite.models import StaffProfile

    profile = StaffProfile.objects.filter(user_id=user.pk).select_related("unit").first()
    return profile.unit if profile else None


def request_actor(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(action, *, target=None, actor=None, username="", changes=None, request=None, unit=None):
    """Write one audit event; actor, IP and user agent come from the request."""
    request = request if request is not None else current_request()
    if actor is None:
        actor = request_actor(request)
    if unit is None:
        unit = unit_of(target) if target is not None else unit_of(actor)
    return AuthEvent.objects.create(
        action=action,
        actor=actor,
        target=target,
        username=(username or (target.get_username() if target is not None else ""))[:150],
        unit=unit,
        ip_address=client_ip(request),
        user_agent=user_agent(request),
        changes=changes or {},
    )
