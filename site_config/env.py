"""Typed reads of environment variables for the settings modules.

One helper per type so that every setting reads the environment the same way and a
malformed value stops the start with a message naming the variable and the expected
form, instead of a bare ``ValueError`` or a silently wrong setting. An empty value
counts as unset for the typed helpers (``FOO=`` in an env file keeps the default).
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _refuse(name, value, expected):
    return ImproperlyConfigured(f"{name}={value!r}: expected {expected}")


def _typed_value(name):
    """The stripped value, or None when the variable is unset or empty."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def env_str(name, default=""):
    """The raw value (not stripped: secrets may contain any character)."""
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = _typed_value(name)
    if value is None:
        return default
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _refuse(name, value, "one of 1/0, true/false, yes/no, on/off")


def _number(name, default, kind, description, minimum):
    value = _typed_value(name)
    if value is None:
        return default
    expected = description if minimum is None else f"{description} of at least {minimum}"
    try:
        number = kind(value)
    except ValueError:
        raise _refuse(name, value, expected) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _refuse(name, value, expected)
    if minimum is not None and number < minimum:
        raise _refuse(name, value, expected)
    return number


def env_int(name, default, minimum=None):
    return _number(name, default, int, "a whole number", minimum)


def env_float(name, default, minimum=None):
    return _number(name, default, float, "a number (e.g. 2 or 0.5)", minimum)


def env_list(name, default=""):
    """A comma-separated value as a list of its non-empty, stripped items."""
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_pairs(name):
    """``key:value,key:value`` as a dict (a key id and its secret, say); a pair
    without a colon or with an empty side is refused."""
    pairs = {}
    for item in env_list(name):
        key, sep, value = item.partition(":")
        if not sep or not key.strip() or not value:
            raise _refuse(name, "…", "comma-separated key:value pairs")
        pairs[key.strip()] = value
    return pairs
