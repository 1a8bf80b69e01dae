"""The open, read-only API under /api/v1/ (issue 14, part 2).

Every collection is declared by its app (``core.registries.api_resources``) and
shaped by the data standard's JSON Schemas (``publicapi/standard/v1``). Lists
are paginated (``page``, ``page_size`` ≤ 100); every answer has an ``ETag``
(a conditional GET with ``If-None-Match`` gets 304) and, where the objects
date their changes, ``Last-Modified``; CORS for ``EMBED_ALLOWED_ORIGINS``; a
rate limit per address on the shared cache. A wrong parameter is a 400 with a
Vietnamese message, never a 500.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.registries import api_resources

from . import changes
from .openapi import openapi_document, standard_schema

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
COMMON_PARAMETERS = ("page", "page_size", "include", changes.PARAMETER)


def _client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def _rate_limited(request):
    """Count the request in this minute's window; True when over API_RATE_LIMIT."""
    limit = settings.API_RATE_LIMIT
    key = f"publicapi:rate:{_client_address(request)}"
    cache.add(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 60)
        count = 1
    return count > limit


def _json(request, data, status=200, last_modified=None):
    body = json.dumps(data, ensure_ascii=False, default=str).encode()
    etag = quote_etag(hashlib.md5(body).hexdigest())  # noqa: S324 - a cache validator, not security
    if status == 200 and etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    if status == 200:
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=60"
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
    origin = request.headers.get("Origin")
    if origin and origin in settings.EMBED_ALLOWED_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response


def _error(request, message, status=400):
    return _json(request, {"error": message}, status=status)


def _guarded(view):
    def wrapped(request, *args, **kwargs):
        if _rate_limited(request):
            response = _error(request, _("Quá nhiều yêu cầu; hãy thử lại sau một phút."), status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


def _positive(value, name, maximum=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(_("%(name)s phải là số nguyên dương") % {"name": name}) from None
    if number < 1 or (maximum and number > maximum):
        raise ValueError(
            _("%(name)s phải từ 1 đến %(max)s") % {"name": name, "max": maximum}
            if maximum
            else _("%(name)s phải là số nguyên dương") % {"name": name}
        )
    return number


@_guarded
def index(request):
    """What the API offers: its collections and where the description is."""
    root = request.build_absolute_uri("/api/v1/")
    return _json(
        request,
        {
            "version": "1",
            "schema": root + "schema/",
            "collections": [
                {"key": r.key, "title": str(r.title), "url": f"{root}{r.key}/"} for r in api_resources
            ],
        },
    )


@_guarded
def collection(request, key):
    resource = api_resources.get(key)
    if resource is None:
        return _error(request, _("Không có tập dữ liệu “%(key)s”.") % {"key": key}, status=404)
    filters = {f.name: f for f in resource.filters}
    unknown = sorted(set(request.GET) - set(filters) - set(COMMON_PARAMETERS))
    if unknown:
        return _error(
            request,
            _("Tham số không được hỗ trợ: %(names)s. Các tham số lọc: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join([*filters, *COMMON_PARAMETERS])},
        )
    queryset = resource.queryset(request)
    feed = changes.PARAMETER in request.GET
    try:
        page = _positive(request.GET.get("page", "1"), "page")
        size = _positive(request.GET.get("page_size", str(PAGE_SIZE)), "page_size", MAX_PAGE_SIZE)
        include_body = _include_body(request, resource)
        for name, value in request.GET.items():
            if name in filters:
                queryset = filters[name].apply(queryset, value)
        if feed:
            if not resource.modified:
                raise ValueError(_("tập dữ liệu này không có nguồn thay đổi (changed_after)"))
            if "page" in request.GET:
                raise ValueError(_("changed_after không dùng cùng page; hãy theo next_cursor"))
            queryset = changes.changed_after(queryset, resource.modified, request.GET[changes.PARAMETER])
    except ValueError as error:
        return _error(request, _("Tham số không hợp lệ: %(reason)s.") % {"reason": error})
    count = queryset.count()
    start = 0 if feed else (page - 1) * size
    ordered = queryset if feed else queryset.order_by(*resource.ordering)
    objects = list(ordered[start : start + size])
    if resource.prepare is not None:
        resource.prepare(objects, request)
    last_modified = None
    if resource.modified:
        last_modified = queryset.aggregate(latest=Max(resource.modified))["latest"]
    base = request.build_absolute_uri(request.path)

    def page_url(**changed):
        params = request.GET.copy()
        for name, value in changed.items():
            params[name] = value
        return f"{base}?{params.urlencode()}"

    data = {"count": count, "page_size": size}
    if feed:
        cursor = changes.next_cursor(objects, resource.modified)
        more = count > len(objects)
        data |= {
            "next_cursor": cursor,
            "next": page_url(**{changes.PARAMETER: cursor}) if more else None,
        }
    else:
        data |= {
            "page": page,
            "next": page_url(page=page + 1) if start + size < count else None,
            "previous": page_url(page=page - 1) if page > 1 else None,
        }
    data["results"] = [_serialize(resource, obj, request, include_body) for obj in objects]
    return _json(request, data, last_modified=last_modified)


def _include_body(request, resource):
    value = request.GET.get("include")
    if value is None:
        return False
    if value != "body":
        raise ValueError(_("include chỉ nhận giá trị body"))
    if resource.full is None:
        raise ValueError(_("tập dữ liệu này không có toàn văn (include=body)"))
    return True


def _serialize(resource, obj, request, include_body):
    data = resource.serialize(obj, request)
    if include_body:
        data |= resource.full(obj, request)
    return data


@_guarded
def detail(request, key, pk):
    resource = api_resources.get(key)
    if resource is None:
        return _error(request, _("Không có tập dữ liệu “%(key)s”.") % {"key": key}, status=404)
    obj = resource.queryset(request).filter(pk=pk).first()
    if obj is None:
        return _error(request, _("Không tìm thấy đối tượng số %(pk)s.") % {"pk": pk}, status=404)
    if resource.prepare is not None:
        resource.prepare([obj], request)
    modified = getattr(obj, resource.modified, None) if resource.modified else None
    return _json(
        request, _serialize(resource, obj, request, resource.full is not None), last_modified=modified
    )


@_guarded
def schema(request):
    """The OpenAPI description of the API."""
    return JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False})


@_guarded
def standard(request, name):
    """One JSON Schema of the data standard (``/api/v1/standard/<name>.schema.json``)."""
    document = standard_schema(name)
    if document is None:
        return _error(request, _("Không có lược đồ “%(name)s”.") % {"name": name}, status=404)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
