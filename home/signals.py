"""Purging the homes that list an article from a caching proxy.

The whole-page cache of the application is renewed by any publication
(core.signals); a caching proxy in front is told by Wagtail to purge the page
and, by core.signals, its ancestors. An article also shows on the homes of the
units above its own (rolled-up "Tin mới", "Tin nổi bật"), whose root pages
are not its ancestors in the page tree: those are purged here.
"""

from django.conf import settings
from wagtail.signals import page_published, page_unpublished


def purge_rolled_up_homes(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from multisite.lookup import unit_info_for_page
    from multisite.models import Unit

    info = unit_info_for_page(instance)
    if info is None:
        return
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    above, seen = [], {info["id"]}
    parent = parents.get(info["id"])
    while parent is not None and parent not in seen:
        above.append(parent)
        seen.add(parent)
        parent = parents.get(parent)
    if not above:
        return
    batch = PurgeBatch()
    for unit in Unit.objects.filter(pk__in=above, site__isnull=False).select_related("site"):
        batch.add_url(unit.site.root_url + "/")
    batch.purge()


def register_signals():
    from home.models import ArticlePage

    page_published.connect(purge_rolled_up_homes, sender=ArticlePage, dispatch_uid="home-purge-rolled-up")
    page_unpublished.connect(
        purge_rolled_up_homes, sender=ArticlePage, dispatch_uid="home-purge-rolled-up-un"
    )
