"""Version tokens for cached data that many keys depend on."""

from django.core.cache import cache
from django.utils.crypto import get_random_string

# Every version token of the project (filled as CacheVersion objects are created):
# a whole cached page depends on all of them (core.pagecache).
VERSIONS = []


class CacheVersion:
    """A token kept in the cache and changed whenever the data behind it changes:
    cache keys that include it are then simply never read again (and expire),
    instead of being found and deleted one by one."""

    def __init__(self, key):
        self.key = key
        VERSIONS.append(self)

    def current(self):
        version = cache.get(self.key)
        if version is None:
            version = get_random_string(8)
            cache.set(self.key, version, None)
        return version

    def bump(self):
        cache.set(self.key, get_random_string(8), None)


def all_versions():
    """Every version token at once (one cache request): what a whole cached page depends on."""
    keys = [version.key for version in VERSIONS]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:  # add, not set: another process may have just made one
            cache.add(key, get_random_string(8), None)
        found.update(cache.get_many(missing))
    return ":".join(found[key] for key in keys)


def request_versions(request):
    """``all_versions()`` read once per request: the page cache's key and the
    fragment caches of the page it renders depend on the same tokens."""
    versions = getattr(request, "_cache_versions", None)
    if versions is None:
        versions = all_versions()
        if request is not None:
            request._cache_versions = versions
    return versions


def fragment_version(request):
    """What a page's fragment caches are keyed on: the version tokens, or, in a
    preview (a draft not yet published), a token of its own, so that the draft is
    rendered and never served from nor stored in the live page's fragments."""
    if getattr(request, "is_preview", False):
        return "preview:" + get_random_string(12)
    return request_versions(request)


def fragment_seconds(request, seconds):
    """How long a fragment is kept: not at all in a preview."""
    return 0 if getattr(request, "is_preview", False) else seconds


# Changes whenever a page is published, unpublished, moved or deleted
# (core.signals): menus and feeds of live pages are cached under it.
CONTENT_VERSION = CacheVersion("core:content-version")
content_version = CONTENT_VERSION.current
bump_content_version = CONTENT_VERSION.bump

# Changes whenever something else a public page shows changes: a snippet, a
# setting, an image, a document, a site (core.pagecache).
PAGE_VERSION = CacheVersion("core:page-version")
