"""Invalidate cached listings of live pages whenever published content changes."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import bump_content_version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def on_page_change(**kwargs):
    bump_content_version()


@receiver(post_delete)
def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
