from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MultisiteConfig(AppConfig):
    # apps.py holds more than one AppConfig: without this Django would fall back
    # to a plain AppConfig and never run ready() (so the unit cache signals).
    default = True
    name = "multisite"
    verbose_name = _("Đơn vị và trang thành phần")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401


class UnitUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with a user viewset scoped to the editor's units."""

    user_viewset = "multisite.admin_users.UnitUserViewSet"
