"""The configured search engine finds published pages and never drafts.

In CI this runs against a real OpenSearch node (SEARCH_BACKEND=opensearch).
"""

import pytest
from wagtail.search.backends import get_search_backend

from tests.factories import article

pytestmark = pytest.mark.django_db


def refresh():
    get_search_backend().refresh_indexes()


def test_published_page_is_found_and_draft_is_not(client, unit_a):
    article(unit_a, title="Hội nghị tuyên truyền hòa giải ở cơ sở")
    article(unit_a, title="Bản nháp hòa giải chưa duyệt", publish=False)
    refresh()
    response = client.get("/search/", {"q": "hòa giải"}, HTTP_HOST=unit_a.site.hostname)
    titles = [result["page"].title for result in response.context["results"]]
    assert "Hội nghị tuyên truyền hòa giải ở cơ sở" in titles
    assert "Bản nháp hòa giải chưa duyệt" not in titles


def test_search_is_scoped_to_the_site_unless_asked_for_the_province(client, unit_a, unit_b):
    article(unit_a, title="Phổ biến Luật Hôn nhân và gia đình tại An Phú")
    article(unit_b, title="Phổ biến Luật Hôn nhân và gia đình tại Bình Hòa")
    refresh()
    local = client.get("/search/", {"q": "hôn nhân"}, HTTP_HOST=unit_a.site.hostname)
    titles = {result["page"].title for result in local.context["results"]}
    assert titles == {"Phổ biến Luật Hôn nhân và gia đình tại An Phú"}
    province_wide = client.get("/search/", {"q": "hôn nhân", "scope": "all"}, HTTP_HOST=unit_a.site.hostname)
    assert {result["page"].title for result in province_wide.context["results"]} >= {
        "Phổ biến Luật Hôn nhân và gia đình tại An Phú",
        "Phổ biến Luật Hôn nhân và gia đình tại Bình Hòa",
    }
