from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportersConfig(AppConfig):
    name = "reporters"
    verbose_name = _("Báo cáo viên, tuyên truyền viên pháp luật")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
        from .registry import register

        register()
