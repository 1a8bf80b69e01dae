"""Keep cached unit lookups fresh when units or sites change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from . import lookup
from .models import Unit


@receiver([post_save, post_delete], sender=Unit)
@receiver([post_save, post_delete], sender=Site)
def clear_unit_cache(**kwargs):
    lookup.clear_cache()
