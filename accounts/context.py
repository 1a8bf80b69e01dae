"""The request being served, so that model signal handlers know who acts and from where."""

import contextvars

_current_request = contextvars.ContextVar("pbgdpl_current_request", default=None)


def current_request():
    return _current_request.get()


def set_current_request(request):
    return _current_request.set(request)


def reset_current_request(token):
    _current_request.reset(token)


def client_ip(request):
    """The client's address as axes sees it (honours the proxy settings)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    try:
        return get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001 - a malformed header must not stop the audit
        return request.META.get("REMOTE_ADDR") or None


def user_agent(request):
    if request is None:
        return ""
    return (request.META.get("HTTP_USER_AGENT") or "")[:255]
