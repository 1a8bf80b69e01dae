"""What each app declares about itself, read by the layers below it.

``multisite`` provisions the sections a feature declares, ``home`` shows the
blocks it declares, ``search`` offers its facets and the demo command runs its
seeder — none of them names a feature. A feature registers from its
``AppConfig.ready()``::

    from core import registries

    registries.sections.register(registries.SectionSpec(...))
    registries.unit_snippets.register("<app_label>.<Model>")

Registration happens once per process, when Django starts; registering the same
key twice is a programming error and raises ``ImproperlyConfigured``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


class Registry:
    """An ordered collection of declarations with unique keys."""

    def __init__(self, name, key=lambda item: item.key, order=lambda item: getattr(item, "order", 0)):
        self.name = name
        self._key = key
        self._order = order
        self._items = {}

    def register(self, item):
        key = self._key(item)
        if key in self._items:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is registered twice")
        self._items[key] = item
        return item

    def replace(self, item):
        """Put ``item`` in place of the declaration with its key, which must exist:
        a feature app taking over a section a lower layer declares (same key, so
        existing units' sections are converted, not duplicated)."""
        key = self._key(item)
        if key not in self._items:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is not registered, nothing to replace")
        self._items[key] = item
        return item

    def unregister(self, key):
        """Remove a declaration (tests that register a temporary one)."""
        self._items.pop(key, None)

    def __iter__(self):
        return iter(sorted(self._items.values(), key=self._order))

    def __len__(self):
        return len(self._items)

    def __contains__(self, key):
        return key in self._items

    def get(self, key, default=None):
        return self._items.get(key, default)


# Sections ------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSpec:
    """A mandatory section of every unit site (MoJ letter 5015, decision 1575).

    ``page_model`` is the page type's label; ``unit_kinds`` limits the section
    to some kinds of unit (None: every unit); ``children`` are sub-sections.
    """

    key: str
    title: str
    slug: str
    page_model: str
    intro: str = ""
    order: int = 100
    unit_kinds: frozenset | None = None
    children: tuple = field(default_factory=tuple)

    def applies_to(self, kind):
        return self.unit_kinds is None or kind in self.unit_kinds


sections = Registry("sections")


def iter_sections(specs=None):
    """Every registered section spec, parents before children."""
    for spec in sections if specs is None else specs:
        yield spec
        yield from iter_sections(spec.children)


def section_page_models():
    """Labels of every page type a section uses (the home pages' allowed children)."""
    labels = []
    for spec in iter_sections():
        if spec.page_model not in labels:
            labels.append(spec.page_model)
    return labels


# Unit-owned snippets ----------------------------------------------------------

# Labels ("app.Model") of snippets that belong to one unit: their permissions
# are granted to every unit's groups, and their admin is isolated by unit.
unit_snippets = Registry("unit snippets", key=lambda label: label.lower(), order=lambda label: label)


# Blocks of the home pages -------------------------------------------------------


@dataclass(frozen=True)
class HomeBlock:
    """A block on the portal's and/or the units' home pages.

    ``context(page, request)`` returns the template's context (a dict), or None
    to leave the block out; ``template`` renders it inside a section titled
    ``title`` whose HTML id is ``key``.
    """

    key: str
    title: str
    template: str
    context: Callable
    order: int = 100
    on_portal: bool = True
    on_units: bool = False


home_blocks = Registry("home blocks")


# Demo data ----------------------------------------------------------------


@dataclass(frozen=True)
class DemoSeeder:
    """Seeds a feature's demo data for one unit of the demo province.

    ``seed(unit, index)`` is called once per unit, parents first (``index`` is
    the unit's position, for varied dates); it must be idempotent.
    """

    key: str
    seed: Callable
    order: int = 100


demo_seeders = Registry("demo seeders")


# Search -------------------------------------------------------------------


@dataclass(frozen=True)
class SearchFacet:
    """A facet of the public search.

    ``values(obj)`` returns the display labels of one indexed object (a
    specific page); the same strings are indexed, counted, shown and used as
    filter values in URLs. ``sort`` is "count" (most first) or "key_desc"
    (e.g. years, newest first).
    """

    key: str
    label: str
    values: Callable
    order: int = 100
    sort: str = "count"


search_facets = Registry("search facets")


# Who owns a page --------------------------------------------------------------

_page_owner_resolver = None


def set_page_owner_resolver(resolver):
    """``multisite`` tells the lower layer how to find the unit that owns a page."""
    global _page_owner_resolver
    _page_owner_resolver = resolver


def page_owner(page):
    """The owning unit of ``page`` as a small dict, or None (no resolver, no unit)."""
    return _page_owner_resolver(page) if _page_owner_resolver is not None else None
