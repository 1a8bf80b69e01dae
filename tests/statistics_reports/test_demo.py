"""The demo data: a form, a published period and reports in several states; seeding twice changes nothing."""

import pytest

from statistics_reports.demo import seed_reports
from statistics_reports.models import ReportForm, ReportingPeriod, ReportStatus, UnitReport

pytestmark = pytest.mark.django_db


def test_demo_is_seeded_once(province, unit_a, unit_b):
    for _round in range(2):
        seed_reports(province, 0)
        seed_reports(unit_a, 1)
        seed_reports(unit_b, 2)
    assert ReportForm.objects.count() == 1 and ReportingPeriod.objects.count() == 1
    statuses = dict(UnitReport.objects.values_list("unit__code", "status"))
    assert statuses == {"xa-a": ReportStatus.SUBMITTED, "xa-b": ReportStatus.DRAFT}
    assert UnitReport.objects.get(unit=unit_a).values.count() == 7
