"""Publishing a publication makes its PDF's page images (once per file)."""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from .models import PublicationPage
from .rendering import ensure_rendering


@receiver(page_published, sender=PublicationPage)
def render_published_pdf(sender, instance, **kwargs):
    """Make the page images, then index the page again with the PDF's text (the
    page was indexed when saved, before its text was known)."""
    if instance.pdf_id:
        _rendering, made = ensure_rendering(instance.pdf)
        if made:
            instance.__dict__.pop("_rendering", None)
            index.insert_or_update_object(instance)
