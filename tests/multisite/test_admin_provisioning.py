"""Provisioning from the admin: system administrators only, same checks as the command."""

import pytest
from django.urls import reverse

from multisite.models import Unit, UnitSection
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "code": "so-tu-phap",
    "name": "Sở Tư pháp",
    "kind": "department",
    "hostname": "",
    "address": "Số 2 đường Hùng Vương",
    "phone": "0274 3822 222",
    "email": "stp@example.vn",
    "website": "",
}


def test_system_administrator_provisions_a_unit(client, province):
    client.force_login(SuperUserFactory())
    response = client.post(reverse("units:add"), {**FORM, "parent": province.pk})
    assert response.status_code == 302
    unit = Unit.objects.get(code="so-tu-phap")
    assert unit.site.hostname == "so-tu-phap.portal.test"
    assert unit.phone == "0274 3822 222"
    assert UnitSection.objects.filter(unit=unit).count() > 10
    listing = client.get(reverse("units:index")).content.decode()
    assert "Sở Tư pháp" in listing


def test_admin_form_refuses_bad_input_in_vietnamese(client, unit_a):
    client.force_login(SuperUserFactory())
    response = client.post(
        reverse("units:add"), {**FORM, "kind": "commune", "parent": unit_a.pk, "hostname": "xa-a.portal.test"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "không thể trực thuộc" in html
    assert "đã được một trang khác sử dụng" in html
    assert not Unit.objects.filter(code="so-tu-phap").exists()


def test_unit_staff_cannot_provision(client, province, admin_a):
    client.force_login(admin_a)
    response = client.post(reverse("units:add"), {**FORM, "parent": province.pk})
    assert response.status_code in {302, 403}
    assert not Unit.objects.filter(code="so-tu-phap").exists()
