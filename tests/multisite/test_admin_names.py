"""The admin names a unit's collection and groups by the unit's name, never by
its internal code in brackets (issue 15); two units of the same name are told
apart by their parent unit's name."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from multisite.models import Unit, UnitKind
from tests.factories import SuperUserFactory, UnitFactory

pytestmark = pytest.mark.django_db

rename_migration = importlib.import_module(
    "multisite.migrations.0004_collection_and_group_names_without_codes"
)


def group_names(unit):
    return sorted(link.group.name for link in unit.groups.select_related("group"))


def test_collection_and_groups_carry_the_units_name(unit_a):
    assert unit_a.collection.name == "Xã An Phú"
    assert "Xã An Phú – Biên tập viên" in group_names(unit_a)
    assert all("[" not in name for name in group_names(unit_a))


def test_a_name_another_unit_uses_gets_the_parent_units_name(province, unit_a):
    district = UnitFactory(
        code="huyen-trung-ten", name="Huyện Trùng Tên", kind=UnitKind.DISTRICT, parent=province
    )
    twin = UnitFactory(code="xa-an-phu-2", name="Xã An Phú", parent=district)
    assert twin.collection.name == "Xã An Phú (Huyện Trùng Tên)"
    assert "Xã An Phú (Huyện Trùng Tên) – Kiểm duyệt" in group_names(twin)
    assert unit_a.collection.name == "Xã An Phú"


def test_admin_lists_and_chooser_show_names_not_codes(client, unit_a, unit_b):
    client.force_login(SuperUserFactory())
    codes = [f"[{code}]" for code in Unit.objects.values_list("code", flat=True)]
    for url, expected in (
        (reverse("wagtailusers_groups:index"), "Xã An Phú – Biên tập viên"),
        (reverse("wagtailadmin_collections:index"), "Xã Bình Hòa"),
        (reverse("wagtailimages_chooser:choose"), "Xã An Phú"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = (
            response.json()["html"]
            if response["Content-Type"] == "application/json"
            else response.content.decode()
        )
        assert expected in html, url
        assert not [code for code in codes if code in html], url


def test_migration_renames_names_with_codes_and_keeps_an_administrators_own(unit_a, unit_b):
    unit_a.collection.name = "Xã An Phú [xa-a]"
    unit_a.collection.save()
    editor_group = unit_a.groups.get(role="editor").group
    editor_group.name = "Xã An Phú [xa-a] – Biên tập viên"
    editor_group.save()
    unit_b.collection.name = "Thư mục riêng của xã"
    unit_b.collection.save()

    rename_migration.rename(apps, None)

    unit_a.collection.refresh_from_db()
    unit_b.collection.refresh_from_db()
    assert unit_a.collection.name == "Xã An Phú"
    assert Group.objects.get(pk=editor_group.pk).name == "Xã An Phú – Biên tập viên"
    assert unit_b.collection.name == "Thư mục riêng của xã"
