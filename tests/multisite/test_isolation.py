"""A unit's staff see and change only their own unit's content in the admin.

Every check goes through the real Wagtail admin URLs with a logged-in user.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from multisite.models import UnitLink
from tests.factories import article, section
from tests.media import document_in, image_in

pytestmark = pytest.mark.django_db

REFUSED = {302, 403, 404}


@pytest.fixture
def b_content(unit_b):
    return {
        "article": article(unit_b, title="Tin riêng của xã Bình Hòa"),
        "image": image_in(unit_b.collection, title="Ảnh của xã Bình Hòa"),
        "document": document_in(unit_b.collection, title="Tài liệu của xã Bình Hòa"),
        "link": UnitLink.objects.create(
            unit=unit_b, title="Liên kết của xã Bình Hòa", url="https://b.example.vn"
        ),
    }


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


def chooser_html(response):
    """Wagtail's choosers answer JSON with the HTML inside (or HTML for result pages)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def assert_refused(response):
    assert response.status_code in REFUSED, response.status_code
    if response.status_code == 302:
        assert "/login/" not in response["Location"]


def test_editor_cannot_add_edit_or_delete_other_units_pages(client_a, unit_b, b_content):
    news_b = section(unit_b)
    page = b_content["article"]
    assert_refused(client_a.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", news_b.pk])))
    assert_refused(client_a.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert_refused(client_a.get(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    response = client_a.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {"title": "Đã bị sửa", "slug": page.slug, "action-publish": "1"},
    )
    assert_refused(response)
    assert Page.objects.get(pk=page.pk).title == "Tin riêng của xã Bình Hòa"
    response = client_a.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert_refused(response)
    assert Page.objects.filter(pk=page.pk).exists()


def test_explorer_and_admin_search_hide_other_units(client_a, unit_a, unit_b, b_content):
    response = client_a.get(reverse("wagtailadmin_explore", args=[unit_b.site.root_page_id]))
    assert response.status_code == 302
    response = client_a.get(reverse("wagtailadmin_pages:search"), {"q": "Bình Hòa"})
    assert "Tin riêng của xã Bình Hòa" not in response.content.decode()


def test_page_chooser_shows_only_own_unit(client_a, unit_a, unit_b, b_content):
    article(unit_a, title="Tin của xã An Phú")
    get_search_backend().refresh_indexes()
    response = client_a.get(reverse("wagtailadmin_choose_page_child", args=[section(unit_b).pk]))
    assert "Tin riêng của xã Bình Hòa" not in chooser_html(response)
    response = client_a.get(reverse("wagtailadmin_choose_page_search"), {"q": "Tin"})
    html = chooser_html(response)
    assert "Tin riêng của xã Bình Hòa" not in html
    assert "Tin của xã An Phú" in html


def test_images_are_isolated(client_a, unit_a, b_content):
    image = b_content["image"]
    assert_refused(client_a.get(reverse("wagtailimages:edit", args=[image.pk])))
    assert_refused(client_a.post(reverse("wagtailimages:delete", args=[image.pk])))
    assert type(image).objects.filter(pk=image.pk).exists()
    own = image_in(unit_a.collection, title="Ảnh của xã An Phú")
    html = chooser_html(client_a.get(reverse("wagtailimages_chooser:choose")))
    assert "Ảnh của xã Bình Hòa" not in html
    assert own.title in html
    html = client_a.get(reverse("wagtailimages:index")).content.decode()
    assert "Ảnh của xã Bình Hòa" not in html


def test_documents_are_isolated(client_a, unit_a, b_content):
    document = b_content["document"]
    assert_refused(client_a.get(reverse("wagtaildocs:edit", args=[document.pk])))
    assert_refused(client_a.post(reverse("wagtaildocs:delete", args=[document.pk])))
    assert type(document).objects.filter(pk=document.pk).exists()
    own = document_in(unit_a.collection, title="Tài liệu của xã An Phú")
    html = chooser_html(client_a.get(reverse("wagtaildocs_chooser:choose")))
    assert "Tài liệu của xã Bình Hòa" not in html
    assert own.title in html


def test_snippets_are_isolated(client_a, unit_a, unit_b, b_content):
    link = b_content["link"]
    own = UnitLink.objects.create(unit=unit_a, title="Liên kết của xã An Phú", url="https://a.example.vn")
    html = client_a.get(reverse("wagtailsnippets_multisite_unitlink:list")).content.decode()
    assert own.title in html
    assert link.title not in html
    for name in ("edit", "delete", "history", "usage"):
        assert_refused(client_a.get(reverse(f"wagtailsnippets_multisite_unitlink:{name}", args=[link.pk])))
    response = client_a.post(
        reverse("wagtailsnippets_multisite_unitlink:edit", args=[link.pk]),
        {"unit": unit_b.pk, "title": "Đã bị sửa", "url": "https://evil.example", "sort_order": 0},
    )
    assert_refused(response)
    assert_refused(client_a.post(reverse("wagtailsnippets_multisite_unitlink:delete", args=[link.pk])))
    response = client_a.post(
        reverse("wagtail_bulk_action", args=["multisite", "unitlink", "delete"]) + f"?id={link.pk}"
    )
    link.refresh_from_db()
    assert link.title == "Liên kết của xã Bình Hòa"
    html = chooser_html(client_a.get(reverse("wagtailsnippetchoosers_multisite_unitlink:choose")))
    assert own.title in html
    assert link.title not in html


def test_snippet_cannot_be_created_for_another_unit(client_a, unit_a, unit_b):
    response = client_a.post(
        reverse("wagtailsnippets_multisite_unitlink:add"),
        {"unit": unit_b.pk, "title": "Cài vào xã khác", "url": "https://x.example.vn", "sort_order": 0},
    )
    assert response.status_code == 200
    assert not UnitLink.objects.filter(title="Cài vào xã khác").exists()
    response = client_a.post(
        reverse("wagtailsnippets_multisite_unitlink:add"),
        {"unit": unit_a.pk, "title": "Liên kết hợp lệ", "url": "https://ok.example.vn", "sort_order": 0},
    )
    assert response.status_code == 302
    assert UnitLink.objects.get(title="Liên kết hợp lệ").unit == unit_a


def test_editor_cannot_publish_without_moderator(client, unit_a, editor_a, moderator_a):
    page = article(unit_a, title="Bài chờ duyệt", publish=False)
    client.force_login(editor_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {"title": "Bài chờ duyệt", "slug": page.slug, "date": "2026-11-20", "body-count": "0"}
    client.post(edit_url, {**data, "action-publish": "1"})
    page.refresh_from_db()
    assert not page.live

    client.post(edit_url, {**data, "action-submit": "1"})
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"

    client.force_login(moderator_a)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Đồng ý đăng"},
    )
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live


def test_unit_admin_manages_only_own_units_users(client, unit_a, unit_b, admin_a, editor_a, editor_b):
    client.force_login(admin_a)
    html = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert editor_a.username in html
    assert editor_b.username not in html
    assert_refused(client.get(reverse("wagtailusers_users:edit", args=[editor_b.pk])))

    response = client.get(reverse("wagtailusers_users:add"))
    form = response.context["form"]
    assert set(form.fields["groups"].queryset) == set(g.group for g in unit_a.groups.select_related("group"))
    new_user = {
        "username": "xa-a.moi",
        "email": "moi@example.vn",
        "first_name": "Nguyễn",
        "last_name": "Văn Mới",
        "password1": "Mat-khau-manh-2026",
        "password2": "Mat-khau-manh-2026",
        "unit": unit_a.pk,
    }
    response = client.post(
        reverse("wagtailusers_users:add"),
        {**new_user, "groups": [unit_b.group_for("admin").pk]},
    )
    assert response.status_code == 200
    assert not type(admin_a).objects.filter(username="xa-a.moi").exists()

    response = client.post(
        reverse("wagtailusers_users:add"),
        {**new_user, "groups": [unit_a.group_for("editor").pk]},
    )
    assert response.status_code == 302
    created = type(admin_a).objects.get(username="xa-a.moi")
    assert created.staff_profile.unit == unit_a
    assert list(created.groups.all()) == [unit_a.group_for("editor")]


def test_dashboard_shows_the_users_unit_and_its_sections(client_a, unit_a):
    html = client_a.get(reverse("wagtailadmin_home")).content.decode()
    assert "Đơn vị của bạn: Xã An Phú" in html
    assert "Tin tức – Sự kiện" in html
    assert unit_a.root_url in html
