"""The audit reports open in Vietnamese, filter, export, and respect units."""

import csv
import datetime
import io
import json

import openpyxl
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuthAction, AuthEvent

from .conftest import login


def make_events(client, editor_a, editor_b):
    login(client, editor_a.username, ip="198.51.100.1")
    login(client, editor_b.username, ip="198.51.100.2")
    login(client, editor_b.username, password="sai", ip="198.51.100.3")


def test_login_history_lists_filters_and_exports(client, superuser, editor_a, editor_b, unit_a):
    make_events(client.__class__(), editor_a, editor_b)
    client.force_login(superuser)
    url = reverse("accounts_reports:login_history")
    html = client.get(url).content.decode()
    assert "Lịch sử đăng nhập" in html
    assert editor_a.username in html and editor_b.username in html and "Đăng nhập thất bại" in html

    results = reverse("accounts_reports:login_history_results")
    html = client.get(results, {"action": AuthAction.LOGIN_FAILED}).content.decode()
    assert editor_b.username in html and editor_a.username not in html
    html = client.get(results, {"unit": unit_a.pk}).content.decode()
    assert editor_a.username in html and editor_b.username not in html
    today = timezone.localdate()
    html = client.get(
        results, {"timestamp_from": (today + datetime.timedelta(days=1)).strftime("%d/%m/%Y")}
    ).content.decode()
    assert editor_a.username not in html
    html = client.get(
        results, {"timestamp_from": today.strftime("%d/%m/%Y"), "timestamp_to": today.strftime("%d/%m/%Y")}
    ).content.decode()
    assert editor_a.username in html

    response = client.get(url, {"export": "csv", "unit": unit_a.pk})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Thời điểm", "Hành động", "Tài khoản"]
    assert [r[2] for r in rows[1:]] == [editor_a.username]
    assert rows[1][1] == "Đăng nhập" and rows[1][5] == "198.51.100.1"

    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.values)
    assert values[0][0] == "Thời điểm"
    assert {row[2] for row in values[1:]} >= {editor_a.username, editor_b.username}


def test_admin_log_shows_changes_and_exports(client, superuser, admin_a, editor_a):
    AuthEvent.objects.create(
        action=AuthAction.USER_CHANGE,
        actor=admin_a,
        target=editor_a,
        username=editor_a.username,
        changes={"email": {"old": "cu@example.vn", "new": "moi@example.vn"}},
    )
    client.force_login(superuser)
    url = reverse("accounts_reports:admin_log")
    html = client.get(url).content.decode()
    assert "Nhật ký quản trị" in html
    assert "cu@example.vn → moi@example.vn" in html
    assert reverse("wagtailadmin_reports:site_history") in html
    response = client.get(url, {"export": "xlsx", "action": AuthAction.USER_CHANGE})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][1] == "Sửa thông tin tài khoản"
    assert rows[1][3] == admin_a.username
    assert "cu@example.vn → moi@example.vn" in rows[1][7]


def test_unit_admin_sees_only_their_units_people(client, admin_a, editor_a, editor_b):
    make_events(client.__class__(), editor_a, editor_b)
    client.force_login(admin_a)
    url = reverse("accounts_reports:login_history")
    html = client.get(reverse("accounts_reports:login_history_results")).content.decode()
    assert editor_a.username in html
    assert editor_b.username not in html
    response = client.get(url, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert editor_a.username in text and editor_b.username not in text
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("Lịch sử đăng nhập")[1:-1] in menu


def test_editors_cannot_open_reports(client, editor_a):
    client.force_login(editor_a)
    for name in ["accounts_reports:login_history", "accounts_reports:admin_log"]:
        assert client.get(reverse(name)).status_code in (302, 403)
