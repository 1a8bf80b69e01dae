"""Demo data: a form of PBGDPL indicators, the first half of 2026 as a period,
and reports of the first units (some accepted, one submitted, one returned)."""

import datetime
from decimal import Decimal

from django.db import transaction

from multisite.models import UnitKind

from . import services
from .models import Indicator, IndicatorKind, PeriodKind, ReportForm, ReportingPeriod, ReportStatus

FORM_CODE = "pbgdpl-dinh-ky"
INDICATORS = [
    (
        "I. Đội ngũ",
        "1.1",
        "Số báo cáo viên pháp luật",
        IndicatorKind.NUMBER,
        "người",
        "reporters.reporters",
        True,
    ),
    (
        "I. Đội ngũ",
        "1.2",
        "Số tuyên truyền viên pháp luật",
        IndicatorKind.NUMBER,
        "người",
        "reporters.propagandists",
        True,
    ),
    (
        "II. Hoạt động",
        "2.1",
        "Số hoạt động phổ biến pháp luật",
        IndicatorKind.NUMBER,
        "cuộc",
        "reporters.activities",
        True,
    ),
    (
        "II. Hoạt động",
        "2.2",
        "Số lượt người tham dự",
        IndicatorKind.NUMBER,
        "lượt",
        "reporters.audience",
        True,
    ),
    (
        "II. Hoạt động",
        "2.3",
        "Số câu hỏi pháp luật tiếp nhận",
        IndicatorKind.NUMBER,
        "câu",
        "questions.received",
        False,
    ),
    ("II. Hoạt động", "2.4", "Tỷ lệ hòa giải thành", IndicatorKind.PERCENTAGE, "%", "", True),
    ("III. Đánh giá", "3.1", "Khó khăn, vướng mắc và kiến nghị", IndicatorKind.TEXT, "", "", False),
]


def demo_form():
    form = ReportForm.objects.filter(code=FORM_CODE).order_by("-version").first()
    if form is not None:
        return form
    with transaction.atomic():
        form = ReportForm.objects.create(
            title="Báo cáo kết quả công tác phổ biến, giáo dục pháp luật",
            code=FORM_CODE,
            unit_kinds=[UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.DEPARTMENT],
            description="Số liệu tính từ ngày đầu đến ngày cuối kỳ báo cáo.",
        )
        for order, (section, code, name, kind, measure, source, public) in enumerate(INDICATORS):
            Indicator.objects.create(
                form=form,
                sort_order=order,
                section=section,
                code=code,
                name=name,
                kind=kind,
                unit_of_measure=measure,
                source=source,
                public=public,
                required=code in {"1.1", "2.1"},
            )
    return form


def demo_period(form):
    period, created = ReportingPeriod.objects.get_or_create(
        form=form,
        kind=PeriodKind.SIX_MONTHLY,
        start=datetime.date(2026, 1, 1),
        defaults={
            "title": "Báo cáo 6 tháng đầu năm 2026",
            "end": datetime.date(2026, 6, 30),
            "deadline": datetime.date(2026, 7, 15),
            "published": True,
        },
    )
    return period


def seed_reports(unit, index):
    """Called for every demo unit, parents first: the province sets up the form and
    period; each unit then gets its report, the first ones filled in."""
    form = demo_form()
    period = demo_period(form)
    if unit.kind not in form.unit_kinds:
        return
    report, _created = period.reports.get_or_create(unit=unit)
    if report.values.exists() or index > 6:
        return
    services.prefill(report)
    values = {value.indicator_id: value for value in report.values.all()}
    data = {}
    for indicator in period.requested_indicators():
        if indicator.kind == IndicatorKind.TEXT:
            data[indicator] = (None, "Kinh phí cho hoạt động phổ biến còn hạn chế.", "")
        elif indicator.pk in values:
            data[indicator] = (values[indicator.pk].number, "", "")
        else:
            data[indicator] = (Decimal(60 + index * 5), "", "")
    services.save_values(report, data, None)
    if index % 3 != 2:
        services.submit(report, None)
        if index % 3 == 0:
            report.refresh_from_db()
            services.review(report, None, accept=True)
    if index == 4 and report.status == ReportStatus.SUBMITTED:
        services.review(report, None, accept=False, comment="Đề nghị kiểm tra lại số lượt người tham dự.")
