"""Grant the site-identity permission to each new unit administrators' group."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from multisite.models import UnitGroup

from .permissions import grant


@receiver(post_save, sender=UnitGroup)
def grant_site_identity(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant(instance)
