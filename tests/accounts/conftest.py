import pytest

from tests.factories import STAFF_PASSWORD, SuperUserFactory, UnitFactory, staff_user


@pytest.fixture
def superuser(db):
    return SuperUserFactory(username="quantri")


@pytest.fixture
def district(province):
    return UnitFactory(code="huyen-d", name="Huyện Đông", kind="district")


@pytest.fixture
def commune_in_district(district):
    return UnitFactory(code="xa-d1", name="Xã Đông Một", kind="commune", parent=district)


@pytest.fixture
def other_district(province):
    return UnitFactory(code="huyen-t", name="Huyện Tây", kind="district")


@pytest.fixture
def district_admin(district):
    return staff_user(district, "admin")


@pytest.fixture
def commune_editor(commune_in_district):
    return staff_user(commune_in_district, "editor")


@pytest.fixture
def other_editor(other_district):
    return staff_user(other_district, "editor")


def login(client, username, password=STAFF_PASSWORD, **extra):
    """Sign in through Wagtail's real login form."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        HTTP_USER_AGENT=extra.pop("user_agent", "Mozilla/5.0 (pytest)"),
        REMOTE_ADDR=extra.pop("ip", "203.0.113.7"),
        **extra,
    )


def form_data(html, form_index=None):
    """The values a browser would submit for the page's fields (first match wins)."""
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__()
            self.data, self.select, self.textarea = {}, None, None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            name = attrs.get("name")
            if tag == "input" and name:
                kind = attrs.get("type", "text")
                if kind in {"checkbox", "radio"}:
                    if "checked" in attrs:
                        self.data.setdefault(name, []).append(attrs.get("value", "on"))
                elif kind not in {"submit", "button", "file", "password"}:
                    self.data.setdefault(name, [attrs.get("value", "")])
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and self.select and "selected" in attrs:
                self.data.setdefault(self.select, []).append(attrs.get("value", ""))
            elif tag == "textarea" and name:
                self.textarea = name
                self.data.setdefault(name, [""])

        def handle_endtag(self, tag):
            if tag == "select":
                self.select = None
            if tag == "textarea":
                self.textarea = None

        def handle_data(self, data):
            if self.textarea:
                self.data[self.textarea] = [data]

    parser = Parser()
    parser.feed(html)
    return parser.data
