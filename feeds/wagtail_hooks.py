"""Feed sources in the admin, isolated per unit; failing ones are flagged."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn

from multisite.viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet

from .models import FeedSource


class FeedSourceViewSet(UnitOwnedSnippetViewSet):
    model = FeedSource
    icon = "link-external"
    menu_label = _("Nguồn tin ngoài")
    add_to_admin_menu = True
    menu_order = 320
    list_display = [
        "title",
        "unit",
        "url",
        BooleanColumn("failing", label=_("Đang lỗi")),
        "last_error",
        "last_success_at",
    ]
    list_filter = ["unit", "active"]
    search_fields = ["title", "url"]
    search_backend_name = None


register_unit_owned_snippet(FeedSourceViewSet)
