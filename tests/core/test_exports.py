"""No admin export hands a spreadsheet a formula (issue 11: safe exports)."""

import csv
import io

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.exports import neutralise
from tests.factories import STAFF_PASSWORD, SuperUserFactory, person

FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_text_a_spreadsheet_would_run_is_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "12/QĐ-UBND", "", 5, -3, None, "a=b"])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


def export_views():
    """Every view class behind an admin URL that exports spreadsheets."""
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class is not None and issubclass(view_class, SpreadsheetExportMixin):
                    found[f"{view_class.__module__}.{view_class.__qualname__}"] = view_class

    walk(get_resolver().url_patterns)
    return found


def test_every_exporter_neutralises_formulas():
    views = export_views()
    # Wagtail's reports (site history …), the audit reports and the register's listings at least.
    names = {name.rsplit(".", 1)[1] for name in views}
    assert {"LogEntriesView", "LoginHistoryView", "AdminLogView", "PersonIndexView"} <= names
    for view_class in views.values():
        view = object.__new__(view_class)
        for export_format in (SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX):
            for value in FORMULAS:
                assert view.preprocess_field_value("field", value, export_format) == "'" + value, view_class


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    return list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_failed_login_name_reaches_the_login_history_export_as_text(client, db):
    formula = FORMULAS[0]
    client.post(
        "/admin/login/",
        {"username": formula, "password": "sai"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 (pytest)",
    )
    client.force_login(SuperUserFactory(password=STAFF_PASSWORD))
    url = reverse("accounts_reports:login_history")

    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert "'" + formula in [row[2] for row in rows[1:]]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows[1:] for cell in row)

    rows = xlsx_rows(client.get(url, {"export": "xlsx"}))
    assert "'" + formula in [row[2] for row in rows[1:]]


def test_register_exports_keep_a_formula_name_as_text(client, unit_a):
    formula = FORMULAS[1]
    person(unit_a, full_name=formula)
    client.force_login(SuperUserFactory(password=STAFF_PASSWORD))
    url = reverse("wagtailsnippets_reporters_person:list")

    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert any(cell == "'" + formula for row in rows[1:] for cell in row)
    assert not any(cell.startswith(("=", "+", "@")) for row in rows[1:] for cell in row)

    rows = xlsx_rows(client.get(url, {"export": "xlsx"}))
    assert any(cell == "'" + formula for row in rows[1:] for cell in row)
