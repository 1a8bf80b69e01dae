"""The Wagtail admin speaks Vietnamese.

Wagtail's own vi catalogue covers only part of the admin; the project's
catalogues (locale/vi/po/50-wagtail.po and locale/vi/po-js/50-wagtail.po,
compiled by scripts/compile_messages.py) complete and correct it. These tests
render the main admin screens as a superuser and look for Vietnamese labels and
for English ones that would betray a missing translation.
"""

import json
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import SuperUserFactory, article

pytestmark = pytest.mark.django_db


def visible_text(response):
    """The page's text and its accessible labels, without scripts and styles."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S | re.I)
    labels = " ".join(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", f"{text} {labels}")


def sidebar_labels(response):
    """Every string of the sidebar menu, which the admin renders from JSON props."""
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "sidebar props not found"
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(match.group(1)))
    return strings


def assert_vietnamese(response, present, absent=()):
    assert response.status_code == 200
    text = visible_text(response)
    for phrase in present:
        assert phrase in text, f"missing Vietnamese text {phrase!r}"
    for word in absent:
        assert not re.search(rf"(?<![\w/.-]){re.escape(word)}(?![\w/.-])", text), (
            f"English {word!r} still shown"
        )


@pytest.fixture
def admin_client(client):
    client.force_login(SuperUserFactory())
    return client


def test_catalogue_translates_wagtail_strings():
    with translation.override("vi"):
        assert gettext("Pages") == "Trang"
        assert gettext("Snippets") == "Đoạn nội dung"
        assert gettext("Workflows") == "Quy trình duyệt"
        assert gettext("Dashboard") == "Bảng điều khiển"
        assert gettext("Add child page") == "Thêm trang con"
        assert gettext("Promoted search results") == "Kết quả tìm kiếm ưu tiên"
        assert ngettext("1 page", "%(counter)s pages", 3) == "%(counter)s trang"
        # Placeholders survive translation.
        assert "%(page_title)s" in gettext("Page '%(page_title)s' has been published.")


def test_dashboard_is_vietnamese(admin_client, unit_a):
    response = admin_client.get("/admin/")
    assert_vietnamese(
        response,
        present=["Bảng điều khiển", "Tìm trong tất cả các trang…", "Hướng dẫn biên tập"],
        absent=["Dashboard", "Pages", "Search all pages", "Editor Guide", "Sidebar"],
    )


def test_sidebar_menu_is_vietnamese(admin_client, unit_a):
    labels = sidebar_labels(admin_client.get("/admin/"))
    for label in [
        "Trang",
        "Hình ảnh",
        "Tài liệu",
        "Đoạn nội dung",
        "Cài đặt",
        "Báo cáo",
        "Người dùng",
        "Nhóm",
    ]:
        assert label in labels, f"sidebar lacks {label!r}"
    for label in [
        "Pages",
        "Images",
        "Documents",
        "Snippets",
        "Settings",
        "Reports",
        "Users",
        "Groups",
        "Log out",
    ]:
        assert label not in labels, f"sidebar still shows {label!r}"


def test_page_explorer_is_vietnamese(admin_client, unit_a):
    page = article(unit_a)
    response = admin_client.get(f"/admin/pages/{page.get_parent().id}/")
    assert_vietnamese(
        response,
        present=["Thêm trang con", "Trạng thái", "Tiêu đề"],
        absent=["Add child page", "Pages", "Status", "Title", "Sort", "Filter", "Actions"],
    )


def test_page_editor_is_vietnamese(admin_client, unit_a):
    page = article(unit_a)
    response = admin_client.get(f"/admin/pages/{page.id}/edit/")
    assert_vietnamese(
        response,
        present=["Lưu bản nháp", "Xuất bản", "Xem trước"],
        absent=["Save draft", "Publish", "Preview", "Actions"],
    )


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        ("/admin/snippets/", ["Đoạn nội dung"], ["Snippets", "Instances"]),
        ("/admin/images/", ["Hình ảnh", "Thêm hình ảnh"], ["Images", "Add an image", "Collection"]),
        ("/admin/documents/", ["Tài liệu", "Thêm tài liệu"], ["Documents", "Add a document", "Collection"]),
        (
            "/admin/users/",
            ["Người dùng", "Tên đăng nhập"],
            ["Users", "Username", "Last login", "True", "False"],
        ),
        (
            "/admin/sites/",
            ["Trang web", "Cổng", "Tên trang web", "Trang gốc"],
            ["Sites", "Add a site", "Port", "Site name", "Root page"],
        ),
        ("/admin/workflows/list/", ["Quy trình duyệt"], ["Workflows", "Add a workflow"]),
        ("/admin/reports/locked/", ["Trang bị khóa"], ["Locked pages"]),
        ("/admin/locales/", ["Ngôn ngữ"], ["Locales", "pages"]),
    ],
)
def test_listing_pages_are_vietnamese(admin_client, unit_a, url, present, absent):
    assert_vietnamese(admin_client.get(url), present=present, absent=absent)


def test_admin_javascript_catalogue_is_vietnamese(admin_client):
    response = admin_client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode("unicode_escape")
    for phrase in ["Bảng điều khiển", "Thu gọn tất cả", "Mở rộng tất cả", "Ẩn/hiện thanh bên"]:
        assert phrase in body, f"JS catalogue lacks {phrase!r}"


def test_group_permissions_editor_is_vietnamese(admin_client):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Nhóm thử nghiệm")
    response = admin_client.get(f"/admin/groups/edit/{group.pk}/")
    assert_vietnamese(
        response,
        present=["Quyền trên đối tượng", "Ngôn ngữ", "Bản dịch", "Thêm trang web", "Sửa ngôn ngữ"],
        absent=["Object permissions", "Locale", "Translation", "Can add site", "Can change locale"],
    )


def test_wagtail_install_records_have_vietnamese_names(admin_client):
    """The root page and the default workflow are data, named by a migration."""
    response = admin_client.get("/admin/workflows/list/")
    assert "Quy trình duyệt mặc định" in response.content.decode()
    assert "Moderators approval" not in response.content.decode()
    response = admin_client.get("/admin/pages/")
    assert "Root" not in response.content.decode()
