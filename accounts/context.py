"""The request being served, so that model signal handlers know who acts and from where."""

import contextvars

from core.client import client_ip  # noqa: F401 - re-exported for accounts' modules

_current_request = contextvars.ContextVar("pbgdpl_current_request", default=None)


def current_request():
    return _current_request.get()


def set_current_request(request):
    return _current_request.set(request)


def reset_current_request(token):
    _current_request.reset(token)


def user_agent(request):
    if request is None:
        return ""
    return (request.META.get("HTTP_USER_AGENT") or "")[:255]
