"""The reports' admin: the list of reports, one report (fill, submit, review,
reopen, attachments, history), the dashboard and the Excel export.

Every view checks statistics_reports.access for the object it is given: an
object of a unit the user may not read is refused (403) before anything shows."""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from multisite.models import Unit

from . import access, services, tables
from .exports import period_workbook
from .forms import AttachmentForm, ReopenForm, ReportValuesForm, ReviewForm
from .models import (
    ReportAttachment,
    ReportForm,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
    format_number,
)


class ReportsView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not access.has_access(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("statistics_reports:index"), "label": _("Báo cáo thống kê")},
            {"url": "", "label": self.get_page_title()},
        ]


class ReportListView(ReportsView):
    """The reports the user fills or reads, newest period first, with filters."""

    page_title = gettext_lazy("Báo cáo thống kê")
    template_name = "statistics_reports/admin/index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        reports = UnitReport.objects.select_related("unit", "period").order_by(
            "-period__end", "-period__pk", "unit__name"
        )
        if not user.is_superuser:
            reports = reports.filter(unit_id__in=access.readable_unit_ids(user))
        periods = ReportingPeriod.objects.filter(pk__in=reports.values("period_id")).order_by("-end", "-pk")
        period_id = self.request.GET.get("period", "")
        status = self.request.GET.get("status", "")
        if period_id.isdigit():
            reports = reports.filter(period_id=int(period_id))
        if status in ReportStatus.values:
            reports = reports.filter(status=status)
        own = access.reporting_unit_ids(user)
        to_review = reports.filter(status=ReportStatus.SUBMITTED, unit__parent_id__in=own)
        page = Paginator(reports, 50).get_page(self.request.GET.get("p"))
        return {
            **super().get_context_data(**kwargs),
            "reports": page,
            "to_review": list(to_review[:50]) if not user.is_superuser else [],
            "periods": periods,
            "period_id": period_id,
            "status": status,
            "statuses": ReportStatus.choices,
            "can_manage": access.can_manage(user),
        }


class ReportObjectMixin:
    model = UnitReport

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.report = get_object_or_404(
            UnitReport.objects.select_related(
                "unit", "unit__parent", "period", "period__form", "reviewed_by"
            ),
            pk=kwargs["report_id"],
        )

    def dispatch(self, request, *args, **kwargs):
        if not access.can_read(request.user, self.report):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.report.unit.name} – {self.report.period.title}"

    def report_url(self):
        return reverse("statistics_reports:report", args=[self.report.pk])


