"""The search page and its JSON API: shape, facets, scope, drafts, autocomplete,
editor's picks and query statistics."""

import datetime

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from search import statistics
from tests.factories import article

from .conftest import api, legal_document, needs_engine, refresh, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(unit_a, unit_b):
    docs = [
        legal_document(
            unit_a,
            "10/2023/NĐ-CP",
            "Nghị định về tuyên truyền pháp luật về đất đai",
            fields=["dat-dai", "pho-bien-giao-duc-phap-luat"],
            issue_date=datetime.date(2023, 3, 1),
        ),
        legal_document(
            unit_a,
            "11/2024/NĐ-CP",
            "Nghị định sửa đổi quy định tuyên truyền pháp luật",
            fields=["pho-bien-giao-duc-phap-luat"],
            effect_status="expired",
            issue_date=datetime.date(2024, 5, 2),
        ),
        legal_document(
            unit_a,
            "05/2024/TT-BTP",
            "Thông tư hướng dẫn tuyên truyền pháp luật cho người dân",
            document_type="thong-tu",
            issuing_body="bo-tu-phap",
            issue_date=datetime.date(2024, 7, 9),
        ),
        legal_document(
            unit_b,
            "07/2024/QĐ-UBND",
            "Quyết định về tuyên truyền pháp luật tại Bình Hòa",
            document_type="quyet-dinh",
            issuing_body="uy-ban-nhan-dan-tinh",
            issue_date=datetime.date(2024, 1, 5),
        ),
    ]
    article(unit_a, title="Tin: hội nghị tuyên truyền pháp luật ở An Phú")
    refresh()
    return docs


def facet(data, key):
    return {item["value"]: item["count"] for item in data["facets"].get(key, [])}


def test_json_answer_has_count_results_and_facets(client, unit_a, library):
    data = api(client, unit_a, "tuyên truyền pháp luật")
    assert data["count"] == 4
    assert {"count", "results", "facets"} <= set(data)
    document = next(r for r in data["results"] if r["document_number"] == "05/2024/TT-BTP")
    assert set(document) >= {"title", "url", "unit", "content_type", "document_number", "highlight"}
    assert document["unit"] == "Xã An Phú"
    assert document["content_type"] == "Văn bản pháp luật"
    assert document["url"].startswith("http://xa-a.portal.test/")
    news = next(r for r in data["results"] if r["content_type"] == "Tin bài")
    assert news["document_number"] is None
    assert "<mark>" in document["highlight"]


def test_facets_count_each_value_and_filter_the_results(client, unit_a, library):
    data = api(client, unit_a, "tuyên truyền pháp luật")
    assert facet(data, "content_type") == {"Văn bản pháp luật": 3, "Tin bài": 1}
    assert facet(data, "document_type") == {"Nghị định": 2, "Thông tư": 1}
    assert facet(data, "issuing_body") == {"Chính phủ": 2, "Bộ Tư pháp": 1}
    assert facet(data, "field") == {"Phổ biến, giáo dục pháp luật": 2, "Đất đai": 1}
    assert facet(data, "effect_status") == {"Còn hiệu lực": 2, "Hết hiệu lực toàn bộ": 1}
    assert facet(data, "year")["2024"] == 2
    assert facet(data, "unit") == {"Xã An Phú": 4}

    only_decrees = api(client, unit_a, "tuyên truyền pháp luật", document_type="Nghị định")
    assert only_decrees["count"] == 2
    assert {r["document_number"] for r in only_decrees["results"]} == {"10/2023/NĐ-CP", "11/2024/NĐ-CP"}
    in_force = api(
        client, unit_a, "tuyên truyền pháp luật", document_type="Nghị định", effect_status="Còn hiệu lực"
    )
    assert [r["document_number"] for r in in_force["results"]] == ["10/2023/NĐ-CP"]


