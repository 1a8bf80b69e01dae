"""Optional TOTP two-factor sign-in; compulsory for system administrators when configured."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuthAction, AuthEvent

from .conftest import login


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_staff_enrol_then_need_a_code_after_the_password(client, editor_a):
    login(client, editor_a.username)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Xác thực hai bước" in account and reverse("accounts_2fa_setup") in account
    page = client.get(reverse("accounts_2fa_setup"))
    assert "Quét mã QR" in page.content.decode() and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=editor_a, confirmed=False)
    response = client.post(
        reverse("accounts_2fa_setup"), {"token": "000000" if code(device) != "000000" else "111111"}
    )
    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp delays retries after a failure
    response = client.post(reverse("accounts_2fa_setup"), {"token": code(device)})
    assert response.status_code == 302
    assert AuthEvent.objects.filter(action=AuthAction.TWO_FACTOR_ENABLE, target=editor_a).exists()

    client.post(reverse("wagtailadmin_logout"))
    response = login(client, editor_a.username)
    assert response.status_code == 302
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts_2fa_verify"))
    response = client.post(reverse("accounts_2fa_verify"), {"token": "12345"})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert AuthEvent.objects.filter(action=AuthAction.TWO_FACTOR_FAILED, target=editor_a).exists()
    device.refresh_from_db()
    device.throttle_reset()
    device.last_t = -1  # the enrolment code may be reused in this test's time step
    device.save()
    response = client.post(reverse("accounts_2fa_verify"), {"token": code(device), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_superusers_must_enrol_when_required(client, settings, superuser, editor_a):
    settings.REQUIRE_2FA_FOR_SUPERUSERS = True
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response.url == reverse("accounts_2fa_setup")
    client.force_login(editor_a)  # optional for other staff
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
