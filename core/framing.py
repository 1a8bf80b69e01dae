"""Framing policy: pages refuse to be framed, except views marked :func:`embeddable`.

Embeddable views (the widget the provincial main portal shows in its centre)
may be framed by the origins in ``EMBED_ALLOWED_ORIGINS`` only, through the
CSP ``frame-ancestors`` directive; the X-Frame-Options header, which cannot
name several origins, is dropped for them.
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt


def embeddable(view):
    """Allow ``view`` to be framed by EMBED_ALLOWED_ORIGINS (and by the site itself)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        ancestors = ["'self'", *settings.EMBED_ALLOWED_ORIGINS]
        replace = dict(getattr(response, "_csp_replace", None) or {})
        replace["frame-ancestors"] = ancestors
        response._csp_replace = replace
        return response

    return xframe_options_exempt(wrapped)
