from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicApiConfig(AppConfig):
    name = "publicapi"
    verbose_name = _("API mở")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .units import register

        register()
