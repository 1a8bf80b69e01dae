"""The admin's survey screens: the list, live statistics with a breakdown, the
printable report and the exports. Every screen checks access.scope_for first."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import access, exports
from .models import SurveyPage, SurveyResponse
from .statistics import breakdown_choices, survey_stats


def _survey_and_scope(request, survey_id):
    survey = get_object_or_404(SurveyPage, pk=survey_id)
    scope = access.scope_for(request.user, survey)
    if scope is False:
        raise PermissionDenied
    return survey, scope


class SurveyListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/list.html"
    page_title = gettext_lazy("Khảo sát trực tuyến")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        found = access.surveys_for(self.request.user)
        counts = dict(
            SurveyResponse.objects.filter(survey__in=[s for s, _scope in found])
            .values_list("survey_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        own = {}
        scoped_ids = {u for _s, scope in found if scope is not None for u in scope}
        if scoped_ids:
            for survey_id, n in (
                SurveyResponse.objects.filter(unit_id__in=scoped_ids, survey__in=[s for s, _x in found])
                .values_list("survey_id")
                .annotate(n=Count("id"))
                .order_by()
            ):
                own[survey_id] = n
        rows = [
            {
                "survey": survey,
                "count": counts.get(survey.pk, 0) if scope is None else own.get(survey.pk, 0),
                "own_unit_only": scope is not None,
                "url": reverse("surveys_admin:results", args=[survey.pk]),
            }
            for survey, scope in found
        ]
        return {**super().get_context_data(**kwargs), "rows": rows}


class SurveyResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/results.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.survey, self.scope = _survey_and_scope(request, kwargs["survey_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Kết quả khảo sát")

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("surveys_admin:index"), "label": _("Khảo sát trực tuyến")},
            {"url": "", "label": self.survey.title},
        ]

    def get_context_data(self, **kwargs):
        stats = survey_stats(self.survey, self.request.GET.get("theo", ""), self.scope, with_texts=True)
        pk = self.survey.pk
        return {
            **super().get_context_data(**kwargs),
            "survey": self.survey,
            "stats": stats,
            "own_unit_only": self.scope is not None,
            "breakdown_choices": breakdown_choices(self.survey),
            "csv_url": reverse("surveys_admin:export_csv", args=[pk]),
            "xlsx_url": reverse("surveys_admin:export_xlsx", args=[pk]),
            "report_url": reverse("surveys_admin:report", args=[pk]),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[pk]) if self.scope is None else "",
        }


def report_view(request, survey_id):
    """The results as a plain printable page (the browser's Print makes the PDF)."""
    survey, scope = _survey_and_scope(request, survey_id)
    stats = survey_stats(survey, request.GET.get("theo", ""), scope)
    return TemplateResponse(
        request,
        "surveys/admin/report.html",
        {"survey": survey, "stats": stats, "own_unit_only": scope is not None},
    )


def export_csv_view(request, survey_id):
    survey, scope = _survey_and_scope(request, survey_id)
    return exports.csv_response(survey, scope)


def export_xlsx_view(request, survey_id):
    survey, scope = _survey_and_scope(request, survey_id)
    return exports.xlsx_response(survey, scope)
