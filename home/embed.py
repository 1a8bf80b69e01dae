"""Embedding the portal's blocks in another website (issue 14, part 1).

The province's main portal shows this portal "in its centre" with one line::

    <script src="https://<portal>/embed.js" data-blocks="news,documents,search"
            data-unit="<unit code>" async></script>

``embed.js`` fetches ``/embed/fragment/`` (CORS, for the origins in
``EMBED_ALLOWED_ORIGINS`` only) and renders it in a shadow root with its own
small stylesheet; with ``data-mode="iframe"`` it frames ``/embed/`` instead,
which only those origins may frame (CSP ``frame-ancestors``) and which reports
its height through ``postMessage``. Every other origin is refused; ordinary
pages keep ``X-Frame-Options: DENY``. The blocks are declared by the apps
(``core.registries.embed_blocks``); links are absolute and open the portal.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.framing import embeddable
from core.registries import embed_blocks
from multisite.models import Unit, UnitKind

MAX_BLOCKS = 6
EMBED_JS = Path(__file__).resolve().parent / "static" / "home" / "embed.js"
RELATIVE_LINK = re.compile(r'(href|action|src)="/(?!/)')


@cache
def _script_source():
    return EMBED_JS.read_text(encoding="utf-8")


def _stylesheet_url():
    try:
        return static("home/embed.css")
    except ValueError:  # a manifest storage before collectstatic
        return settings.STATIC_URL + "home/embed.css"


def embed_script(request):
    """``/embed.js``: the loader the host page includes (cached by browsers for an hour)."""
    source = _script_source().replace("__EMBED_CSS__", _stylesheet_url())
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _origin_refused(request):
    origin = request.headers.get("Origin")
    return origin is not None and origin not in settings.EMBED_ALLOWED_ORIGINS


def _allow_origin(request, response):
    origin = request.headers.get("Origin")
    if origin and origin in settings.EMBED_ALLOWED_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response


def _unit(code):
    units = Unit.objects.select_related("site__root_page")
    unit = units.filter(code=code).first() if code else units.filter(kind=UnitKind.PROVINCE).first()
    return unit if unit is not None and unit.site_id else None


def _requested(value):
    """The block keys asked for, known ones only, in the order asked, at most MAX_BLOCKS."""
    known = {block.key for block in embed_blocks}
    keys = []
    for key in (value or "news,documents").split(","):
        key = key.strip()
        if key in known and key not in keys:
            keys.append(key)
    return keys[:MAX_BLOCKS]


def render_blocks(request, unit, keys):
    """The blocks' HTML for ``unit``, every link absolute to the unit's site."""
    home = unit.site.root_page.specific
    root_url = unit.site.root_url
    parts = []
    for key in keys:
        block = embed_blocks.get(key)
        data = block.context(home, request)
        if data is None:
            continue
        html = render_to_string(block.template, {**data, "root_url": root_url, "unit": unit}, request=request)
        # The template's own output, made absolute: still safe HTML.
        absolute = mark_safe(RELATIVE_LINK.sub(rf'\1="{root_url}/', html))  # noqa: S308
        parts.append({"key": key, "title": block.title, "html": absolute})
    return parts


def _bad_request(request, message):
    response = HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return _allow_origin(request, response)


@require_GET
def fragment(request):
    """The blocks as an HTML fragment for embed.js (CORS for the allowed origins only)."""
    if _origin_refused(request):
        return HttpResponse(
            _("Trang web này không được phép nhúng nội dung của cổng."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    unit = _unit(request.GET.get("unit", ""))
    if unit is None:
        return _bad_request(
            request, _("Không tìm thấy đơn vị “%(code)s”.") % {"code": request.GET.get("unit")}
        )
    keys = _requested(request.GET.get("blocks"))
    if not keys:
        return _bad_request(
            request,
            _("Hãy chọn khối cần nhúng: %(keys)s.") % {"keys": ", ".join(b.key for b in embed_blocks)},
        )
    html = render_to_string(
        "home/embed/fragment.html",
        {"blocks": render_blocks(request, unit, keys), "unit": unit},
        request=request,
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return _allow_origin(request, response)


@require_GET
@embeddable
def frame(request):
    """``/embed/``: the same blocks as a small page for an iframe; only the allowed
    origins may frame it, and it reports its height to the host page."""
    unit = _unit(request.GET.get("unit", ""))
    keys = _requested(request.GET.get("blocks"))
    if unit is None or not keys:
        return HttpResponse(
            _("Yêu cầu nhúng không hợp lệ."), status=400, content_type="text/plain; charset=utf-8"
        )
    return render(
        request,
        "home/embed/frame.html",
        {"blocks": render_blocks(request, unit, keys), "unit": unit, "root_url": unit.site.root_url},
    )
