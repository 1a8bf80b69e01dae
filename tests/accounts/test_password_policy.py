"""The password policy refuses weak passwords with Vietnamese reasons."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

User = get_user_model()


@pytest.mark.parametrize(
    "password, message",
    [
        ("Ab1-xyz", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("1234567890", "Mật khẩu này quá phổ biến, dễ bị đoán."),
        ("8264917350", "Mật khẩu không được chỉ gồm chữ số."),
        ("pham.minh.tuan", "Mật khẩu quá giống với"),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(client, admin_a, unit_a, password, message):
    client.force_login(admin_a)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "pham.minh.tuan",
            "email": "tuan@example.vn",
            "first_name": "Tuấn",
            "last_name": "Phạm",
            "password1": password,
            "password2": password,
            "groups": [unit_a.group_for("editor").pk],
            "unit": unit_a.pk,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="pham.minh.tuan").exists()
