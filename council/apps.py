from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Hội đồng phối hợp PBGDPL")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .registry import register

        register()
