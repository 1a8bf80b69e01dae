"""Keep cached listings in step with the listings, rules and shared vocabularies."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.cache import bump_content_version

from .models import DocumentListing, DocumentListingRule, DocumentType, IssuingBody, LegalField


@receiver(post_save, sender=DocumentListing)
@receiver(post_delete, sender=DocumentListing)
@receiver(post_save, sender=DocumentListingRule)
@receiver(post_delete, sender=DocumentListingRule)
@receiver(m2m_changed, sender=DocumentListingRule.fields.through)
@receiver(m2m_changed, sender=DocumentListingRule.document_types.through)
def listings_changed(**kwargs):
    from .repository import LISTINGS_VERSION

    LISTINGS_VERSION.bump()


@receiver(post_save, sender=DocumentType)
@receiver(post_delete, sender=DocumentType)
@receiver(post_save, sender=IssuingBody)
@receiver(post_delete, sender=IssuingBody)
@receiver(post_save, sender=LegalField)
@receiver(post_delete, sender=LegalField)
def vocabulary_changed(**kwargs):
    """A renamed type, body or field shows at once in cached listings and facets."""
    bump_content_version()
