from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Trang chủ và chuyên mục")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import registries

        from .sections import SECTIONS

        for spec in SECTIONS:
            registries.sections.register(spec)
        from . import api
        from .embed_blocks import register_embed_blocks
        from .home_blocks import register_home_blocks
        from .signals import register_signals

        register_embed_blocks()
        register_home_blocks()
        register_signals()
        api.register()
