"""Public pages answer 503 with Retry-After while the database is unreachable.

Django turns an exception raised in a view or in a middleware (the site
lookup is the first to query) into a 500 response before outer middleware
sees it, so ``got_request_exception`` marks the request when the error was
the database's, and the middleware replaces that response with a static
page that needs no database. ``/healthz`` answers its own JSON instead.
"""

import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 120
_MARK = "_pbgdpl_database_unavailable"


def _mark_database_failure(sender, request=None, **kwargs):
    """Called while the exception is being handled, so ``sys.exc_info`` names it."""
    if request is not None and isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        setattr(request, _MARK, True)


def unavailable_response():
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Placed near the top of MIDDLEWARE so that every database failure below it is caught."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_database_failure, dispatch_uid="accounts.unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, _MARK, False):
            return response
        if request.path == reverse("healthz"):
            from .health import healthz

            return healthz(request)
        return unavailable_response()
