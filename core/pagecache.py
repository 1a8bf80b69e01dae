"""Whole pages for anonymous visitors, from the shared cache, and HTTP caching headers.

A public GET answered with a 200 is kept in the shared cache under its host,
path and query string, the local date (effect statuses change at midnight) and
every version token of the project (core.cache.VERSIONS). Publishing,
unpublishing, moving or deleting a page renews the content version; a unit's
feed, a document listing, a snippet, a setting, an image, a document or a site
renews its own token (core.signals and the feature apps' signals): the
next request then misses and renders the page again. Nothing is deleted key by
key; stale entries are never read again and expire.

Never cached, by rule rather than by list: requests carrying a session or
messages cookie (staff, a visitor who has entered a page's password or has a
message waiting), responses to a signed-in user, responses that use the CSRF
token (every form that posts) or set a cookie, responses that vary on anything
but the cookie and the encoding, responses that say private / no-cache /
no-store (``never_cache``), and the prefixes in PAGE_CACHE_EXEMPT_PREFIXES
(the admin and its previews, the APIs, search, documents, health).

Every cached answer carries an ``ETag`` and ``Last-Modified``; a matching
conditional request gets a 304. ``Cache-Control`` says how long a browser
(PAGE_CACHE_BROWSER_SECONDS) and a shared proxy (PAGE_CACHE_PROXY_SECONDS,
``s-maxage``) may keep it; responses that must not be shared get ``private``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from .cache import request_versions

HIT_HEADER = "X-Page-Cache"
# Vary values that do not stop a page from being shared: every cached request has
# no session cookie, and the stored body is the same for every encoding asked.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept-language"}
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")


def _setting(name, default):
    return getattr(settings, name, default)


def _cookie_names():
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))


def exempt(request):
    """Keep this request's answer out of the shared cache: a view calls it when the
    answer depends on who asks (a lookup by tracking code, a rate-limited action)."""
    if request is not None:
        request.page_cache_exempt = True


def may_serve_from_cache(request):
    """Whether this request may be answered with (and fill) the shared page cache."""
    if _setting("PAGE_CACHE_SECONDS", 0) <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(_setting("PAGE_CACHE_EXEMPT_PREFIXES", ()))):
        return False
    return not any(name in request.COOKIES for name in _cookie_names())


def cache_key(request):
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    parts = [
        "https" if request.is_secure() else "http",
        request.get_host(),
        request.path,
        query,
        timezone.localdate().isoformat(),
        request_versions(request),
    ]
    return "core:page:" + hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def is_shareable(request, response):
    """Whether ``response`` is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "page_cache_exempt", False):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(directive in control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    return vary <= HARMLESS_VARY


def public_headers(response):
    patch_cache_control(
        response,
        public=True,
        max_age=_setting("PAGE_CACHE_BROWSER_SECONDS", 0),
        s_maxage=_setting("PAGE_CACHE_PROXY_SECONDS", 60),
    )


def private_headers(response):
    """Nothing shared may keep a personal answer; a form's token must not be replayed."""
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)


class PageCacheMiddleware:
    """Serves and fills the whole-page cache (see the module's docstring).

    Placed before the session middleware: a hit costs two cache requests (the
    version tokens and the page) and no session, site or user lookup. The
    middlewares after it have already added their headers to what is stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_serve_from_cache(request):
            response = self.get_response(request)
            if self._personal(request, response):
                private_headers(response)
            return response
        key = cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            return self.from_entry(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and is_shareable(request, response):
            entry = self.store(key, response)
            return self.from_entry(request, entry, hit=False)
        if self._personal(request, response):
            private_headers(response)
        return response

    @staticmethod
    def _personal(request, response):
        user = getattr(request, "user", None)
        return bool(
            response.cookies
            or getattr(request, "page_cache_exempt", False)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or request.META.get("CSRF_COOKIE_USED")
            or (user is not None and user.is_authenticated)
        )

    @staticmethod
    def store(key, response):
        content = response.content
        etag = quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())
        headers = list(response.items())
        entry = (response.status_code, headers, content, etag, int(time.time()))
        cache.set(key, entry, _setting("PAGE_CACHE_SECONDS", 0))
        return entry

    @staticmethod
    def from_entry(request, entry, hit=True):
        status, headers, content, etag, stored_at = entry
        response = get_conditional_response(request, etag=etag, last_modified=stored_at)
        if response is None:
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
        else:
            for name, value in headers:
                if name.lower() in ("cache-control", "vary", "content-security-policy", "x-frame-options"):
                    response[name] = value
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stored_at)
        response[HIT_HEADER] = "hit" if hit else "miss"
        public_headers(response)
        return response
