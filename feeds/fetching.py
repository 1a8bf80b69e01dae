"""Fetching one source: conditional GET, time and size limits, feedparser, sanitising.

Only http(s) URLs; at most FEEDS_MAX_BYTES read; FEEDS_TIMEOUT seconds. The
items replace the stored ones in one transaction, only when the feed parsed and
gave at least one valid item; otherwise the old items stay and the reason is
kept on the source (shown in the admin).
"""

import calendar
import datetime
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import feedparser
import nh3
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import bump_content_version

from .models import FeedItem

USER_AGENT = "PBGDPL-portal/1.0 (+feeds)"
SUMMARY_CHARS = 500


class FeedProblem(Exception):
    """Why a source could not be read (Vietnamese)."""


def plain_text(value, limit):
    """Markup-free, single-spaced text (entities decoded), at most ``limit`` characters."""
    text = nh3.clean(value or "", tags=set(), attributes={})
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return " ".join(text.split())[:limit]


def _safe_link(value):
    value = (value or "").strip()
    return value if urlsplit(value).scheme in ("http", "https") and len(value) <= 1000 else ""


def download(source):
    """(status, body, etag, last_modified); status 304 means unchanged."""
    if urlsplit(source.url).scheme not in ("http", "https"):
        raise FeedProblem(_("chỉ nhận địa chỉ http hoặc https"))
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - http(s) only
    if source.etag:
        request.add_header("If-None-Match", source.etag)
    if source.last_modified:
        request.add_header("If-Modified-Since", source.last_modified)
    limit = settings.FEEDS_MAX_BYTES
    try:
        with urllib.request.urlopen(request, timeout=settings.FEEDS_TIMEOUT) as response:  # noqa: S310 - scheme checked
            body = response.read(limit + 1)
            headers = response.headers
            status = response.status
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 304, b"", source.etag, source.last_modified
        raise FeedProblem(_("máy chủ nguồn trả lời mã %(code)s") % {"code": error.code}) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FeedProblem(_("không kết nối được tới nguồn (%(error)s)") % {"error": error}) from error
    if len(body) > limit:
        raise FeedProblem(_("nguồn tin lớn quá %(n)d byte") % {"n": limit})
    return status, body, headers.get("ETag", ""), headers.get("Last-Modified", "")


def _entries_from_json(body):
    """Items of a JSON Feed (https://jsonfeed.org), as feedparser-like dicts."""
    data = json.loads(body)
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedProblem(_("JSON không phải JSON Feed (thiếu danh sách items)"))
    entries = []
    for item in data["items"]:
        if isinstance(item, dict):
            entries.append(
                {
                    "id": str(item.get("id", "")),
                    "title": str(item.get("title", "")),
                    "link": str(item.get("url", "")),
                    "summary": str(
                        item.get("summary") or item.get("content_text") or item.get("content_html") or ""
                    ),
                    "published": item.get("date_published"),
                }
            )
    return entries


def _published(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
    value = entry.get("published")
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def parse(body):
    """Sanitised item dicts of a feed body (RSS, Atom or JSON Feed)."""
    text_start = body.lstrip()[:1]
    if text_start in (b"{", b"["):
        try:
            entries = _entries_from_json(body)
        except ValueError as error:
            raise FeedProblem(_("JSON không hợp lệ (%(error)s)") % {"error": error}) from error
    else:
        feed = feedparser.parse(body)
        if feed.bozo and not feed.entries:
            raise FeedProblem(_("không đọc được nguồn tin (%(error)s)") % {"error": feed.bozo_exception})
        entries = feed.entries
    items = []
    for entry in entries:
        title = plain_text(entry.get("title"), 500)
        link = _safe_link(entry.get("link"))
        if not title or not link:
            continue
        items.append(
            {
                "guid": plain_text(entry.get("id") or link, 500) or link[:500],
                "title": title,
                "link": link,
                "summary": plain_text(entry.get("summary"), SUMMARY_CHARS),
                "published_at": _published(entry),
            }
        )
    if not items:
        raise FeedProblem(_("nguồn tin không có mục hợp lệ nào (cần tiêu đề và đường dẫn http/https)"))
    return items


def fetch(source):
    """Fetch ``source``; returns "updated", "unchanged" or "failed" (the reason on the source)."""
    now = timezone.now()
    source.last_fetched_at = now
    try:
        status, body, etag, last_modified = download(source)
        if status == 304:
            source.last_error = ""
            source.save(update_fields=["last_fetched_at", "last_error"])
            return "unchanged"
        items = parse(body)
    except FeedProblem as problem:
        source.last_error = str(problem)[:500]
        source.save(update_fields=["last_fetched_at", "last_error"])
        return "failed"
    seen, unique = set(), []
    for item in items:
        if item["guid"] not in seen:
            seen.add(item["guid"])
            unique.append(item)
    with transaction.atomic():
        FeedItem.objects.filter(source=source).delete()
        FeedItem.objects.bulk_create([FeedItem(source=source, **item) for item in unique[:100]])
        source.etag, source.last_modified = etag[:255], last_modified[:255]
        source.last_success_at, source.last_error = now, ""
        source.save(
            update_fields=["etag", "last_modified", "last_fetched_at", "last_success_at", "last_error"]
        )
        transaction.on_commit(bump_content_version)  # homes showing the items are rebuilt
    return "updated"
