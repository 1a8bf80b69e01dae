"""The admin is wholly Vietnamese and carries the portal's name.

Every role (system administrator, and a unit's administrator, moderator, editor
and reporting officer) signs in and GETs every admin page it can reach: each
URL pattern of the resolver (filled with the unit's own objects by the read
matrix's filler) and each link of its menu. A page fails when its visible text
or its labels (title, aria-label, placeholder, alt, button values) show an
English UI word from ``ENGLISH``, "None", a relative time left in English
("2 minutes trước") or Wagtail's name, or when an image on it is broken.
"""

import html.parser
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.factories import SuperUserFactory, staff_user
from tests.multisite.test_admin_read_matrix import (
    NOT_REQUESTED,
    admin_patterns,
    build_world,
    fill,
)

# English words of Wagtail's and Django's admin UI (whole words, case-sensitive).
ENGLISH = (
    "Password",
    "Username",
    "Sign in",
    "Log in",
    "Log out",
    "Dashboard",
    "Settings",
    "Snippets",
    "Reports",
    "Search",
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Choose",
    "Upload",
    "Preview",
    "Publish",
    "Unpublish",
    "Previous",
    "Next",
    "Filter",
    "Filters",
    "Sort by",
    "Actions",
    "Status",
    "Title",
    "Draft",
    "Live",
    "Help",
    "Close",
    "Yes",
    "No",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "ago",
    "None",
    "Wagtail",
)
ENGLISH_RE = re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w/.-])")
LABEL_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "textarea", "svg"}

# Pages that are not the admin's own UI.
NOT_CHECKED = {
    **NOT_REQUESTED,
    # The language preference lists each language in its own name ("English").
    "wagtailadmin_account": "lists languages in their own names",
}


VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class VisibleText(html.parser.HTMLParser):
    """The text a user reads or hears (not in scripts or hidden elements), and the
    images a page shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.images, self._open = [], [], []

    @property
    def _skip(self):
        return any(skipped for _tag, skipped in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID_TAGS:
            self._open.append((tag, tag in SKIPPED_TAGS or "hidden" in attrs))
        if self._skip:
            return
        self.texts += [value for name, value in attrs.items() if name in LABEL_ATTRIBUTES and value]
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(attrs["value"])
        if tag == "img" and attrs.get("src"):
            self.images.append(attrs["src"])

    def handle_endtag(self, tag):
        for position in range(len(self._open) - 1, -1, -1):
            if self._open[position][0] == tag:
                del self._open[position:]
                break

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def english_in(body):
    parser = VisibleText()
    parser.feed(body)
    found = set()
    for text in parser.texts:
        found.update(ENGLISH_RE.findall(text))
    return found, parser.images


def image_is_broken(client, src):
    """Third-party (not served by the portal) or missing images are broken."""
    parts = urlsplit(src)
    if src.startswith("data:"):
        return False
    if parts.netloc and parts.hostname not in {"testserver", "localhost"}:
        return True
    if parts.path.startswith(settings.STATIC_URL):
        return finders.find(parts.path[len(settings.STATIC_URL) :]) is None
    if parts.path.startswith(settings.MEDIA_URL):
        return not default_storage.exists(parts.path[len(settings.MEDIA_URL) :])
    response = client.get(src)
    return response.status_code != 200 or not response.get("Content-Type", "").startswith("image/")


def admin_urls(world):
    """One URL per admin pattern, filled with unit B's objects (the signed-in unit)."""
    urls = []
    for name, _route, kwargs, model in admin_patterns():
        if name in NOT_CHECKED or name.startswith("wagtailadmin_api") or "chooser" in name:
            continue
        if not kwargs:
            try:
                urls.append((name, reverse(name)))
            except NoReverseMatch:
                continue
            continue
        for row in fill(world, name, kwargs, model):
            row = row[0] if isinstance(row, tuple) else row
            try:
                urls.append((name, reverse(name, kwargs=row)))
                break
            except NoReverseMatch:
                continue
    return urls


def menu_urls(client):
    """The links of the admin's side menu, as the signed-in user sees it."""
    from wagtail.admin.menu import admin_menu

    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    found = []

    def walk(items):
        for item in items:
            if getattr(item, "url", None):
                found.append((f"menu {item.name}", item.url))
            walk(getattr(item, "menu_items", ()))

    walk(admin_menu.menu_items_for_request(request))
    return found


def problems_on(client, name, url):
    response = client.get(url, HTTP_ACCEPT="text/html,application/json")
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    body = response.content.decode("utf-8", "replace")
    words, images = english_in(body)
    problems = [f"{name} {url}: English {sorted(words)}"] if words else []
    problems += [f"{name} {url}: broken image {src}" for src in images if image_is_broken(client, src)]
    return problems


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Unit B of the read matrix, with an account in every role."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            data = build_world()
            b = data.unit_b
            data.users = {
                "system administrator": SuperUserFactory(username="quantri-tieng-viet"),
                "unit admin": staff_user(b, "admin", "tv-b.quantri"),
                "moderator": staff_user(b, "moderator", "tv-b.kiemduyet"),
                "editor": staff_user(b, "editor", "tv-b.bientap"),
                "reporting officer": staff_user(b, "reporter", "tv-b.baocao"),
            }
            yield data
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_sign_in_pages_are_vietnamese_and_name_the_portal():
    client = Client()
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = client.get(url)
        assert response.status_code == 200
        words, images = english_in(response.content.decode())
        assert not words, f"{url}: {sorted(words)}"
        assert not [src for src in images if image_is_broken(client, src)]
    body = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Mật khẩu" in body
    assert settings.WAGTAIL_SITE_NAME in body


@pytest.mark.django_db
def test_every_admin_page_of_every_role_is_vietnamese(world):
    urls = admin_urls(world)
    problems = []
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        seen = set()
        for name, url in urls + menu_urls(client):
            if url in seen:
                continue
            seen.add(url)
            problems += [f"{role}: {problem}" for problem in problems_on(client, name, url)]
    assert not problems, f"{len(problems)} pages show English or broken images:\n" + "\n".join(problems)


def test_the_checker_finds_english_none_and_relative_times():
    words, _images = english_in(
        '<p>2 minutes trước</p><td>None</td><button aria-label="Close">x</button>'
        '<script>var None = "Edit"</script><p>Đăng nhập vào Wagtail</p>'
        '<div hidden><span>None</span></div><img src="x.png"><p>Search</p>'
    )
    assert words == {"minutes", "None", "Close", "Wagtail", "Search"}
