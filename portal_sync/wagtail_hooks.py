"""Admin registrations of sync: menu items, screens and the page header button."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views, push


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("dong-bo/", admin_views.CopyListView.as_view(), name="portal_sync_copies"),
        path("dong-bo/<int:pk>/xu-ly/", admin_views.resolve_view, name="portal_sync_resolve"),
        path("dong-bo/gui/", admin_views.DeliveryListView.as_view(), name="portal_sync_deliveries"),
        path("dong-bo/gui/<int:pk>/gui-lai/", admin_views.retry_view, name="portal_sync_retry"),
        path("dong-bo/danh-dau/<int:page_id>/", admin_views.MarkView.as_view(), name="portal_sync_mark"),
    ]


@hooks.register("register_reports_menu_item")
def copies_menu_item():
    return MenuItem(_("Nội dung đồng bộ"), reverse("portal_sync_copies"), icon_name="resubmit", order=950)


@hooks.register("register_reports_menu_item")
def deliveries_menu_item():
    return MenuItem(
        _("Gửi Cổng PBGDPL quốc gia"), reverse("portal_sync_deliveries"), icon_name="upload", order=951
    )


@hooks.register("register_page_header_buttons")
def national_portal_button(page, user, view_name=None, next_url=None):
    if page.live and page.permissions_for_user(user).can_publish() and push.sendable(page):
        label = _("Đã gửi Cổng quốc gia") if push.is_marked(page) else _("Gửi lên Cổng quốc gia")
        yield Button(label, reverse("portal_sync_mark", args=[page.pk]), icon_name="upload", priority=60)
