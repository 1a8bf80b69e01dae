"""Editors' picks (Wagtail's search promotions) for a query, from the cache.

Looking them up took a get-or-create of the query's statistics row and a query
of its picks on every search; the picks of a query on a site are now kept in
the cache until a pick or a page changes (PROMOTIONS_VERSION, the content version).
"""

import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from core.cache import CacheVersion, content_version

PROMOTIONS_VERSION = CacheVersion("search:promotions-version")
CACHE_SECONDS = 3600


def for_query(query_string, request, site):
    normalised = normalise_query_string(query_string)
    digest = hashlib.md5(normalised.encode(), usedforsecurity=False).hexdigest()
    site_id = site.pk if site is not None else 0
    key = f"search:promotions:{site_id}:{digest}:{PROMOTIONS_VERSION.current()}:{content_version()}"
    picks = cache.get(key)
    if picks is None:
        picks = _picks(normalised, request)
        cache.set(key, picks, CACHE_SECONDS)
    return picks


def _picks(normalised, request):
    picks = []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalised)
        .select_related("page")
        .order_by("sort_order")
    )
    for pick in promotions:
        if pick.page_id and pick.page.live:
            picks.append(
                {
                    "title": pick.title or pick.page.title,
                    "url": pick.page.get_url(request),
                    "description": pick.description,
                }
            )
        elif pick.external_link_url:
            picks.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return picks


def promotions_changed(**kwargs):
    PROMOTIONS_VERSION.bump()


post_save.connect(promotions_changed, sender=SearchPromotion, dispatch_uid="search-promotions-saved")
post_delete.connect(promotions_changed, sender=SearchPromotion, dispatch_uid="search-promotions-deleted")
