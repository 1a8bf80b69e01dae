"""A three-tier branch for the reports' tests: district D (with commune C) under
the shared province, the reporting officers of each, and a small form."""

import datetime
from types import SimpleNamespace

import pytest

from statistics_reports.models import Indicator, IndicatorKind, PeriodKind, ReportForm, ReportingPeriod
from statistics_reports.services import open_period
from tests.factories import UnitFactory, staff_user


def make_form(code="bieu-thu", kinds=("district", "commune")):
    form = ReportForm.objects.create(title="Biểu báo cáo PBGDPL", code=code, unit_kinds=list(kinds))
    specs = [
        (
            "I. Đội ngũ",
            "1.1",
            "Số báo cáo viên pháp luật",
            IndicatorKind.NUMBER,
            "reporters.reporters",
            True,
            {},
        ),
        (
            "I. Đội ngũ",
            "1.2",
            "Số hoạt động phổ biến",
            IndicatorKind.NUMBER,
            "reporters.activities",
            False,
            {},
        ),
        (
            "II. Kết quả",
            "2.1",
            "Số cuộc hòa giải",
            IndicatorKind.NUMBER,
            "",
            True,
            {"min_value": 0, "max_value": 500},
        ),
        ("II. Kết quả", "2.2", "Tỷ lệ hòa giải thành", IndicatorKind.PERCENTAGE, "", False, {}),
        ("III. Kiến nghị", "3.1", "Khó khăn, kiến nghị", IndicatorKind.TEXT, "", False, {}),
    ]
    for order, (section, code, name, kind, source, required, extra) in enumerate(specs):
        Indicator.objects.create(
            form=form,
            sort_order=order,
            section=section,
            code=code,
            name=name,
            kind=kind,
            source=source,
            required=required,
            unit_of_measure="%" if kind == IndicatorKind.PERCENTAGE else "",
            public=code in {"1.1", "2.1"},
            **extra,
        )
    return form


def make_period(
    form,
    title="Báo cáo 6 tháng đầu năm 2026",
    start=datetime.date(2026, 1, 1),
    end=datetime.date(2026, 6, 30),
    deadline=None,
    kind=PeriodKind.SIX_MONTHLY,
    **fields,
):
    period = ReportingPeriod.objects.create(
        form=form,
        kind=kind,
        title=title,
        start=start,
        end=end,
        deadline=deadline or datetime.date(2099, 7, 15),
        **fields,
    )
    open_period(period)
    return period


@pytest.fixture
def tree(province, unit_a):
    """Province ← district D ← commune C; commune xa-a sits under the province."""
    district = UnitFactory(code="huyen-bc", name="Huyện Báo Cáo", kind="district", parent=province)
    commune = UnitFactory(code="xa-bc", name="Xã Báo Cáo", kind="commune", parent=district)
    return SimpleNamespace(
        province=province,
        district=district,
        commune=commune,
        unit_a=unit_a,
        officer_province=staff_user(province, "reporter", "tinh.baocao"),
        officer_district=staff_user(district, "reporter", "huyen.baocao"),
        officer_commune=staff_user(commune, "reporter", "xabc.baocao"),
        officer_a=staff_user(unit_a, "reporter", "xaa.baocao"),
        editor_commune=staff_user(commune, "editor", "xabc.bientap"),
        moderator_commune=staff_user(commune, "moderator", "xabc.kiemduyet"),
        admin_commune=staff_user(commune, "admin", "xabc.quantri"),
    )


@pytest.fixture
def form(db):
    return make_form()


from tests.browser import browser  # noqa: E402, F401 - fixture
