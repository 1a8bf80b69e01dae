from django.apps import AppConfig
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
