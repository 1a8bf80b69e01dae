"""Keep the cached listings of units in step with their listings and rules."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import DocumentListing, DocumentListingRule


@receiver(post_save, sender=DocumentListing)
@receiver(post_delete, sender=DocumentListing)
@receiver(post_save, sender=DocumentListingRule)
@receiver(post_delete, sender=DocumentListingRule)
@receiver(m2m_changed, sender=DocumentListingRule.fields.through)
@receiver(m2m_changed, sender=DocumentListingRule.document_types.through)
def listings_changed(**kwargs):
    from .repository import LISTINGS_VERSION

    LISTINGS_VERSION.bump()
