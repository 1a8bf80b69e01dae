"""NUL and other control characters: a 400 with a Vietnamese page, never a 500.

Every public page of a unit (one of each type), the search page and its APIs,
the sitemap and the health check get each parameter their forms and
documented APIs take, with a control character in it.
"""

import re

import pytest
from wagtail.models import Page

from core.registries import search_facets
from tests.factories import article, council_activity, legal_document, person

CONTROL = ["\x00", "\x01", "\x1b", "\x7f"]
API_PARAMETERS = ["q", "scope", "page", "trang", "sapxep", "nam"]
FIXED_URLS = ["/search/", "/api/search/", "/api/search/autocomplete/", "/sitemap.xml", "/healthz"]


@pytest.fixture
def public_urls(unit_a):
    """One URL of every public page type of the unit, plus the fixed ones."""
    import datetime

    article(unit_a)
    legal_document(unit_a)
    council_activity(unit_a, "Phiên họp thử nghiệm", datetime.date(2026, 1, 5))
    person(unit_a)
    urls = {}
    for page in Page.objects.descendant_of(unit_a.site.root_page, inclusive=True).live().specific():
        urls.setdefault(type(page), page.get_url())
    return sorted(set(urls.values()) | set(FIXED_URLS))


def parameters(client, host, url):
    """What the page's forms submit, and the documented API parameters."""
    html = client.get(url, HTTP_HOST=host).content.decode()
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html))
    return sorted(names | set(API_PARAMETERS) | {facet.key for facet in search_facets})


def test_control_characters_in_any_parameter_get_a_400(client, unit_a, public_urls):
    host = unit_a.site.hostname
    checked = 0
    for url in public_urls:
        for name in parameters(client, host, url):
            # NUL in every parameter; the other control characters in the query.
            for char in CONTROL if name == "q" else CONTROL[:1]:
                response = client.get(url, {name: f"đất{char}đai"}, HTTP_HOST=host)
                assert response.status_code == 400, (url, name, repr(char), response.status_code)
                checked += 1
        response = client.get(url, {f"x{CONTROL[0]}": "1"}, HTTP_HOST=host)
        assert response.status_code == 400, url
    assert checked > 80
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_control_characters_in_the_path_get_a_400(client, unit_a):
    response = client.get("/tin-tuc-su-kien/%00/", HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 400


def test_ordinary_text_still_works(client, unit_a):
    response = client.get("/search/", {"q": "đất\tđai"}, HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 200


def test_form_fields_are_cleaned_not_refused(client, db):
    """A failed login whose name holds NUL is an ordinary failed login, recorded without it."""
    from accounts.models import AuthEvent

    response = client.post(
        "/admin/login/",
        {"username": "can\x00bo\x1b", "password": "sai"},
        HTTP_USER_AGENT="Mozilla/5.0\x00 (pytest)",
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 200
    event = AuthEvent.objects.get(username="canbo")
    assert event.user_agent == "Mozilla/5.0 (pytest)"
