"""Finding the unit behind a request or a page without a query per item.

Every unit's root page sits directly under the tree root, so the first two
steps of a page's materialised path identify its unit. The map from those
prefixes to units is small (one entry per unit) and cached until a unit or a
site changes.
"""

from django.core.cache import cache
from wagtail.models import Page, Site

from core.cache import CacheVersion, content_version
from core.internals import find_site_for_request, raw_host
from core.trees import subtree_ids

from .models import Unit, UnitKind, UnitSection

CACHE_KEY = "multisite:unit-roots:v1"
ROOT_PATH_LENGTH = Page.steplen * 2


def _unit_roots():
    roots = cache.get(CACHE_KEY)
    if roots is None:
        roots = {
            path: {"id": pk, "code": code, "name": name, "kind": kind, "root_url": _root_url(host, port)}
            for pk, code, name, kind, path, host, port in Unit.objects.filter(site__isnull=False).values_list(
                "pk", "code", "name", "kind", "site__root_page__path", "site__hostname", "site__port"
            )
        }
        cache.set(CACHE_KEY, roots, 3600)
    return roots


def _root_url(hostname, port):
    return Site(hostname=hostname, port=port).root_url


def province_info():
    """The provincial portal's unit (name and root URL), for links back to it."""
    return next((info for info in _unit_roots().values() if info["kind"] == "province"), None)


def clear_cache():
    cache.delete(CACHE_KEY)
    SITES_VERSION.bump()
    UNITS_VERSION.bump()


# Changes whenever a unit is saved or deleted (signals.py).
UNITS_VERSION = CacheVersion("multisite:units-version")


def unit_subtree_ids(unit_id):
    """The unit and every unit below it, parents first: the one way to walk
    the unit tree, from one query over the (small) unit table, cached."""
    key = f"multisite:subtree:{unit_id}:{UNITS_VERSION.current()}"
    ids = cache.get(key)
    if ids is None:
        ids = subtree_ids(Unit.objects.values_list("pk", "parent_id"), unit_id)
        cache.set(key, ids, 3600)
    return ids


# Saving a site clears the cache of the process that saved it; with a per-process
# cache, other workers see a changed hostname within this many seconds.
SITES_CACHE_SECONDS = 60
SITES_VERSION = CacheVersion("multisite:sites-version")


def site_for_request(request):
    """Wagtail's Site.find_for_request, answered from the cache (one small entry
    per hostname and port) instead of one query per request."""
    key = f"multisite:site:{SITES_VERSION.current()}:{raw_host(request)}:{request.get_port()}"
    cached = cache.get(key)
    if cached is None:
        cached = (find_site_for_request(request),)  # a tuple, so that "no site" is cached too
        cache.set(key, cached, SITES_CACHE_SECONDS)
    return cached[0]


def unit_info_for_page(page):
    """A small dict (id, code, name, kind) for the unit that owns ``page``, or None."""
    return _unit_roots().get(page.path[:ROOT_PATH_LENGTH])


def unit_for_request(request):
    """The Unit whose site serves this request (memoised on the request)."""
    if not hasattr(request, "_pbgdpl_unit"):
        site = Site.find_for_request(request)
        unit = None
        if site is not None:
            unit = Unit.objects.select_related("site").filter(site=site).first()
        request._pbgdpl_unit = unit
    return request._pbgdpl_unit


# Rolled up the tree (issue 12, part 5) ------------------------------------------


def unit_info_for_path(path):
    """Like unit_info_for_page, from a page's materialised path (or its first two steps)."""
    return _unit_roots().get(path[:ROOT_PATH_LENGTH])


def unit_info_for_site(site):
    """The small dict of the unit whose site ``site`` is, or None; no query."""
    if site is None:
        return None
    root_url = site.root_url
    return next((info for info in _unit_roots().values() if info["root_url"] == root_url), None)


def unit_root_paths(unit_id):
    """The root pages' paths of the unit and of every unit below it (those with a
    site), parents first: what a unit's rolled-up feeds look under."""
    wanted = unit_subtree_ids(unit_id)
    by_id = {info["id"]: path for path, info in _unit_roots().items()}
    return [by_id[pk] for pk in wanted if pk in by_id]


def units_below(unit_id):
    """Every unit below ``unit_id`` that has a site, as small dicts (id, code,
    name, kind, root_url) ordered by kind then name; one cached query."""
    key = f"multisite:below:{unit_id}:{UNITS_VERSION.current()}:{SITES_VERSION.current()}"
    units = cache.get(key)
    if units is None:
        below = unit_subtree_ids(unit_id)[1:]
        units = [
            {"id": pk, "code": code, "name": name, "kind": kind, "root_url": _root_url(host, port)}
            for pk, code, name, kind, host, port in Unit.objects.filter(pk__in=below, site__isnull=False)
            .order_by("name", "pk")
            .values_list("pk", "code", "name", "kind", "site__hostname", "site__port")
        ]
        cache.set(key, units, 3600)
    return units


def unit_names(unit_ids):
    """{unit id: name} of the units with a site among ``unit_ids``; no query."""
    wanted = set(unit_ids)
    return {info["id"]: info["name"] for info in _unit_roots().values() if info["id"] in wanted}


def shared_root_paths():
    """Paths of the province's shared sections (core.registries SectionSpec.shared):
    every unit's staff may read and choose their pages in the admin. Cached."""
    from core.registries import shared_section_keys

    key = f"multisite:shared-roots:{UNITS_VERSION.current()}:{content_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = list(
            UnitSection.objects.filter(unit__kind=UnitKind.PROVINCE, key__in=shared_section_keys())
            .order_by("page__path")
            .values_list("page__path", flat=True)
        )
        cache.set(key, paths, 3600)
    return paths
