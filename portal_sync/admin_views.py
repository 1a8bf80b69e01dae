"""Admin screens of sync: copies received from other portals (conflicts to
settle), the queue to the national portal, and marking a page for it.

Every screen shows only the user's units' rows; settling a conflict or
marking a page needs the right to publish that page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from multisite.scoping import user_unit_ids

from . import engine, push
from .models import OutboundDelivery, SyncedCopy

PAGE_SIZE = 50


def visible(queryset, user):
    if user.is_superuser:
        return queryset
    return queryset.filter(unit_id__in=user_unit_ids(user))


def can_publish(user, page):
    return page is not None and page.permissions_for_user(user).can_publish()


class CopyListView(WagtailAdminTemplateMixin, TemplateView):
    """Copies received from other portals, conflicts first."""

    template_name = "portal_sync/copies.html"
    header_icon = "resubmit"

    def get_page_title(self):
        return _("Nội dung đồng bộ")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        status = status if status in SyncedCopy.Status.values else ""
        copies = visible(SyncedCopy.objects.select_related("unit"), self.request.user)
        if status:
            copies = copies.filter(status=status)
        conflicts_first = Case(When(status=SyncedCopy.Status.CONFLICT, then=Value(0)), default=Value(1))
        copies = copies.order_by(conflicts_first, "-synced_at", "-pk")
        page = Paginator(copies, PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(page=page, status=status, statuses=SyncedCopy.Status.choices)
        return context


@require_POST
def resolve_view(request, pk):
    copy = get_object_or_404(visible(SyncedCopy.objects.all(), request.user), pk=pk)
    page = copy.local_object
    page = page if isinstance(page, Page) else None
    # A copy deleted here is settled by its unit's staff (``visible``); a page by who may publish it.
    if page is not None and not can_publish(request.user, page):
        raise PermissionDenied
    take_remote = request.POST.get("choice") == "remote"
    report = engine.resolve(copy, take_remote, user=request.user)
    if report.problems:
        messages.error(
            request,
            _("Không áp dụng được bản từ nguồn: %(reasons)s") % {"reasons": "; ".join(report.problems)},
        )
    elif take_remote:
        messages.success(request, _("Đã nhận bản từ nguồn cho “%(title)s”.") % {"title": copy})
    else:
        messages.success(request, _("Đã giữ bản tại chỗ cho “%(title)s”.") % {"title": copy})
    return redirect("portal_sync_copies")


class DeliveryListView(WagtailAdminTemplateMixin, TemplateView):
    """What waits for, reached or was refused by the national portal."""

    template_name = "portal_sync/deliveries.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Gửi Cổng PBGDPL quốc gia")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliveries = visible(OutboundDelivery.objects.select_related("unit"), self.request.user)
        page = Paginator(deliveries.order_by("-created_at"), PAGE_SIZE).get_page(self.request.GET.get("p"))
        context["page"] = page
        return context


@require_POST
def retry_view(request, pk):
    delivery = get_object_or_404(visible(OutboundDelivery.objects.all(), request.user), pk=pk)
    if delivery.status == OutboundDelivery.Status.DELIVERED:
        return redirect("portal_sync_deliveries")
    if delivery.page is None or not can_publish(request.user, delivery.page):
        raise PermissionDenied
    delivery.status = OutboundDelivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    messages.success(request, _("“%(title)s” sẽ được gửi lại ở lần chạy tới.") % {"title": delivery.title})
    return redirect("portal_sync_deliveries")


class MarkView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then mark a page for the national portal."""

    template_name = "portal_sync/mark.html"
    header_icon = "upload"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_publish(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Gửi lên Cổng PBGDPL quốc gia")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource, data = push.resource_for(self.page)
        context.update(
            page=self.page,
            marked=push.is_marked(self.page),
            sendable=resource is not None and data is not None,
        )
        return context

    def post(self, request, page_id):
        resource, data = push.resource_for(self.page)
        if resource is None or data is None:
            messages.error(request, _("Trang này chưa xuất bản hoặc không thuộc loại nội dung gửi được."))
            return redirect("portal_sync_mark", page_id)
        _share, _created, delivery = push.mark(self.page, request.user)
        messages.success(
            request,
            _(
                "Đã đánh dấu “%(title)s”: bản đang xuất bản đã vào hàng đợi, mỗi lần xuất bản sau cũng được gửi."
            )
            % {"title": self.page.title},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