def test_search_page_shows_facets_as_filter_links_with_counts(client, unit_a, library):
    response = client.get("/search/", {"q": "tuyên truyền pháp luật"}, HTTP_HOST=unit_a.site.hostname)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Loại văn bản" in html
    assert "document_type=Th%C3%B4ng+t%C6%B0" in html  # a link that filters on "Thông tư"
    assert "(1)" in html and "(2)" in html
    filtered = client.get(
        "/search/",
        {"q": "tuyên truyền pháp luật", "document_type": "Thông tư"},
        HTTP_HOST=unit_a.site.hostname,
    )
    assert [r["document_number"] for r in filtered.context["results"]] == ["05/2024/TT-BTP"]
    assert "Đang lọc theo" in filtered.content.decode()


def test_unit_site_scope_by_default_and_the_whole_province_on_request(client, unit_a, unit_b, library):
    local = api(client, unit_b, "tuyên truyền pháp luật")
    assert titles(local) == ["Quyết định về tuyên truyền pháp luật tại Bình Hòa"]
    assert local["scope"] == "site"
    assert api(client, unit_b, "tuyên truyền pháp luật", scope="site") == local
    everywhere = api(client, unit_b, "tuyên truyền pháp luật", scope="all")
    assert everywhere["count"] == 5
    assert everywhere["scope"] == "all"
    assert facet(everywhere, "unit") == {"Xã An Phú": 4, "Xã Bình Hòa": 1}


def test_the_portal_searches_the_whole_province_by_default(client, province, unit_a, unit_b, library):
    article(province, title="Tin của tỉnh về tuyên truyền pháp luật")
    refresh()
    everywhere = api(client, province, "tuyên truyền pháp luật")
    assert everywhere["scope"] == "all"
    assert everywhere["count"] == 6
    assert facet(everywhere, "unit") == {"Xã An Phú": 4, "Xã Bình Hòa": 1, "Tỉnh Thử Nghiệm": 1}
    assert api(client, province, "tuyên truyền pháp luật", scope="all") == everywhere
    own = api(client, province, "tuyên truyền pháp luật", scope="site")
    assert own["scope"] == "site"
    assert titles(own) == ["Tin của tỉnh về tuyên truyền pháp luật"]


def test_the_scope_switch_keeps_the_query(client, province, unit_a, library):
    on_unit = client.get("/search/", {"q": "tuyên truyền"}, HTTP_HOST=unit_a.site.hostname)
    html = on_unit.content.decode()
    assert 'value="all"> Cả tỉnh</label>' in html
    assert 'href="?q=tuy%C3%AAn+truy%E1%BB%81n&amp;scope=all">Tìm trên cả tỉnh</a>' in html
    assert on_unit.context["scope_all"] is False

    on_portal = client.get("/search/", {"q": "tuyên truyền"}, HTTP_HOST=province.site.hostname)
    html = on_portal.content.decode()
    assert on_portal.context["scope_all"] is True
    assert 'value="all" checked> Cả tỉnh</label>' in html
    assert 'href="?q=tuy%C3%AAn+truy%E1%BB%81n&amp;scope=site">Chỉ tìm trong cổng tỉnh</a>' in html
    next_page = on_portal.context["next_url"] or on_portal.context["scope_url"]
    assert "scope=all" not in next_page  # the default is not repeated in links


def test_drafts_unpublished_and_private_pages_are_never_found(client, unit_a):
    legal_document(unit_a, "1/2025/NĐ-CP", "Nghị định nháp về hòa giải", publish=False)
    withdrawn = legal_document(unit_a, "2/2025/NĐ-CP", "Nghị định đã gỡ về hòa giải")
    withdrawn.unpublish()
    private = legal_document(unit_a, "3/2025/NĐ-CP", "Nghị định nội bộ về hòa giải")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    visible = legal_document(unit_a, "4/2025/NĐ-CP", "Nghị định công khai về hòa giải")
    refresh()
    for scope in ({}, {"scope": "all"}):
        found = api(client, unit_a, "hòa giải", content_type="Văn bản pháp luật", **scope)
        assert titles(found) == [visible.title]
    response = client.get("/api/search/autocomplete/", {"q": "Nghị định"}, HTTP_HOST=unit_a.site.hostname)
    assert [r["title"] for r in response.json()["results"]] == [visible.title]


