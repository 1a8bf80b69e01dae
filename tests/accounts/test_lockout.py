"""Five failures lock an account or an address; administrators lift the lock."""

from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import AuthAction, AuthEvent
from tests.factories import STAFF_PASSWORD

from .conftest import login

LOCK_MESSAGE = "Đăng nhập tạm thời bị khóa"


def fail(client, username, times, ip="203.0.113.7"):
    for _ in range(times):
        response = login(client, username, password="mat-khau-sai", ip=ip)
        assert response.status_code in (200, 429)
    return response


def test_sixth_attempt_with_right_password_is_refused(client, editor_a):
    fail(client, editor_a.username, 5)
    response = login(client, editor_a.username)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCK_MESSAGE in html and "15 phút" in html
    assert 'name="username"' in html  # the Wagtail sign-in page, with the reason
    assert "_auth_user_id" not in client.session
    event = AuthEvent.objects.filter(action=AuthAction.LOCKOUT).first()
    assert event.username == editor_a.username and event.target == editor_a
    assert event.ip_address == "203.0.113.7"


def test_one_address_trying_many_accounts_is_locked(client, editor_a, moderator_a):
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        login(client, name, password="x", ip="192.0.2.50")
    response = login(client, moderator_a.username, ip="192.0.2.50")
    assert response.status_code == 429
    # the same account from another address still signs in: the lock was on the address
    response = login(client, moderator_a.username, ip="192.0.2.51")
    assert response.status_code == 302


def test_superuser_sees_and_lifts_a_lock(client, superuser, editor_a):
    fail(client, editor_a.username, 5, ip="198.51.100.20")
    assert login(client, editor_a.username, ip="198.51.100.21").status_code == 429

    admin_client = client.__class__()
    admin_client.force_login(superuser)
    page = admin_client.get(reverse("accounts_locks")).content.decode()
    assert "Khóa đăng nhập" in page and editor_a.username in page
    attempt = AccessAttempt.objects.get(username=editor_a.username, ip_address="198.51.100.20")
    response = admin_client.post(reverse("accounts_unlock", args=[attempt.pk]), follow=True)
    assert "Đã mở khóa đăng nhập" in response.content.decode()
    event = AuthEvent.objects.filter(action=AuthAction.UNLOCK).first()
    assert event.actor == superuser and event.target == editor_a

    assert login(client, editor_a.username, STAFF_PASSWORD, ip="198.51.100.21").status_code == 302


def test_unit_admin_lifts_locks_of_own_people_only(client, admin_a, editor_a, editor_b):
    fail(client, editor_a.username, 5, ip="198.51.100.30")
    fail(client, editor_b.username, 5, ip="198.51.100.31")
    admin_client = client.__class__()
    admin_client.force_login(admin_a)
    page = admin_client.get(reverse("accounts_locks")).content.decode()
    assert editor_a.username in page
    assert editor_b.username not in page
    other = AccessAttempt.objects.get(username=editor_b.username)
    assert admin_client.post(reverse("accounts_unlock", args=[other.pk])).status_code == 404
    assert AccessAttempt.objects.filter(username=editor_b.username).exists()


def test_editor_cannot_open_the_lock_screen(client, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("accounts_locks")).status_code in (302, 403)
