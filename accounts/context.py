"""The request being served, so that model signal handlers know who acts and from where."""

import contextvars

_current_request = contextvars.ContextVar("pbgdpl_current_request", default=None)
_audit_suspended = contextvars.ContextVar("pbgdpl_audit_suspended", default=False)


class suspend_audit:  # noqa: N801 - used like a function: ``with suspend_audit():``
    """Write no audit events inside the block (a restore replays rows, nobody acts)."""

    def __enter__(self):
        self._token = _audit_suspended.set(True)

    def __exit__(self, *exc):
        _audit_suspended.reset(self._token)


def audit_suspended():
    return _audit_suspended.get()


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
