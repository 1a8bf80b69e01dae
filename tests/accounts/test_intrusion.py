"""Intrusion warnings reach the system administrators by e-mail and on the dashboard."""

from django.core import mail
from django.test import override_settings

from accounts.models import AlertKind, SecurityAlert
from tests.factories import STAFF_PASSWORD, SuperUserFactory

from .conftest import login


def alerts(kind):
    return list(SecurityAlert.objects.filter(kind=kind))


def test_lockout_warns_the_administrators(client, superuser, editor_a):
    superuser.email = "quantri@binhan.gov.vn"
    superuser.save()
    for _ in range(5):
        login(client, editor_a.username, password="sai", ip="198.51.100.77")

    [alert] = alerts(AlertKind.LOCKOUT)
    assert alert.ip_addresses == ["198.51.100.77"] and alert.usernames == [editor_a.username]
    [message] = [m for m in mail.outbox if "Khóa đăng nhập" in m.subject]
    assert message.to == ["quantri@binhan.gov.vn"]
    assert "198.51.100.77" in message.body and editor_a.username in message.body

    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "Cảnh báo an ninh" in html and "198.51.100.77" in html


@override_settings(INTRUSION_FAILED_ACCOUNTS=3)
def test_one_address_trying_several_accounts_raises_one_alert(client, superuser):
    for name in ["nguyen.a", "tran.b"]:
        login(client, name, password="sai", ip="192.0.2.10")
    assert alerts(AlertKind.FAILED_LOGINS) == []
    for name in ["le.c", "pham.d"]:
        login(client, name, password="sai", ip="192.0.2.10")

    [alert] = alerts(AlertKind.FAILED_LOGINS)  # one alert per cooldown, not one per attempt
    assert alert.subject == "192.0.2.10"
    assert set(alert.usernames) >= {"nguyen.a", "tran.b", "le.c"}
    # Other addresses, each with fewer accounts, raise nothing.
    login(client, "x", password="sai", ip="192.0.2.11")
    assert len(alerts(AlertKind.FAILED_LOGINS)) == 1


@override_settings(INTRUSION_DENIALS=5)
def test_a_burst_of_refused_admin_requests_raises_an_alert(client, editor_a, unit_b):
    from tests.factories import person

    SuperUserFactory(username="quantri2", email="qt2@binhan.gov.vn", password=STAFF_PASSWORD)
    other = person(unit_b, full_name="Trần Thị Bí Mật")
    client.force_login(editor_a)
    for _ in range(4):
        response = client.get(
            f"/admin/snippets/reporters/person/edit/{other.pk}/", REMOTE_ADDR="203.0.113.44"
        )
        assert response.status_code in (302, 403)
    assert alerts(AlertKind.DENIALS) == []
    client.get(f"/admin/snippets/reporters/person/edit/{other.pk}/", REMOTE_ADDR="203.0.113.44")

    [alert] = alerts(AlertKind.DENIALS)
    assert alert.ip_addresses == ["203.0.113.44"] and editor_a.username in alert.usernames
    assert any("203.0.113.44" in m.body for m in mail.outbox)
    assert [m.to for m in mail.outbox] == [["qt2@binhan.gov.vn"]]


def test_editors_do_not_see_the_alerts(client, editor_a):
    SecurityAlert.objects.create(kind=AlertKind.LOCKOUT, subject="203.0.113.1", ip_addresses=["203.0.113.1"])
    client.force_login(editor_a)
    assert "Cảnh báo an ninh" not in client.get("/admin/").content.decode()
