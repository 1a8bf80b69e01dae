"""Permissions of every role through the admin URLs, the form editor and its
versions, the Excel export, the reminders and the published figures."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from statistics_reports import services
from statistics_reports.models import IndicatorKind, ReportForm, ReportStatus
from tests.factories import SuperUserFactory, section

from .conftest import make_period
from .helpers import denied, fill, report_of, report_url

pytestmark = pytest.mark.django_db


def submitted(period, unit, user, client, values):
    report = report_of(period, unit)
    client.force_login(user)
    fill(client, report, values, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    return report


def test_every_role_sees_only_what_it_may(client, tree, form, editor_b):
    period = make_period(form)
    commune = report_of(period, tree.commune)
    other = report_of(period, tree.unit_a)
    urls = {
        "report": report_url(commune),
        "review": report_url(commune, "review"),
        "export": reverse("statistics_reports:export", args=[period.pk]) + f"?unit={tree.commune.pk}",
    }
    # Editors and moderators of the commune, and another commune's officer: nothing.
    for user in (tree.editor_commune, tree.moderator_commune, editor_b):
        client.force_login(user)
        assert denied(client.get(reverse("statistics_reports:index")))
        assert denied(client.get(urls["report"]))
    client.force_login(tree.officer_a)
    assert denied(client.get(urls["report"]))
    assert client.get(report_url(other)).status_code == 200
    index = client.get(reverse("statistics_reports:index")).content.decode()
    assert "Xã An Phú" in index and "Xã Báo Cáo" not in index
    # The officer's export covers their own unit, whatever unit the URL names.
    book = load_workbook(io.BytesIO(client.get(urls["export"]).content))
    header = [cell.value for cell in book.active[5]]
    assert "Xã An Phú" in header and "Xã Báo Cáo" not in header

    # The commune's officer and unit administrator fill it; nobody reviews their own report.
    for user in (tree.officer_commune, tree.admin_commune):
        client.force_login(user)
        assert client.get(urls["report"]).status_code == 200
    submitted(period, tree.commune, tree.officer_commune, client, {"1.1": "0", "1.2": "0", "2.1": "1"})
    assert denied(client.get(urls["review"]))
    # The district (parent) reviews; the province reads it but does not review a grandchild.
    client.force_login(tree.officer_district)
    assert client.get(urls["review"]).status_code == 200
    client.force_login(tree.officer_province)
    assert client.get(urls["report"]).status_code == 200
    assert denied(client.get(urls["review"]))
    assert denied(client.post(urls["report"], {"action": "submit"}))
    # A system administrator does everything.
    client.force_login(SuperUserFactory())
    assert client.get(urls["review"]).status_code == 200


def test_the_form_is_defined_in_the_admin_and_versioned_once_used(client, tree):
    client.force_login(tree.officer_province)
    data = {
        "title": "Biểu thống kê hòa giải",
        "code": "hoa-giai",
        "unit_kinds": ["commune"],
        "description": "",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
    }
    for n, (code, name, kind) in enumerate(
        [("1", "Số tổ hòa giải", "number"), ("2", "Tỷ lệ hòa giải thành", "percentage")]
    ):
        data.update(
            {
                f"indicators-{n}-section": "Hòa giải",
                f"indicators-{n}-code": code,
                f"indicators-{n}-name": name,
                f"indicators-{n}-kind": kind,
                f"indicators-{n}-unit_of_measure": "",
                f"indicators-{n}-help_text": "",
                f"indicators-{n}-source": "",
                f"indicators-{n}-ORDER": str(n + 1),
                f"indicators-{n}-id": "",
                f"indicators-{n}-DELETE": "",
            }
        )
    response = client.post(reverse("statistics_reports_forms:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    form = ReportForm.objects.get(code="hoa-giai")
    assert form.unit_kinds == ["commune"]
    assert [i.name for i in form.indicators.order_by("sort_order")] == [
        "Số tổ hòa giải",
        "Tỷ lệ hòa giải thành",
    ]

    period = make_period(form)
    edit = client.get(reverse("statistics_reports_forms:edit", args=[form.pk]))
    assert edit.status_code == 200
    data.update({"title": "Đổi tên", "indicators-INITIAL_FORMS": "2"})
    for n, indicator in enumerate(form.indicators.order_by("sort_order")):
        data[f"indicators-{n}-id"] = str(indicator.pk)
    response = client.post(reverse("statistics_reports_forms:edit", args=[form.pk]), data)
    assert "Hãy tạo phiên bản mới" in response.content.decode()
    form.refresh_from_db()
    assert form.title == "Biểu thống kê hòa giải"

    client.post(reverse("statistics_reports:new_version", args=[form.pk]))
    copy = ReportForm.objects.get(code="hoa-giai", version=2)
    assert copy.indicators.count() == 2 and period.form_id == form.pk
    assert not copy.is_used


def test_the_export_is_laid_out_like_the_form_with_formulas_neutralised(client, tree, form):
    period = make_period(form)
    submitted(
        period,
        tree.commune,
        tree.officer_commune,
        client,
        {"1.1": "0", "1.2": "0", "2.1": "12", "2.2": "80", "3.1": '=HYPERLINK("http://x")'},
    )
    submitted(period, tree.unit_a, tree.officer_a, client, {"1.1": "0", "1.2": "0", "2.1": "5", "2.2": "60"})
    client.force_login(tree.officer_province)
    response = client.get(reverse("statistics_reports:export", args=[period.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Biểu báo cáo PBGDPL"
    header = rows[4]
    assert header[:4] == ["Mã", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp"]
    by_code = {row[0]: row for row in rows[5:] if row[0]}
    assert [row[1] for row in rows[5:] if row[0] is None][:3] == [
        "I. Đội ngũ",
        "II. Kết quả",
        "III. Kiến nghị",
    ]
    assert by_code["2.1"][3] == 17
    assert by_code["2.2"][3] == 70  # a percentage's roll-up is the mean
    commune_column = header.index("Xã Báo Cáo")
    assert by_code["2.1"][commune_column] == 12
    assert by_code["3.1"][commune_column].startswith("'=")
    status = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows(min_row=2)}
    assert status["Xã Báo Cáo"] == "Đã gửi, chờ xem xét" and status["Huyện Báo Cáo"] == "Đang soạn"


def test_reminders_go_before_and_after_the_deadline_to_units_that_have_not_reported(tree, form, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    period = make_period(form, deadline=datetime.date(2026, 7, 15))
    done = report_of(period, tree.unit_a)
    done.status = ReportStatus.SUBMITTED
    done.save()

    call_command("send_report_reminders", "--date", "2026-07-12", stdout=io.StringIO())
    before = {address: message for message in mail.outbox for address in message.to}
    assert "xabc.baocao@example.vn" in before and "xaa.baocao@example.vn" not in before
    assert "còn 3 ngày" in before["xabc.baocao@example.vn"].subject
    mail.outbox.clear()
    call_command("send_report_reminders", "--date", "2026-07-13", stdout=io.StringIO())
    assert mail.outbox == []  # 2 days left: not a reminder day
    call_command("send_report_reminders", "--date", "2026-07-20", stdout=io.StringIO())
    after = {address: message for message in mail.outbox for address in message.to}
    assert "quá hạn" in after["xabc.baocao@example.vn"].subject.lower()
    assert "huyen.baocao@example.vn" in after


def test_published_figures_show_on_the_public_statistics_page(client, tree, form):
    period = make_period(form)
    for unit, user, cases in ((tree.commune, tree.officer_commune, "12"), (tree.unit_a, tree.officer_a, "5")):
        report = submitted(period, unit, user, client, {"1.1": "0", "1.2": "0", "2.1": cases})
        services.review(report, tree.officer_province, accept=True)
    page = section(tree.province, "statistics")
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Số liệu báo cáo định kỳ" not in html  # not published yet
    period.published = True
    period.save()
    html = client.get(page.url).content.decode()
    assert "Số liệu báo cáo định kỳ" in html and "Số cuộc hòa giải" in html
    assert "<td>17</td>" in html
    assert "Tỷ lệ hòa giải thành" not in html  # not marked public
    assert IndicatorKind.TEXT  # text indicators are never summed
    assert (
        Decimal("17")
        == services.rollup(period, [tree.commune.pk, tree.unit_a.pk])[form.indicators.get(code="2.1").pk][
            "sum"
        ]
    )