@needs_engine
def test_autocomplete_suggests_titles_and_document_numbers(client, unit_a, library):
    host = unit_a.site.hostname
    by_title = client.get("/api/search/autocomplete/", {"q": "Thông tư hướ"}, HTTP_HOST=host).json()
    assert by_title["results"][0]["title"] == "Thông tư hướng dẫn tuyên truyền pháp luật cho người dân"
    by_number = client.get("/api/search/autocomplete/", {"q": "05/2024"}, HTTP_HOST=host).json()
    assert by_number["results"][0]["document_number"] == "05/2024/TT-BTP"
    without_accents = client.get("/api/search/autocomplete/", {"q": "thong tu huong"}, HTTP_HOST=host).json()
    assert without_accents["results"][0]["document_number"] == "05/2024/TT-BTP"


def test_editors_picks_come_first_and_queries_are_counted(client, unit_a, library):
    pick = library[2]
    SearchPromotion.objects.create(
        query=Query.get("tuyên truyền"), page=pick, sort_order=0, description="Văn bản hướng dẫn mới nhất"
    )
    response = client.get("/search/", {"q": "tuyên truyền"}, HTTP_HOST=unit_a.site.hostname)
    html = response.content.decode()
    assert "Gợi ý của biên tập viên" in html
    assert html.index("Văn bản hướng dẫn mới nhất") < html.index("item-list")
    assert api(client, unit_a, "tuyên truyền")["promotions"][0]["title"] == pick.title
    statistics.flush()  # counts are written in batches
    assert Query.get("tuyên truyền").hits == 2


def test_pagination_keeps_the_query_and_filters(client, unit_a):
    for number in range(23):
        legal_document(
            unit_a,
            f"{number + 1}/2022/QĐ-UBND",
            f"Quyết định số {number + 1} về phổ biến pháp luật",
            document_type="quyet-dinh",
            issuing_body="uy-ban-nhan-dan-tinh",
        )
    refresh()
    host = unit_a.site.hostname
    first = client.get("/search/", {"q": "phổ biến pháp luật", "document_type": "Quyết định"}, HTTP_HOST=host)
    assert len(first.context["results"]) == 20
    assert "trang=2" in first.context["next_url"] and "document_type=" in first.context["next_url"]
    second = client.get("/search/" + first.context["next_url"], HTTP_HOST=host)
    assert len(second.context["results"]) == 3
    paged = api(client, unit_a, "phổ biến pháp luật", page=2, document_type="Quyết định")
    assert paged["count"] == 23 and len(paged["results"]) == 3


def test_empty_or_bad_input_is_answered_without_error(client, unit_a):
    host = unit_a.site.hostname
    assert client.get("/search/", HTTP_HOST=host).status_code == 200
    assert client.get("/search/", {"q": "hòa giải", "trang": "abc"}, HTTP_HOST=host).status_code == 200
    response = client.get("/api/search/", HTTP_HOST=host)
    assert response.status_code == 400
    assert "từ khóa" in response.json()["error"]
    assert client.get("/api/search/", {"q": '"((( ]]:'}, HTTP_HOST=host).status_code == 200


def test_the_database_backend_also_matches_without_diacritics(client, unit_a):
    """On every backend (the database one of `make run` included)."""
    legal_document(
        unit_a, "12/2024/QĐ-UBND", "Quyết định về bồi thường khi thu hồi đất đai", summary="Bồi thường"
    )
    refresh()
    for query in ("thu hồi đất đai", "thu hoi dat dai", "THU HOI DAT"):
        assert titles(api(client, unit_a, query, content_type="Văn bản pháp luật")) == [
            "Quyết định về bồi thường khi thu hồi đất đai"
        ], query
