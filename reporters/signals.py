"""Keep the register's cached figures and unit trees fresh."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from multisite.models import Unit

from .figures import bump_register_version
from .models import Activity, Person


@receiver([post_save, post_delete], sender=Person)
@receiver([post_save, post_delete], sender=Activity)
@receiver([post_save, post_delete], sender=Unit)
@receiver(m2m_changed, sender=Person.fields.through)
def on_register_change(**kwargs):
    bump_register_version()
