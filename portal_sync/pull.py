"""Pulling from a portal that speaks the data standard (``sync_portal``).

Each collection is read through its change feed (``changed_after``), a page at
a time, oldest change first. After every batch the position is saved
(``SyncCursor``), so an interrupted pull resumes where it stopped; applying a
batch twice changes nothing (``engine.receive`` compares fingerprints).
"""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from core.registries import sync_receivers

from . import engine
from .models import SyncCursor

USER_AGENT = "PBGDPL-sync/1"
PAGE_SIZE = 100


def normal_origin(url):
    """The source portal's address as stored with provenance: scheme://host[:port]."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise engine.SyncProblem(
            _("Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://: “%(url)s”.") % {"url": url}
        )
    return f"{parts.scheme}://{parts.netloc}"


def fetch_json(url):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})  # noqa: S310 - http(s) only
    limit = settings.SYNC_MAX_BYTES
    try:
        with urllib.request.urlopen(request, timeout=settings.SYNC_TIMEOUT) as response:  # noqa: S310 - scheme checked
            body = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        detail = ""
        try:
            detail = json.loads(error.read(4096).decode()).get("error", "")
        except (ValueError, AttributeError, UnicodeDecodeError):
            pass
        raise engine.SyncProblem(
            _("Cổng nguồn trả lời mã %(code)s cho %(url)s %(detail)s")
            % {"code": error.code, "url": url, "detail": detail}
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise engine.SyncProblem(
            _("Không kết nối được tới cổng nguồn %(url)s (%(error)s).") % {"url": url, "error": error}
        ) from error
    if len(body) > limit:
        raise engine.SyncProblem(_("Trang dữ liệu lớn quá %(n)d byte: %(url)s") % {"n": limit, "url": url})
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise engine.SyncProblem(_("Cổng nguồn không trả về JSON hợp lệ: %(url)s") % {"url": url}) from error
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise engine.SyncProblem(
            _("Cổng nguồn không trả về danh sách theo chuẩn dữ liệu: %(url)s") % {"url": url}
        )
    return data


def resources(wanted=None):
    """The collections to pull: those named (each must be syncable), else every syncable one."""
    known = [receiver.key for receiver in sync_receivers]
    if not wanted:
        return known
    unknown = [key for key in wanted if key not in known]
    if unknown:
        raise engine.SyncProblem(
            _("Không đồng bộ được tập dữ liệu: %(names)s. Các tập đồng bộ được: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(known)}
        )
    return wanted


def pull(source, unit, resource_key, since=None, user=None, page_size=PAGE_SIZE, progress=None):
    """Pull one collection from ``source`` into ``unit``; returns the engine's Report.

    Starts after the saved position, or at ``since`` (an ISO date) when given.
    """
    origin = normal_origin(source)
    state, _created = SyncCursor.objects.get_or_create(origin=origin, resource=resource_key)
    position = since or state.cursor or "1970-01-01"
    report = engine.Report()
    while True:
        query = urllib.parse.urlencode({"changed_after": position, "include": "body", "page_size": page_size})
        data = fetch_json(f"{origin}/api/v1/{resource_key}/?{query}")
        items = data["results"]
        if items:
            report.add(engine.receive(origin, resource_key, items, unit, user=user))
        cursor = data.get("next_cursor")
        if cursor:
            position = cursor
            state.cursor = cursor
            state.save(update_fields=["cursor", "updated_at"])
        if progress is not None:
            progress(report)
        if not items or not data.get("next"):
            return report
