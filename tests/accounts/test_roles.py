"""Unit administrators manage their branch of the tree and cannot raise anyone's rights."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import AuthAction, AuthEvent
from multisite.models import UnitGroup, UnitRole
from multisite.provisioning import sync_role_groups
from tests.factories import staff_user

User = get_user_model()


def new_user_data(unit, groups, **extra):
    data = {
        "username": "tran.thi.b",
        "email": "b@example.vn",
        "first_name": "B",
        "last_name": "Trần",
        "password1": "Rat-kho-doan-2026!",
        "password2": "Rat-kho-doan-2026!",
        "groups": [g.pk for g in groups],
        "unit": unit.pk,
    }
    data.update(extra)
    return data


def test_unit_admin_manages_units_below_but_not_other_branches(
    client, district_admin, commune_editor, other_editor, commune_in_district
):
    client.force_login(district_admin)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert commune_editor.username in listing
    assert other_editor.username not in listing
    assert client.get(reverse("wagtailusers_users:edit", args=[commune_editor.pk])).status_code == 200
    assert client.get(reverse("wagtailusers_users:edit", args=[other_editor.pk])).status_code in (302, 403)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[other_editor.pk]),
        {"username": other_editor.username, "email": "x@example.vn", "is_active": ""},
    )
    assert response.status_code in (302, 403)
    other_editor.refresh_from_db()
    assert other_editor.is_active and other_editor.email != "x@example.vn"


def test_unit_admin_cannot_grant_foreign_or_global_groups(
    client, district_admin, district, commune_in_district, other_district
):
    client.force_login(district_admin)
    form_html = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert other_district.group_for("editor").name not in form_html
    assert 'name="is_superuser"' not in form_html

    portal_wide = Group.objects.create(name="Biên tập toàn cổng")
    for group in [other_district.group_for("admin"), portal_wide]:
        response = client.post(
            reverse("wagtailusers_users:add"), new_user_data(district, [district.group_for("editor"), group])
        )
        assert response.status_code == 200
        assert response.context["form"].errors["groups"]
        assert not User.objects.filter(username="tran.thi.b").exists()

    # ticking "administrator" is ignored: the field is not offered to unit administrators
    response = client.post(
        reverse("wagtailusers_users:add"),
        new_user_data(commune_in_district, [commune_in_district.group_for("moderator")], is_superuser="on"),
    )
    assert response.status_code == 302
    created = User.objects.get(username="tran.thi.b")
    assert not created.is_superuser
    assert list(created.groups.all()) == [commune_in_district.group_for("moderator")]


def test_unit_admin_cannot_make_an_existing_user_superuser(client, admin_a, editor_a, unit_a):
    client.force_login(admin_a)
    client.post(
        reverse("wagtailusers_users:edit", args=[editor_a.pk]),
        {
            "username": editor_a.username,
            "email": editor_a.email,
            "first_name": "A",
            "last_name": "B",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [unit_a.group_for("editor").pk],
            "unit": unit_a.pk,
        },
    )
    editor_a.refresh_from_db()
    assert not editor_a.is_superuser


def test_accounts_with_history_are_deactivated_not_deleted(client, superuser, admin_a, editor_a):
    client.force_login(editor_a)  # gives the account some history
    client.force_login(admin_a)
    assert client.post(reverse("wagtailusers_users:delete", args=[editor_a.pk])).status_code in (302, 403)
    assert User.objects.filter(pk=editor_a.pk).exists()

    AuthEvent.objects.create(action=AuthAction.LOGIN, actor=editor_a, target=editor_a)
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:delete", args=[editor_a.pk]), follow=True)
    assert "ngừng kích hoạt tài khoản thay vì xóa" in response.content.decode()
    assert User.objects.filter(pk=editor_a.pk).exists()

    fresh = User.objects.create_user("chua.dung", "c@example.vn", "Rat-kho-doan-2026!")
    response = client.post(reverse("wagtailusers_users:delete", args=[fresh.pk]))
    assert response.status_code == 302
    assert not User.objects.filter(pk=fresh.pk).exists()


def test_unit_admin_cannot_bulk_assign_roles_or_delete(client, admin_a, editor_a, editor_b):
    client.force_login(admin_a)
    url = reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"]) + f"?id={editor_b.pk}"
    portal_wide = Group.objects.create(name="Biên tập toàn cổng")
    response = client.post(url, {"role": portal_wide.pk})
    assert response.status_code in (302, 403)
    assert not editor_b.groups.filter(pk=portal_wide.pk).exists()
    url = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"]) + f"?id={editor_b.pk}"
    client.post(url, {"mark_as_active": ""})
    editor_b.refresh_from_db()
    assert editor_b.is_active


def test_reporting_officer_role_is_read_only(client, unit_a):
    group = unit_a.group_for(UnitRole.REPORTER)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "access_admin" in codenames and "view_unitlink" in codenames
    assert all(c == "access_admin" or c.startswith("view_") for c in codenames)
    assert not group.page_permissions.exists() and not group.collection_permissions.exists()
    officer = staff_user(unit_a, "reporter")
    client.force_login(officer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_sync_role_groups_adds_missing_groups_to_existing_units(unit_a):
    unit_group = UnitGroup.objects.get(unit=unit_a, role=UnitRole.REPORTER)
    group = unit_group.group
    unit_group.delete()
    group.delete()
    sync_role_groups()
    sync_role_groups()
    assert UnitGroup.objects.filter(unit=unit_a, role=UnitRole.REPORTER).count() == 1
    assert unit_a.group_for(UnitRole.REPORTER).permissions.filter(codename="access_admin").exists()
