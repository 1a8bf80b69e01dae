from django.apps import AppConfig
from django.db.models.signals import pre_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What several apps share: the base page, blocks, caches, Vietnamese text and registries."""

    name = "core"
    verbose_name = _("Thành phần dùng chung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import exports, lookups, signals  # noqa: F401

        exports.install()
        lookups.install()
        # Before the migrations: data migrations already read and write the cache.
        pre_migrate.connect(create_cache_tables, sender=self, dispatch_uid="core-create-cache-tables")


def create_cache_tables(using="default", **kwargs):
    """``migrate`` creates the table of a database cache (production's default), so
    that no separate ``createcachetable`` step can be forgotten; idempotent."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)
