"""The register in the admin: each unit's staff see and change only their own people
and activities, through every listing, form, chooser, bulk action and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from legal_docs.models import LegalField
from reporters.models import Activity, Person
from tests.factories import person, reporter_activity

pytestmark = pytest.mark.django_db

REFUSED = {302, 403, 404}


def assert_refused(response):
    assert response.status_code in REFUSED, response.status_code
    if response.status_code == 302:
        assert "/login/" not in response["Location"]


def html_of(response):
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


@pytest.fixture
def register(unit_a, unit_b):
    a = person(unit_a, full_name="Nguyễn Văn An", decision_number="1/QĐ-UBND")
    b = person(unit_b, full_name="Trần Thị Bình", decision_number="2/QĐ-UBND", kind="propagandist")
    return {
        "a": a,
        "b": b,
        "activity_a": reporter_activity(a, topic="Tuyên truyền Luật Đất đai ở An Phú"),
        "activity_b": reporter_activity(b, topic="Tuyên truyền Luật Giao thông ở Bình Hòa"),
    }


def person_form(unit, **values):
    data = {
        "unit": unit.pk,
        "kind": "reporter",
        "level": "commune",
        "full_name": "Lê Văn Cường",
        "decision_number": "15/QĐ-UBND",
        "decision_date": "2025-05-01",
        "status": "active",
    }
    data.update(values)
    return data


def test_staff_of_unit_b_cannot_see_or_change_unit_a_people(client, editor_b, register):
    client.force_login(editor_b)
    a = register["a"]
    html = client.get(reverse("wagtailsnippets_reporters_person:list")).content.decode()
    assert "Trần Thị Bình" in html
    assert "Nguyễn Văn An" not in html
    for name in ("edit", "delete", "history", "usage"):
        assert_refused(client.get(reverse(f"wagtailsnippets_reporters_person:{name}", args=[a.pk])))
    assert_refused(
        client.post(
            reverse("wagtailsnippets_reporters_person:edit", args=[a.pk]),
            person_form(a.unit, full_name="Đã bị sửa"),
        )
    )
    assert_refused(client.post(reverse("wagtailsnippets_reporters_person:delete", args=[a.pk])))
    client.post(reverse("wagtail_bulk_action", args=["reporters", "person", "delete"]) + f"?id={a.pk}")
    a.refresh_from_db()
    assert a.full_name == "Nguyễn Văn An"
    html = html_of(client.get(reverse("wagtailsnippetchoosers_reporters_person:choose")))
    assert "Trần Thị Bình" in html
    assert "Nguyễn Văn An" not in html
    export = client.get(reverse("wagtailsnippets_reporters_person:list") + "?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Trần Thị Bình" in text
    assert "Nguyễn Văn An" not in text


def test_staff_of_unit_b_cannot_see_or_change_unit_a_activities(client, editor_b, register):
    client.force_login(editor_b)
    activity = register["activity_a"]
    html = client.get(reverse("wagtailsnippets_reporters_activity:list")).content.decode()
    assert "Tuyên truyền Luật Giao thông ở Bình Hòa" in html
    assert "Tuyên truyền Luật Đất đai ở An Phú" not in html
    for name in ("edit", "delete", "history"):
        assert_refused(client.get(reverse(f"wagtailsnippets_reporters_activity:{name}", args=[activity.pk])))
    assert_refused(client.post(reverse("wagtailsnippets_reporters_activity:delete", args=[activity.pk])))
    assert Activity.objects.filter(pk=activity.pk).exists()
    html = html_of(client.get(reverse("wagtailsnippetchoosers_reporters_activity:choose")))
    assert "Tuyên truyền Luật Đất đai ở An Phú" not in html


def activity_form(person_obj, **values):
    data = {
        "person": person_obj.pk,
        "date": "2026-04-10",
        "form": "school",
        "topic": "Phòng, chống bạo lực học đường",
        "audience": "250",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    data.update(values)
    return data


def test_activity_only_for_own_units_people(client, editor_b, register):
    client.force_login(editor_b)
    url = reverse("wagtailsnippets_reporters_activity:add")
    response = client.post(url, activity_form(register["a"]))
    assert response.status_code == 200
    assert not Activity.objects.filter(topic="Phòng, chống bạo lực học đường").exists()
    response = client.post(url, activity_form(register["b"]))
    assert response.status_code == 302
    created = Activity.objects.get(topic="Phòng, chống bạo lực học đường")
    assert created.unit_id == register["b"].unit_id
    assert created.audience == 250


def test_staff_add_people_to_their_own_unit_only(client, unit_a, unit_b, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailsnippets_reporters_person:add")
    field = LegalField.objects.get(slug="dat-dai")
    response = client.post(url, person_form(unit_b, fields=[field.pk]))
    assert response.status_code == 200
    assert not Person.objects.exists()
    response = client.post(url, person_form(unit_a, fields=[field.pk]))
    assert response.status_code == 302
    created = Person.objects.get()
    assert created.unit == unit_a
    assert list(created.fields.all()) == [field]
    # Wagtail's audit log records who created the record.
    entry = ModelLogEntry.objects.get(object_id=str(created.pk), action="wagtail.create")
    assert entry.user == editor_a
    # The same decision and name again is refused with a reason.
    response = client.post(url, person_form(unit_a, full_name="lê  văn cường"))
    assert response.status_code == 200
    assert "Đơn vị đã có người tên" in response.content.decode()
    assert Person.objects.count() == 1


def test_withdrawal_needs_a_date(client, unit_a, editor_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailsnippets_reporters_person:add"), person_form(unit_a, status="withdrawn")
    )
    assert response.status_code == 200
    assert "Ghi ngày thu hồi công nhận." in response.content.decode()


def test_list_filters_and_excel_export(client, unit_a, editor_a):
    land = LegalField.objects.get(slug="dat-dai")
    person(unit_a, full_name="Nguyễn Văn An", legal_fields=[land])
    person(unit_a, full_name="Trần Thị Bích", decision_number="3/QĐ", kind="propagandist")
    person(
        unit_a, full_name="Lê Văn Cường", decision_number="4/QĐ", status="withdrawn", status_date="2026-01-01"
    )
    client.force_login(editor_a)
    url = reverse("wagtailsnippets_reporters_person:list")
    html = client.get(url, {"kind": "propagandist"}).content.decode()
    assert "Trần Thị Bích" in html and "Nguyễn Văn An" not in html
    html = client.get(url, {"status": "withdrawn"}).content.decode()
    assert "Lê Văn Cường" in html and "Trần Thị Bích" not in html
    html = client.get(url, {"fields": land.pk}).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bích" not in html

    response = client.get(url, {"kind": "reporter", "export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên"
    names = {r[0] for r in rows[1:]}
    assert names == {"Nguyễn Văn An", "Lê Văn Cường"}
    an = next(r for r in rows if r[0] == "Nguyễn Văn An")
    assert "Báo cáo viên pháp luật" in an and "Đất đai" in an


def test_existing_units_get_register_permissions(unit_a):
    from django.contrib.auth.models import Permission

    from multisite.provisioning import grant_unit_snippet_permissions

    group = unit_a.group_for("editor")
    group.permissions.remove(*Permission.objects.filter(content_type__app_label="reporters"))
    assert not group.permissions.filter(codename="add_person").exists()
    grant_unit_snippet_permissions(["reporters.Person", "reporters.Activity"])
    grant_unit_snippet_permissions(["reporters.Person", "reporters.Activity"])
    codenames = set(
        group.permissions.filter(content_type__app_label="reporters").values_list("codename", flat=True)
    )
    assert codenames == {
        "add_person",
        "change_person",
        "view_person",
        "add_activity",
        "change_activity",
        "view_activity",
    }
    moderator = unit_a.group_for("moderator")
    assert moderator.permissions.filter(codename="delete_person").exists()


def test_admin_screens_render_for_unit_staff(client, editor_a, register):
    client.force_login(editor_a)
    html = client.get(reverse("wagtailsnippets_reporters_person:list")).content.decode()
    assert "Nhập từ Excel" in html
    assert reverse("wagtailsnippets_reporters_person:import") in html
    for name in ("wagtailsnippets_reporters_person:add", "wagtailsnippets_reporters_activity:add"):
        assert client.get(reverse(name)).status_code == 200
    response = client.get(reverse("wagtailsnippets_reporters_person:edit", args=[register["a"].pk]))
    assert response.status_code == 200
    assert list(response.context["form"].fields["unit"].queryset) == [register["a"].unit]
    response = client.get(
        reverse("wagtailsnippets_reporters_activity:edit", args=[register["activity_a"].pk])
    )
    assert list(response.context["form"].fields["person"].queryset) == [register["a"]]
