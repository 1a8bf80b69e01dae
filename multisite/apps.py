from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MultisiteConfig(AppConfig):
    # Two AppConfig classes live here; without ``default`` Django would use a bare
    # AppConfig and never run ready(), leaving the unit lookup cache stale.
    default = True
    name = "multisite"
    verbose_name = _("Đơn vị và trang thành phần")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import registries

        from . import signals  # noqa: F401
        from .lookup import unit_info_for_page

        registries.set_page_owner_resolver(unit_info_for_page)
        registries.unit_snippets.register("multisite.UnitLink")


class UnitUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with a user viewset scoped to the editor's units."""

    user_viewset = "multisite.admin_users.UnitUserViewSet"
