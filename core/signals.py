"""Invalidate cached listings and whole pages whenever published content changes."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import PAGE_VERSION, bump_content_version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def on_page_change(**kwargs):
    bump_content_version()
    page = kwargs.get("instance") or kwargs.get("page")
    if page is not None:
        purge_ancestors_from_proxy(page)


@receiver(post_delete)
def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def shown_on_pages(instance):
    """Whether ``instance`` is something a public page may show besides pages:
    a snippet, a site or generic setting, an image, a document or a site."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.snippets.models import get_snippet_models

    kinds = (BaseGenericSetting, BaseSiteSetting, AbstractDocument, AbstractImage, Site)
    return isinstance(instance, kinds) or type(instance) in get_snippet_models()


@receiver(post_save)
@receiver(post_delete)
def on_shown_object_change(sender, instance, **kwargs):
    if isinstance(instance, Page) or not shown_on_pages(instance):
        return
    if kwargs.get("created") and _is_setting(instance):
        # A settings row created with its defaults on a page's first read
        # (for_request) changes nothing that page showed.
        return
    PAGE_VERSION.bump()


def _is_setting(instance):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return isinstance(instance, (BaseGenericSetting, BaseSiteSetting))


def purge_ancestors_from_proxy(page):
    """Wagtail's frontend cache purges a changed page's own URLs; the listings that
    show it (its section, the unit's home) are its ancestors, purged here too."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).live().specific())
    batch.purge()