class ReportView(ReportObjectMixin, ReportsView):
    """One report: the form (while the unit's officer may fill it) or its figures,
    the children's sums beside its own, attachments, review and history."""

    page_title = gettext_lazy("Báo cáo của đơn vị")
    template_name = "statistics_reports/admin/report.html"

    def get(self, request, *args, **kwargs):
        if access.can_fill(request.user, self.report) and not self.report.values.exists():
            services.prefill(self.report)
        return self.render_to_response(self.get_context_data(form=self.values_form()))

    def values_form(self, data=None):
        indicators = self.report.period.requested_indicators()
        values = {value.indicator_id: value for value in self.report.values.all()}
        return ReportValuesForm(data, indicators=indicators, values=values)

    def post(self, request, *args, **kwargs):
        report = self.report
        if not access.can_fill(request.user, report):
            raise PermissionDenied
        form = self.values_form(request.POST)
        attachment = AttachmentForm(request.POST, request.FILES, prefix="attachment")
        wants_attachment = bool(request.FILES.get("attachment-file") or request.POST.get("attachment-title"))
        form_ok = form.is_valid()
        attachment_ok = attachment.is_valid() if wants_attachment else True
        if not (form_ok and attachment_ok):
            messages.error(request, _("Báo cáo chưa được lưu: kiểm tra các ô báo lỗi bên dưới."))
            return self.render_to_response(
                self.get_context_data(form=form, attachment_form=attachment), status=200
            )
        with transaction.atomic():
            services.save_values(report, form.parsed, request.user)
            if wants_attachment:
                saved = attachment.save(commit=False)
                saved.report, saved.uploaded_by = report, request.user
                saved.save()
        if request.POST.get("action") == "submit":
            try:
                services.submit(report, request.user)
            except ValidationError as error:
                messages.error(request, _("Đã lưu bản nháp nhưng chưa gửi được. ") + " ".join(error.messages))
                return redirect(self.report_url())
            messages.success(request, _("Đã gửi báo cáo lên đơn vị cấp trên."))
        else:
            messages.success(request, _("Đã lưu bản nháp báo cáo."))
        return redirect(self.report_url())

    def get_context_data(self, **kwargs):
        report, user = self.report, self.request.user
        context = super().get_context_data(**kwargs)
        children = list(Unit.objects.filter(parent_id=report.unit_id).values_list("pk", flat=True))
        child_rows = []
        child_sums = {}
        if children:
            table = tables.period_table(report.period, report.unit_id)
            child_sums = table["children_totals"]
            child_rows = [row for row in table["status_rows"] if row["unit_id"] != report.unit_id]
        form = kwargs.get("form")
        rows = []
        for heading, indicator, field, note, value in form.rows():
            rows.append(
                {
                    "heading": heading,
                    "indicator": indicator,
                    "field": field,
                    "note": note,
                    "value": value,
                    "children_sum": child_sums.get(indicator.pk),
                }
            )
        history = (
            ModelLogEntry.objects.for_instance(report).select_related("user").order_by("-timestamp", "-pk")
        )
        context.update(
            report=report,
            rows=rows,
            can_fill=access.can_fill(user, report),
            can_review=access.can_review(user, report) and report.status == ReportStatus.SUBMITTED,
            can_reopen=access.can_review(user, report) and report.status == ReportStatus.ACCEPTED,
            has_children=bool(children),
            child_rows=child_rows,
            attachments=report.attachments.all(),
            attachment_form=kwargs.get("attachment_form") or AttachmentForm(prefix="attachment"),
            review_form=ReviewForm(),
            reopen_form=ReopenForm(),
            history=history[:50],
            missing=services.missing_required(report) if report.is_editable else [],
        )
        return context


class ReviewView(ReportObjectMixin, ReportsView):
    """The parent accepts or returns a submitted report."""

    page_title = gettext_lazy("Xem xét báo cáo")
    template_name = "statistics_reports/admin/action.html"
    form_class = ReviewForm

    def allowed(self):
        return (
            access.can_review(self.request.user, self.report) and self.report.status == ReportStatus.SUBMITTED
        )

    def dispatch(self, request, *args, **kwargs):
        if not access.can_read(request.user, self.report) or not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "report": self.report,
            "form": kwargs.get("form") or self.form_class(),
            "report_url": self.report_url(),
        }

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(form.cleaned_data)
            except ValidationError as error:
                form.add_error("comment", error)
            else:
                return redirect(self.report_url())
        return self.render_to_response(self.get_context_data(form=form))

    def act(self, data):
        accept = data["decision"] == "accept"
        services.review(self.report, self.request.user, accept, data["comment"])
        if accept:
            messages.success(
                self.request, _("Đã tiếp nhận báo cáo của %(unit)s.") % {"unit": self.report.unit}
            )
        else:
            messages.success(self.request, _("Đã trả lại báo cáo cho %(unit)s.") % {"unit": self.report.unit})


class ReopenView(ReviewView):
    page_title = gettext_lazy("Mở lại báo cáo đã tiếp nhận")
    form_class = ReopenForm

    def allowed(self):
        return (
            access.can_review(self.request.user, self.report) and self.report.status == ReportStatus.ACCEPTED
        )

    def act(self, data):
        services.reopen(self.report, self.request.user, data["comment"])
        messages.success(self.request, _("Đã mở lại báo cáo của %(unit)s.") % {"unit": self.report.unit})


class AttachmentView(ReportsView):
    model = ReportAttachment

    def get(self, request, pk):
        attachment = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=pk)
        if not access.can_read(request.user, attachment.report):
            raise PermissionDenied
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=os.path.basename(attachment.file.name)
        )


