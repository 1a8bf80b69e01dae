"""The section listing: filters in the URL, counts per value, sorting, pagination."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal_docs.models import LegalDocumentIndexPage
from tests.factories import legal_document

pytestmark = pytest.mark.django_db
URL = "/van-ban-phap-luat-moi/"


@pytest.fixture
def documents(unit_a):
    """Five documents of unit A (one a draft) and one of unit B."""
    legal_document(
        unit_a,
        "31/2024/QH15",
        title="Luật Đất đai",
        document_type="luat",
        issuing_body="quoc-hoi",
        fields=["dat-dai"],
        issue_date=datetime.date(2024, 1, 18),
    )
    legal_document(
        unit_a,
        "102/2024/NĐ-CP",
        title="Nghị định hướng dẫn Luật Đất đai",
        fields=["dat-dai"],
        issue_date=datetime.date(2024, 7, 30),
    )
    legal_document(
        unit_a,
        "43/2025/NĐ-CP",
        title="Bộ máy Bộ Tư pháp",
        fields=["bo-may-hanh-chinh"],
        issue_date=datetime.date(2025, 2, 28),
    )
    legal_document(
        unit_a,
        "12/2023/QĐ-UBND",
        title="Quyết định đã hết hiệu lực",
        document_type="quyet-dinh",
        issuing_body="uy-ban-nhan-dan-tinh",
        effect_status="expired",
        fields=["dat-dai", "dan-su"],
        issue_date=datetime.date(2023, 5, 2),
    )
    legal_document(
        unit_a,
        "99/2025/NĐ-CP",
        title="Bản nháp chưa xuất bản",
        publish=False,
        issue_date=datetime.date(2025, 9, 1),
    )


def get(client, unit, query=""):
    response = client.get(URL + query, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response


def facet(response, name):
    found = next(f for f in response.context["facets"] if f["name"] == name)
    return {choice["label"]: choice["count"] for choice in found["choices"]}


def numbers(response):
    return [doc.document_number for doc in response.context["documents"]]


def test_default_listing_is_newest_first_without_drafts(client, unit_a, unit_b, documents):
    legal_document(unit_b, "1/2026/NQ-HĐND", title="Của xã Bình Hòa")
    response = get(client, unit_a)
    assert numbers(response) == ["43/2025/NĐ-CP", "102/2024/NĐ-CP", "31/2024/QH15", "12/2023/QĐ-UBND"]
    html = response.content.decode()
    assert "Bản nháp chưa xuất bản" not in html and "Của xã Bình Hòa" not in html
    assert "Có 4 văn bản." in html
    assert '<time datetime="2025-02-28">28/02/2025</time>' in html


def test_counts_per_value(client, unit_a, documents):
    response = get(client, unit_a)
    assert facet(response, "loai") == {"Luật": 1, "Nghị định": 2, "Quyết định": 1}
    assert facet(response, "coquan") == {"Quốc hội": 1, "Chính phủ": 2, "Ủy ban nhân dân tỉnh": 1}
    assert facet(response, "linhvuc") == {"Bộ máy hành chính": 1, "Đất đai": 3, "Dân sự": 1}
    assert facet(response, "nam") == {"2025": 1, "2024": 2, "2023": 1}
    assert facet(response, "hieuluc") == {"Còn hiệu lực": 3, "Hết hiệu lực toàn bộ": 1}
    assert '<option value="nghi-dinh">Nghị định (2)</option>' in response.content.decode()


def test_filters_combine_and_counts_follow_the_other_filters(client, unit_a, documents):
    response = get(client, unit_a, "?linhvuc=dat-dai&nam=2024")
    assert numbers(response) == ["102/2024/NĐ-CP", "31/2024/QH15"]
    # A filter's own counts ignore its own value, so the alternatives stay visible.
    assert facet(response, "nam") == {"2024": 2, "2023": 1}
    assert facet(response, "loai") == {"Luật": 1, "Nghị định": 1}
    html = response.content.decode()
    assert '<option value="2024" selected>2024 (2)</option>' in html
    assert 'href="/van-ban-phap-luat-moi/">Bỏ lọc</a>' in html

    assert numbers(get(client, unit_a, "?loai=nghi-dinh")) == ["43/2025/NĐ-CP", "102/2024/NĐ-CP"]
    assert numbers(get(client, unit_a, "?coquan=uy-ban-nhan-dan-tinh")) == ["12/2023/QĐ-UBND"]
    assert numbers(get(client, unit_a, "?hieuluc=expired")) == ["12/2023/QĐ-UBND"]
    assert numbers(get(client, unit_a, "?loai=luat&hieuluc=expired")) == []


def test_a_filter_without_match_shows_its_name_not_its_code(client, unit_a, documents):
    html = get(client, unit_a, "?loai=luat&nam=2023").content.decode()
    assert '<option value="luat" selected>Luật (0)</option>' in html
    assert "luat (0)" not in html
    html = get(client, unit_a, "?hieuluc=expired&loai=luat").content.decode()
    assert '<option value="expired" selected>Hết hiệu lực toàn bộ (0)</option>' in html


def test_sort_by_title(client, unit_a, documents):
    response = get(client, unit_a, "?sapxep=ten")
    titles = [doc.title for doc in response.context["documents"]]
    assert titles == sorted(titles)


def test_invalid_values_are_ignored_not_errors(client, unit_a, documents):
    response = get(client, unit_a, "?loai=khong-co&nam=abc&hieuluc=x&sapxep=y&trang=99")
    assert len(numbers(response)) == 4


def test_pagination_keeps_the_filters(client, unit_a):
    for number in range(LegalDocumentIndexPage.page_size + 2):
        legal_document(unit_a, f"{number + 1}/2025/NĐ-CP", issue_date=datetime.date(2025, 1, 1))
    legal_document(unit_a, "1/2025/QĐ-UBND", document_type="quyet-dinh")
    first = get(client, unit_a, "?loai=nghi-dinh")
    assert len(first.context["documents"]) == LegalDocumentIndexPage.page_size
    html = first.content.decode()
    assert 'href="?loai=nghi-dinh&amp;trang=2"' in html
    second = get(client, unit_a, "?loai=nghi-dinh&trang=2")
    assert len(second.context["documents"]) == 2
    assert "Trang 2/2" in second.content.decode()


def test_query_count_does_not_grow_with_documents(client, unit_a, documents):
    query = "?linhvuc=dat-dai&sapxep=ngay"
    get(client, unit_a, query)  # warm caches (site root paths, units)
    with CaptureQueriesContext(connection) as few:
        get(client, unit_a, query)
    for number in range(15):
        legal_document(
            unit_a,
            f"{number + 200}/2024/NĐ-CP",
            fields=["dat-dai", "dan-su"],
            issue_date=datetime.date(2024, 3, 1),
        )
    get(client, unit_a, query)
    with CaptureQueriesContext(connection) as many:
        response = get(client, unit_a, query)
    assert len(response.context["documents"]) == 18
    assert len(many.captured_queries) == len(few.captured_queries)
    # Routing, menu and breadcrumbs, then one grouped query per filter, a count and the page.
    assert len(many.captured_queries) <= 22


def test_a_rendered_listing_is_reused_without_reading_the_documents(client, unit_a, documents):
    query = "?linhvuc=dat-dai"
    first = get(client, unit_a, query).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = get(client, unit_a, query).content.decode()
    assert again == first
    reads = [q["sql"] for q in queries.captured_queries if "legal_docs_legaldocumentpage" in q["sql"]]
    assert reads == [], reads


def test_the_cached_listing_follows_publications_at_once(client, unit_a, documents):
    assert "300/2025/NĐ-CP" not in get(client, unit_a).content.decode()
    new = legal_document(unit_a, "300/2025/NĐ-CP", issue_date=datetime.date(2025, 10, 1))
    assert "300/2025/NĐ-CP" in get(client, unit_a).content.decode()
    new.unpublish()
    assert "300/2025/NĐ-CP" not in get(client, unit_a).content.decode()
