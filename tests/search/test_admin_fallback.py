"""Admin search never answers 500 because of the engine: it falls back to the database
and says so (issue 11, part 4). Runs without an engine: the backend points at a closed port."""

import pytest
from django.test import override_settings

from tests.factories import STAFF_PASSWORD, SuperUserFactory, article

ENGINE_DOWN = {
    "default": {
        "BACKEND": "search.backends.OpenSearchBackend",
        "URLS": ["http://127.0.0.1:9"],
        "INDEX_PREFIX": "pbgdpl_unreachable_",
        "TIMEOUT": 1,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
}
NOTICE = "Máy tìm kiếm đang tạm gián đoạn"


@pytest.fixture
def admin_client(client, unit_a):
    article(unit_a, title="Hội nghị phổ biến Luật Đất đai năm 2024")
    client.force_login(SuperUserFactory(password=STAFF_PASSWORD))
    return client


@override_settings(WAGTAILSEARCH_BACKENDS=ENGINE_DOWN, WAGTAILSEARCH_BACKENDS_AUTO_UPDATE=False)
@pytest.mark.parametrize(
    "url",
    ["/admin/pages/search/", "/admin/choose-page/search/", "/admin/images/", "/admin/documents/"],
)
def test_admin_searches_answer_from_the_database_with_a_notice(admin_client, url):
    response = admin_client.get(url, {"q": "Đất đai"})
    assert response.status_code == 200
    html = response.content.decode()
    if "pages" in url or "choose-page" in url:
        assert "Hội nghị phổ biến Luật Đất đai năm 2024" in html
    follow = admin_client.get("/admin/")  # the notice is shown now or on the next screen
    assert NOTICE in html or NOTICE in follow.content.decode()