class PeriodMixin:
    model = ReportingPeriod

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.period = None
        if "pk" in kwargs:
            self.period = get_object_or_404(ReportingPeriod.objects.select_related("form"), pk=kwargs["pk"])

    def root_unit(self):
        """The unit the figures are drilled down to (``?unit=``), within what the user reads."""
        user = self.request.user
        home = access.home_unit(user)
        wanted = self.request.GET.get("unit", "")
        if wanted.isdigit() and int(wanted) in access.readable_unit_ids(user):
            return Unit.objects.get(pk=int(wanted))
        return home


def visible_periods(user):
    """Periods with a report the user reads (every period for the province's staff)."""
    home = access.home_unit(user)
    periods = ReportingPeriod.objects.order_by("-end", "-pk")
    if home is None or home.parent_id is None:
        return periods
    return periods.filter(
        pk__in=UnitReport.objects.filter(unit_id__in=access.readable_unit_ids(user)).values("period_id")
    )


class DashboardView(PeriodMixin, ReportsView):
    """Indicator × unit table of a period, completeness, trends and charts."""

    page_title = gettext_lazy("Bảng tổng hợp số liệu")
    template_name = "statistics_reports/admin/dashboard.html"

    def get(self, request, *args, **kwargs):
        if self.period is None:
            latest = visible_periods(request.user).first()
            if latest is not None:
                return redirect("statistics_reports:dashboard_period", pk=latest.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period, root = self.period, self.root_unit()
        periods = visible_periods(self.request.user)
        context.update(period=period, periods=periods, root=root)
        if period is None or root is None:
            return context
        table = tables.cached_period_table(period, root.pk)
        previous = period.previous()
        previous_totals = tables.period_totals(previous, root.pk) if previous is not None else {}
        numeric = [indicator for indicator in table["indicators"] if indicator.is_numeric]
        chosen = next(
            (i for i in numeric if str(i.pk) == self.request.GET.get("indicator", "")),
            numeric[0] if numeric else None,
        )
        rows = [
            {
                "indicator": indicator,
                "cells": [
                    format_number(branch.figures.get(indicator.pk)) or "–" for branch in table["branches"]
                ],
                "total": table["totals"].get(indicator.pk),
                "previous": previous_totals.get(indicator.code),
                "change": tables.change(
                    table["totals"].get(indicator.pk), previous_totals.get(indicator.code)
                ),
            }
            for indicator in numeric
        ]
        bar = trend_chart = None
        if chosen is not None:
            bar = tables.bar_chart(
                [(branch.name, branch.figures.get(chosen.pk)) for branch in table["branches"]]
            )
            trend_chart = tables.column_chart(tables.trend(period, chosen, table["unit_ids"]))
        context.update(
            table=table,
            rows=rows,
            previous=previous,
            chosen=chosen,
            numeric=numeric,
            bar=bar,
            trend_chart=trend_chart,
            parent=root.parent
            if root.parent_id and root.parent_id in access.readable_unit_ids(self.request.user)
            else None,
            completeness=round(table["counted"] * 100 / table["expected"]) if table["expected"] else None,
            missing=table["missing"][:100],
        )
        return context


class ExportView(PeriodMixin, ReportsView):
    """The period's figures as an Excel workbook laid out like the form."""

    def get(self, request, *args, **kwargs):
        root = self.root_unit()
        if root is None:
            raise PermissionDenied
        content = period_workbook(self.period, root)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="bao-cao-{self.period.pk}-{root.code}.xlsx"'
        return response


class NewVersionView(ReportsView):
    """A new version of a form (the used one stays as it is for its periods)."""

    model = ReportForm
    page_title = gettext_lazy("Tạo phiên bản mới của biểu mẫu")
    template_name = "statistics_reports/admin/new_version.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_manage(request.user):
            raise PermissionDenied
        self.form = get_object_or_404(ReportForm, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "report_form": self.form}

    def post(self, request, *args, **kwargs):
        copy = services.new_version(self.form, request.user)
        messages.success(request, _("Đã tạo phiên bản %(version)s của biểu mẫu.") % {"version": copy.version})
        return redirect("statistics_reports_forms:edit", copy.pk)
