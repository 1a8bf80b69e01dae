"""Version tokens for cached data that many keys depend on."""

from django.core.cache import cache
from django.utils.crypto import get_random_string


class CacheVersion:
    """A token kept in the cache and changed whenever the data behind it changes:
    cache keys that include it are then simply never read again (and expire),
    instead of being found and deleted one by one."""

    def __init__(self, key):
        self.key = key

    def current(self):
        version = cache.get(self.key)
        if version is None:
            version = get_random_string(8)
            cache.set(self.key, version, None)
        return version

    def bump(self):
        cache.set(self.key, get_random_string(8), None)


# Changes whenever a page is published, unpublished, moved or deleted
# (core.signals): menus and feeds of live pages are cached under it.
CONTENT_VERSION = CacheVersion("core:content-version")
content_version = CONTENT_VERSION.current
bump_content_version = CONTENT_VERSION.bump
