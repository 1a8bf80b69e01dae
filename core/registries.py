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
    ``shared``: the province's section of this kind is a repository that every
    unit's staff may read and choose from in the admin (units list its pages
    instead of copying them).
    """

    key: str
    title: str
    slug: str
    page_model: str
    intro: str = ""
    order: int = 100
    unit_kinds: frozenset | None = None
    children: tuple = field(default_factory=tuple)
    shared: bool = False

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


def shared_section_keys():
    """Keys of the sections whose provincial page is a shared repository."""
    return [spec.key for spec in iter_sections() if spec.shared]


# Page types a feature adds under plain sections --------------------------------

# Labels ("app.Model") of page types editors may add under a plain section
# (``home.SectionPage``) besides articles, such as the multimedia library's
# items under "Tài liệu phổ biến, giáo dục pháp luật". The page type's own
# ``can_create_at`` says under which sections.
section_child_types = Registry(
    "section child types", key=lambda label: label.lower(), order=lambda label: label
)


# Pages listed on other units' sites -------------------------------------------


@dataclass(frozen=True)
class SharedListing:
    """Pages that live once but are listed on several units' sites (such as the
    shared legal-document repository). ``listed_on(unit_id)`` returns the ids
    of the live pages a unit lists (its site search finds them);
    ``listers(page_ids)`` returns {page id: [names of the units listing it]}
    for a page of search results."""

    key: str
    listed_on: Callable
    listers: Callable
    order: int = 100


shared_listings = Registry("shared listings")


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


# Blocks embedded in other websites ---------------------------------------------


@dataclass(frozen=True)
class EmbedBlock:
    """A block another website (the province's main portal) embeds with
    ``embed.js`` (``data-blocks="news,documents,…"``). ``context(home, request)``
    gives ``template``'s context for a unit's (or the portal's) home page, or
    None to leave the block out."""

    key: str
    title: str
    template: str
    context: Callable
    order: int = 100


embed_blocks = Registry("embed blocks")


# The open, read-only API (/api/v1/) ------------------------------------------------


@dataclass(frozen=True)
class ApiFilter:
    """A query parameter of an API collection: ``apply(queryset, value)`` returns
    the filtered queryset or raises ValueError with a Vietnamese reason."""

    name: str
    description: str
    apply: Callable
    kind: str = "string"  # the OpenAPI type: string, integer, date


@dataclass(frozen=True)
class ApiResource:
    """A collection of the open API, ``/api/v1/<key>/`` and ``/api/v1/<key>/<id>/``.

    ``queryset(request)`` gives the public objects; ``serialize(obj, request)``
    one object as the data standard's ``schema`` (a file name under the
    standard's folder) describes it; ``modified`` names the field that dates a
    change (Last-Modified). The queryset prefetches what ``serialize`` reads;
    ``prepare(objects, request)``, if given, attaches to a page of objects what
    is read in bulk (so that serializing costs no query per object).
    ``full(obj, request)``, if given, returns the heavy fields (the full text)
    that a detail answer, and a list asked with ``include=body``, adds: what a
    portal syncing from this one needs, and a plain listing does not.
    """

    key: str
    title: str
    schema: str
    queryset: Callable
    serialize: Callable
    filters: tuple = ()
    ordering: tuple = ("-pk",)
    modified: str = ""
    order: int = 100
    prepare: Callable | None = None
    full: Callable | None = None


api_resources = Registry("api resources")


# Sync between portals ------------------------------------------------------


@dataclass(frozen=True)
class SyncReceiver:
    """How objects of one API collection, received from another portal that
    speaks the data standard, become local content (issue 14, sync).

    ``locate(items)`` maps the index of each received object (a dict of the
    standard) to the local object that already stands for it, if any (a
    document with the same number and issuing body, say). ``apply(items,
    unit, user)`` creates or updates local content of ``unit`` for them in
    bulk and returns, per item, ``(local object or None, [Vietnamese reasons],
    "created" | "updated" | "unchanged")``.
    ``state(obj)`` is a token of the local object's editable state (its latest
    revision): when it has moved since the last sync, an editor changed the
    copy here and a remote change must not overwrite it.
    """

    key: str
    locate: Callable
    apply: Callable
    state: Callable
    order: int = 100


sync_receivers = Registry("sync receivers")


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


# Figures a statistics report is pre-filled with -----------------------------------


@dataclass(frozen=True)
class IndicatorSource:
    """A figure the portal already knows, offered to report forms' indicators.

    ``count(unit, start, end)`` returns a number for ``unit``'s own data (not the
    units below it) between ``start`` and ``end`` (dates, both included). The
    key is stored on indicators, so it must not change once used.
    """

    key: str
    label: str
    count: Callable
    order: int = 100


report_indicator_sources = Registry("report indicator sources")


# Blocks of the public "Số liệu thống kê" page ---------------------------------------


@dataclass(frozen=True)
class StatisticsBlock:
    """A block of figures on a unit's "Số liệu thống kê" page.

    ``context(unit_info, request)`` returns ``template``'s context (a dict) for
    the unit whose page it is (``unit_info``: id, code, name, kind), or None to
    leave the block out.
    """

    key: str
    title: str
    template: str
    context: Callable
    order: int = 100


statistics_blocks = Registry("statistics blocks")
