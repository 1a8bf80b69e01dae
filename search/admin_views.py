"""The report of queries that went wrong: found nothing, or nobody opened a result."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .feedback import REPORT_DAYS, report_rows

KINDS = {
    "all": _("Tất cả"),
    "zero": _("Không có kết quả"),
    "unopened": _("Có kết quả nhưng không ai mở"),
}
MAX_ROWS = 200


class QueryFeedbackReportView(WagtailAdminTemplateMixin, TemplateView):
    """Each row links to a new dictionary entry for the query and to its promoted results."""

    template_name = "search/admin/feedback_report.html"
    page_title = _("Từ khóa chưa hiệu quả")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        from .wagtail_hooks import is_province_staff

        if not is_province_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.request.GET.get("kind", "all")
        kind = kind if kind in KINDS else "all"
        can_promote = self.request.user.has_perm("wagtailsearchpromotions.change_query")
        add_entry = reverse("wagtailsnippets_search_dictionaryentry:add")
        rows = report_rows(REPORT_DAYS, kind)[:MAX_ROWS]
        for row in rows:
            query = row["query"]
            row["add_entry_url"] = add_entry + "?" + urlencode({"term": query.query_string})
            row["promote_url"] = (
                reverse("wagtailsearchpromotions:edit", args=[query.pk]) if can_promote else ""
            )
        context.update(
            rows=rows,
            days=REPORT_DAYS,
            kind=kind,
            kinds=[{"key": key, "label": label, "url": "?kind=" + key} for key, label in KINDS.items()],
        )
        return context
