"""A period up the tree through the real admin: commune → district → province,
with a return and a resubmission, the children's sums, lateness and the log."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from statistics_reports.models import PeriodKind, ReportingPeriod, ReportStatus, UnitReport
from tests.factories import person

from .conftest import make_period
from .helpers import denied, figures, fill, report_of, report_url

pytestmark = pytest.mark.django_db


def actions_of(report):
    return list(
        ModelLogEntry.objects.for_instance(report)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_the_province_opens_a_period_in_the_admin_and_every_unit_of_the_kinds_gets_a_report(
    client, tree, form
):
    client.force_login(tree.officer_province)
    response = client.post(
        reverse("statistics_reports_periods:add"),
        {
            "form": form.pk,
            "kind": PeriodKind.SIX_MONTHLY,
            "title": "Báo cáo 6 tháng đầu năm 2026",
            "start": "2026-01-01",
            "end": "2026-06-30",
            "deadline": "2026-07-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    period = ReportingPeriod.objects.get(title="Báo cáo 6 tháng đầu năm 2026")
    units = set(period.reports.values_list("unit__code", flat=True))
    assert {"huyen-bc", "xa-bc", "xa-a", "xa-b"} <= units
    assert "tinh-thu-nghiem" not in units  # the form asks districts and communes
    assert ModelLogEntry.objects.for_instance(period).filter(action="statistics_reports.open_period").exists()


def test_a_commune_officer_cannot_open_periods_or_edit_forms(client, tree, form):
    client.force_login(tree.officer_commune)
    assert denied(client.get(reverse("statistics_reports_periods:add")))
    assert denied(client.get(reverse("statistics_reports_forms:edit", args=[form.pk])))
    assert denied(client.post(reverse("statistics_reports_periods:add"), {"form": form.pk}))
    assert not ReportingPeriod.objects.exists()


def test_commune_to_district_to_province_with_a_return_and_a_resubmission(client, tree, form):
    period = make_period(form)
    commune = report_of(period, tree.commune)

    client.force_login(tree.officer_commune)
    assert client.get(report_url(commune)).status_code == 200
    response = fill(
        client, commune, {"1.1": "0", "1.2": "0", "2.1": "12", "2.2": "80", "3.1": "Thiếu kinh phí"}, "submit"
    )
    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.status == ReportStatus.SUBMITTED and not commune.is_late

    # The district returns it with a comment.
    client.force_login(tree.officer_district)
    page = client.get(report_url(commune)).content.decode()
    assert "Xem xét báo cáo" in page
    response = client.post(report_url(commune, "review"), {"decision": "return", "comment": ""})
    assert "Ghi rõ lý do trả lại" in response.content.decode()
    client.post(
        report_url(commune, "review"), {"decision": "return", "comment": "Số cuộc hòa giải chưa khớp sổ."}
    )
    commune.refresh_from_db()
    assert commune.status == ReportStatus.RETURNED

    # The commune sees the comment, corrects and sends again; the district accepts.
    client.force_login(tree.officer_commune)
    assert "Số cuộc hòa giải chưa khớp sổ." in client.get(report_url(commune)).content.decode()
    fill(
        client, commune, {"1.1": "0", "1.2": "0", "2.1": "15", "2.2": "80", "3.1": "Thiếu kinh phí"}, "submit"
    )
    client.force_login(tree.officer_district)
    client.post(report_url(commune, "review"), {"decision": "accept", "comment": ""})
    commune.refresh_from_db()
    assert commune.status == ReportStatus.ACCEPTED and figures(commune)["2.1"] == Decimal("15")

    # The district's own report shows its commune's sums beside its own figures.
    district = report_of(period, tree.district)
    html = client.get(report_url(district)).content.decode()
    assert "Tổng các đơn vị cấp dưới" in html and "Xã Báo Cáo" in html
    fill(client, district, {"1.1": "0", "1.2": "0", "2.1": "4"}, "submit")
    district.refresh_from_db()
    assert district.status == ReportStatus.SUBMITTED

    client.force_login(tree.officer_province)
    client.post(report_url(district, "review"), {"decision": "accept"})
    district.refresh_from_db()
    assert district.status == ReportStatus.ACCEPTED
    assert actions_of(commune) == [
        "statistics_reports.save",
        "statistics_reports.submit",
        "statistics_reports.return",
        "statistics_reports.save",
        "statistics_reports.submit",
        "statistics_reports.accept",
    ]
    # The province's dashboard rolls the branch up: 15 + 4 cases of mediation.
    html = client.get(reverse("statistics_reports:dashboard_period", args=[period.pk])).content.decode()
    assert "Huyện Báo Cáo" in html and "<td data-total>19</td>" in html


def test_an_accepted_report_is_locked_until_the_parent_reopens_it(client, tree, form):
    period = make_period(form)
    report = report_of(period, tree.commune)
    client.force_login(tree.officer_commune)
    fill(client, report, {"1.1": "0", "1.2": "0", "2.1": "2"}, "submit")
    client.force_login(tree.officer_district)
    client.post(report_url(report, "review"), {"decision": "accept"})

    client.force_login(tree.officer_commune)
    assert denied(fill(client, report, {"1.1": "0", "1.2": "0", "2.1": "9"}, "submit"))
    assert denied(client.post(report_url(report, "reopen"), {"comment": "tự mở"}))
    report.refresh_from_db()
    assert figures(report)["2.1"] == Decimal("2")

    client.force_login(tree.officer_district)
    client.post(report_url(report, "reopen"), {"comment": "Bổ sung số liệu quý II."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.reopened_count == 1
    assert "statistics_reports.reopen" in actions_of(report)
    client.force_login(tree.officer_commune)
    assert fill(client, report, {"1.1": "0", "1.2": "0", "2.1": "3"}, "submit").status_code == 302


def test_a_late_report_is_flagged_and_the_dashboard_lists_who_is_missing(client, tree, form):
    period = make_period(form, deadline=datetime.date(2026, 7, 15))
    report = report_of(period, tree.commune)
    client.force_login(tree.officer_commune)
    fill(client, report, {"1.1": "0", "1.2": "0", "2.1": "2"}, "submit")
    report.refresh_from_db()
    assert report.is_late  # today is after 15/07/2026 in this test run
    assert report.submitted_at.date() > period.deadline
    assert "trễ hạn" in client.get(reverse("statistics_reports:index")).content.decode()
    client.force_login(tree.officer_province)
    html = client.get(reverse("statistics_reports:dashboard_period", args=[period.pk])).content.decode()
    assert "Đơn vị chưa gửi báo cáo" in html and "Huyện Báo Cáo" in html
    assert "Đã gửi 1/" in html


def test_an_ad_hoc_request_asks_chosen_units_for_chosen_indicators(client, tree, form):
    client.force_login(tree.officer_province)
    chosen = form.indicators.filter(code__in=["2.1", "3.1"])
    response = client.post(
        reverse("statistics_reports_periods:add"),
        {
            "form": form.pk,
            "kind": PeriodKind.AD_HOC,
            "title": "Báo cáo đột xuất về hòa giải cơ sở",
            "start": "2026-01-01",
            "end": "2026-09-30",
            "deadline": "2099-10-10",
            "units": [tree.commune.pk],
            "indicators": [i.pk for i in chosen],
            "request_note": "Phục vụ sơ kết Luật Hòa giải ở cơ sở.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    period = ReportingPeriod.objects.get(kind=PeriodKind.AD_HOC)
    assert list(period.reports.values_list("unit__code", flat=True)) == ["xa-bc"]
    report = UnitReport.objects.get(period=period)
    client.force_login(tree.officer_commune)
    html = client.get(report_url(report)).content.decode()
    assert "Số cuộc hòa giải" in html and "Phục vụ sơ kết" in html
    assert "Số báo cáo viên pháp luật" not in html
    fill(client, report, {"2.1": "7", "3.1": "Đã kiện toàn tổ hòa giải"}, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_an_ad_hoc_request_without_units_is_refused(client, tree, form):
    client.force_login(tree.officer_province)
    response = client.post(
        reverse("statistics_reports_periods:add"),
        {
            "form": form.pk,
            "kind": PeriodKind.AD_HOC,
            "title": "Đột xuất",
            "start": "2026-01-01",
            "end": "2026-02-01",
            "deadline": "2026-03-01",
        },
    )
    assert response.status_code == 200
    assert "Báo cáo đột xuất phải chọn đơn vị được yêu cầu." in response.content.decode()


def test_the_prefilled_values_equal_the_live_counts_and_a_correction_needs_a_note(client, tree, form):
    from tests.factories import reporter_activity

    people = [person(tree.commune, full_name=f"Người {n}") for n in range(3)]
    person(tree.commune, full_name="Đã thu hồi", status="withdrawn", status_date=datetime.date(2026, 2, 1))
    person(tree.commune, full_name="Tuyên truyền viên", kind="propagandist")
    reporter_activity(people[0], date=datetime.date(2026, 3, 1))
    reporter_activity(people[1], date=datetime.date(2026, 5, 1))
    reporter_activity(people[1], date=datetime.date(2026, 8, 1))  # after the period
    period = make_period(form)
    report = report_of(period, tree.commune)
    client.force_login(tree.officer_commune)
    html = client.get(report_url(report)).content.decode()
    assert "Số liệu tự động từ cổng: 3" in html
    assert figures(report) == {"1.1": Decimal("3"), "1.2": Decimal("2")}

    response = fill(client, report, {"1.1": "4", "1.2": "2", "2.1": "5"})
    assert "ghi rõ lý do khi điều chỉnh" in response.content.decode()
    assert figures(report)["1.1"] == Decimal("3")
    fill(
        client,
        report,
        {"1.1": "4", "1.2": "2", "2.1": "5"},
        notes={"1.1": "Một người được công nhận ngày 30/6"},
    )
    value = report.values.get(indicator__code="1.1")
    assert (value.number, value.prefilled, value.correction_note) == (
        Decimal("4"),
        Decimal("3"),
        "Một người được công nhận ngày 30/6",
    )


def test_wrong_kinds_and_out_of_range_values_are_refused_and_nothing_typed_is_lost(client, tree, form):
    period = make_period(form)
    report = report_of(period, tree.commune)
    client.force_login(tree.officer_commune)
    response = fill(
        client,
        report,
        {"1.1": "ba", "1.2": "0", "2.1": "501", "2.2": "120", "3.1": "Ý kiến dài đã gõ"},
        "submit",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "“ba” không phải là một số." in html
    assert "Giá trị không được vượt quá 500." in html
    assert "Giá trị không được vượt quá 100." in html
    assert "Ý kiến dài đã gõ" in html and 'value="501"' in html
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    # Valid figures with a required one missing: saved, but not sent.
    fill(client, report, {"1.1": "0", "1.2": "0", "2.2": "75,5"}, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert figures(report)["2.2"] == Decimal("75.5")
    page = client.get(report_url(report)).content.decode()
    assert "2.1" in page and "Chỉ tiêu bắt buộc chưa nhập" in page
