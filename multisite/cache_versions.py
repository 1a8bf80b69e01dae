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
