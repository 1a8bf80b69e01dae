"""A marked page is queued for the national portal each time it is published."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import NationalShare


@receiver(page_published)
def queue_marked_page(sender, instance, **kwargs):
    if NationalShare.objects.filter(page_id=instance.pk).exists():
        from .push import enqueue

        enqueue(instance)
