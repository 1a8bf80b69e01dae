"""Telling admin users that their search answers from the database.

When the engine is down, Wagtail's admin searches (pages, images, documents,
choosers) are answered by the database fallback instead of failing; the user
should know the results may be incomplete. The middleware remembers the admin
request being served, so that the search backend can add a message to it.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.utils.translation import gettext as _

_admin_request = ContextVar("search_admin_request", default=None)


def degraded():
    """Add the notice (once) to the admin request being served, if any."""
    request = _admin_request.get()
    if request is None or getattr(request, "_search_degraded_noticed", False):
        return
    request._search_degraded_noticed = True
    messages.warning(
        request,
        _(
            "Máy tìm kiếm đang tạm gián đoạn; kết quả tìm kiếm được lấy trực tiếp từ cơ sở dữ liệu "
            "và có thể chưa đầy đủ."
        ),
    )


class AdminSearchNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        token = _admin_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _admin_request.reset(token)
