from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSyncConfig(AppConfig):
    """Sync with the national portal: pulling from a portal that speaks the
    data standard, pushing marked content to its intake (issue 14, part 4)."""

    name = "portal_sync"
    verbose_name = _("Đồng bộ với Cổng quốc gia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
