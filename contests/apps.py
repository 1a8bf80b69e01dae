from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Thi tìm hiểu pháp luật trực tuyến")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .registry import register

        register()
