"""Admin screens of the contests: the rounds of the user's units, a round's ranking,
participation per unit, results export, the winners' approval and the Excel import."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from core.exports import neutralise
from multisite.models import Unit
from multisite.scoping import user_unit_ids

from . import services
from .importer import COLUMNS, ImportRefused, format_errors, import_questions
from .log_actions import APPROVE_WINNERS
from .models import Attempt, ContestRound

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RANKING_SHOWN = 200


def rounds_for(user):
    """The rounds of the contests in the user's units (every round for system administrators)."""
    rounds = ContestRound.objects.select_related("page")
    if user.is_superuser:
        return rounds
    paths = Unit.objects.filter(pk__in=user_unit_ids(user), site__isnull=False).values_list(
        "site__root_page__path", flat=True
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(page__path__startswith=path)
    return rounds.filter(condition)


class RoundScreen(WagtailAdminTemplateMixin):
    model = ContestRound
    header_icon = "trophy"

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.contest_round = get_object_or_404(rounds_for(request.user), pk=kwargs["pk"])
            self.permissions = self.contest_round.page.permissions_for_user(request.user)
            if not self.permissions.can_edit():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("contests_admin:rounds"), "label": _("Thi tìm hiểu pháp luật")}]
        if hasattr(self, "contest_round"):
            items.append(
                {
                    "url": reverse("contests_admin:results", args=[self.contest_round.pk]),
                    "label": str(self.contest_round),
                }
            )
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]


class RoundListView(RoundScreen, TemplateView):
    """Every round the user may manage, with its bank size and attempts."""

    template_name = "contests/admin/rounds.html"
    page_title = gettext_lazy("Các đợt thi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rounds"] = (
            rounds_for(self.request.user)
            .annotate(bank=Count("questions", distinct=True))
            .order_by("-opens_at")
        )
        attempts = dict(
            Attempt.objects.filter(round__in=[r.pk for r in context["rounds"]])
            .values_list("round")
            .annotate(n=Count("pk"))
        )
        context["attempts"] = attempts
        return context


class RoundResultsView(RoundScreen, TemplateView):
    """The round's ranking (best attempt per person), participation per unit, export and approval."""

    template_name = "contests/admin/results.html"

    def get_page_title(self):
        return _("Kết quả đợt thi")

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return export_results(self.contest_round, export)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.permissions.can_publish():
            raise PermissionDenied
        try:
            winners_list = services.approve_winners(self.contest_round, request.user)
        except services.Refused as refusal:
            messages.error(request, refusal.message)
        else:
            log(
                instance=self.contest_round.page,
                action=APPROVE_WINNERS,
                user=request.user,
                data={"round": self.contest_round.title, "count": len(winners_list.winners)},
            )
            messages.success(request, _("Đã phê duyệt và công bố danh sách đạt giải."))
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ranked, perfect = services.ranking(self.contest_round, limit=RANKING_SHOWN)
        context.update(
            contest_round=self.contest_round,
            ranked=ranked,
            perfect=perfect,
            participation=services.participation(self.contest_round),
            winners_list=getattr(self.contest_round, "winners_list", None),
            can_approve=self.permissions.can_publish() and self.contest_round.is_closed(),
            import_url=reverse("contests_admin:import", args=[self.contest_round.pk]),
            bank=self.contest_round.questions.count(),
            now=timezone.now(),
        )
        return context


HEADINGS = [
    gettext_lazy("Hạng"),
    gettext_lazy("Họ và tên"),
    gettext_lazy("Ngày sinh"),
    gettext_lazy("Số điện thoại"),
    gettext_lazy("Số CCCD"),
    gettext_lazy("Đơn vị"),
    gettext_lazy("Địa chỉ"),
    gettext_lazy("Số câu đúng"),
    gettext_lazy("Dự đoán"),
    gettext_lazy("Chênh lệch dự đoán"),
    gettext_lazy("Thời gian làm bài (giây)"),
    gettext_lazy("Nộp bài lúc"),
]


def result_rows(contest_round):
    ranked, _perfect = services.ranking(contest_round)
    for attempt in ranked:
        yield [
            attempt.rank,
            attempt.full_name,
            attempt.birth_date.strftime("%d/%m/%Y"),
            attempt.phone,
            attempt.id_number,
            attempt.home_unit.name if attempt.home_unit_id else "",
            attempt.address,
            attempt.correct_count,
            attempt.prediction,
            attempt.prediction_gap,
            round(attempt.duration_ms / 1000, 1),
            timezone.localtime(attempt.submitted_at).strftime("%H:%M:%S %d/%m/%Y"),
        ]


def export_results(contest_round, kind):
    """The whole ranking as CSV or Excel; text a spreadsheet would run as a formula is neutralised."""
    filename = f"ket-qua-dot-thi-{contest_round.pk}"
    headings = [str(h) for h in HEADINGS]
    rows = ([neutralise(value) for value in row] for row in result_rows(contest_round))
    if kind == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(headings)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Kết quả"))
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        error_messages={"required": gettext_lazy("Vui lòng chọn tệp Excel.")},
    )


class QuestionImportView(RoundScreen, FormView):
    """Upload a round's question bank; a file with a bad row is refused whole."""

    template_name = "contests/admin/import.html"
    form_class = ImportForm

    def get_page_title(self):
        return _("Nhập câu hỏi từ Excel")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "columns": COLUMNS, "contest_round": self.contest_round}

    def form_valid(self, form):
        try:
            count = import_questions(form.cleaned_data["file"], self.contest_round)
        except ImportRefused as refused:
            context = self.get_context_data(form=form, errors=format_errors(refused.errors))
            return self.render_to_response(context, status=400)
        messages.success(
            self.request, _("Đã nhập %(count)s câu hỏi vào ngân hàng câu hỏi của đợt thi.") % {"count": count}
        )
        return redirect("contests_admin:results", self.contest_round.pk)
