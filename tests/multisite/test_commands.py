"""The unit management commands that provinces script against."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from multisite.models import Unit

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_provision_unit_command_creates_then_says_nothing_changed(province):
    args = (
        "provision_unit",
        "--code",
        "so-y-te",
        "--name",
        "Sở Y tế",
        "--kind",
        "department",
        "--parent",
        province.code,
    )
    assert "Đã tạo đơn vị “Sở Y tế”" in run(*args)
    assert "không thay đổi gì" in run(*args)
    assert Unit.objects.get(code="so-y-te").site.hostname == "so-y-te.portal.test"


def test_provision_unit_command_refuses_bad_input_in_vietnamese(province):
    with pytest.raises(CommandError) as error:
        run("provision_unit", "--code", "xa-x", "--name", "Xã X", "--kind", "commune", "--parent", "khong-co")
    assert "Không tìm thấy đơn vị cấp trên có mã “khong-co”" in str(error.value)
    assert not Unit.objects.filter(code="xa-x").exists()


def test_list_units_json(province, unit_a):
    lines = [json.loads(line) for line in run("list_units", "--json").splitlines()]
    by_code = {line["code"]: line for line in lines}
    assert by_code["xa-a"] == {
        "code": "xa-a",
        "name": "Xã An Phú",
        "kind": "commune",
        "parent": "tinh-thu-nghiem",
        "hostname": "xa-a.portal.test",
        "root_url": "http://xa-a.portal.test/",
    }
    assert by_code["tinh-thu-nghiem"]["parent"] is None


def test_add_unit_user_creates_then_moves_between_roles(unit_a, unit_b):
    base = (
        "add_unit_user",
        "--username",
        "nguyen.van.a",
        "--email",
        "a@example.vn",
        "--password",
        "Mat-khau-manh-2026",
    )
    assert "Đã tạo" in run(*base, "--unit", "xa-a", "--role", "editor")
    user = get_user_model().objects.get(username="nguyen.van.a")
    assert list(user.groups.all()) == [unit_a.group_for("editor")]
    assert "Đã cập nhật" in run(*base, "--unit", "xa-b", "--role", "moderator")
    user.refresh_from_db()
    assert list(user.groups.all()) == [unit_b.group_for("moderator")]
    assert user.staff_profile.unit == unit_b
    assert user.check_password("Mat-khau-manh-2026")


def test_add_unit_user_refuses_bad_input(unit_a):
    with pytest.raises(CommandError) as error:
        run(
            "add_unit_user",
            "--unit",
            "khong-co",
            "--role",
            "boss",
            "--username",
            "x",
            "--email",
            "sai",
            "--password",
            "123",
        )
    message = str(error.value)
    assert "Không tìm thấy đơn vị" in message
    assert "Vai trò “boss” không hợp lệ" in message
    assert "thư điện tử" in message
    assert not get_user_model().objects.filter(username="x").exists()
