"""A legal document's page costs a small number of queries, whatever it shows (issue 16)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import all_versions
from legal_docs.models import IntroductionMaterialPage, MaterialType
from tests.factories import legal_document, section

pytestmark = pytest.mark.django_db

# Routing, site, menu and breadcrumbs, the document's vocabularies, its relations
# both ways, its introduction materials and the unit's details.
MAX_QUERIES = 25


def page_queries(client, unit, page):
    client.get(page.url, HTTP_HOST=unit.site.hostname)  # warm the unit map and site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def material(unit, document, number):
    return section(unit, "legal_documents").add_child(
        instance=IntroductionMaterialPage(
            title=f"Đề cương giới thiệu số {number}",
            material_type=MaterialType.OUTLINE,
            document=document,
            date=datetime.date(2025, 1, 5),
        )
    )


def test_a_document_page_has_a_bounded_number_of_queries(client, unit_a):
    law = legal_document(
        unit_a, "31/2024/QH15", document_type="luat", issuing_body="quoc-hoi", fields=["bo-may-hanh-chinh"]
    )
    legal_document(unit_a, "102/2024/NĐ-CP", relations=[("guides", law)])
    material(unit_a, law, 1)
    few, _html = page_queries(client, unit_a, law)

    for number in range(4):
        legal_document(
            unit_a, f"{110 + number}/2024/NĐ-CP", relations=[("guides", law)], fields=["bo-may-hanh-chinh"]
        )
        material(unit_a, law, number + 2)
    many, html = page_queries(client, unit_a, law)

    assert "113/2024/NĐ-CP" in html and "Đề cương giới thiệu số 5" in html
    assert many == few, "the query count grows with the relations or materials shown"
    assert many <= MAX_QUERIES


def fragment_queries(client, unit, page):
    """Queries of a render whose fragment cache misses, and of one that hits."""
    client.get(page.url, HTTP_HOST=unit.site.hostname)
    version = all_versions()
    cache.delete(make_template_fragment_key("legal_document", [page.pk, version]))
    with CaptureQueriesContext(connection) as missed:
        client.get(page.url, HTTP_HOST=unit.site.hostname)
    with CaptureQueriesContext(connection) as hit:
        response = client.get(page.url, HTTP_HOST=unit.site.hostname)
    return len(missed), len(hit), response.content.decode()


def test_the_document_fragment_cache_saves_the_relations_queries(client, unit_a):
    law = legal_document(unit_a, "32/2024/QH15", fields=["bo-may-hanh-chinh"])
    for number in range(3):
        legal_document(unit_a, f"{120 + number}/2024/NĐ-CP", relations=[("guides", law)])
    material(unit_a, law, 1)
    missed, hit, html = fragment_queries(client, unit_a, law)
    assert "122/2024/NĐ-CP" in html and "Đề cương giới thiệu số 1" in html
    assert hit <= missed - 5, f"a fragment hit costs {hit} queries, a miss {missed}"


def test_a_publication_renews_the_cached_document(client, unit_a):
    law = legal_document(unit_a, "33/2024/QH15")
    client.get(law.url, HTTP_HOST=unit_a.site.hostname)

    law.summary = "Trích yếu đã được sửa đổi sau khi đăng"
    law.save_revision().publish()
    guide = legal_document(unit_a, "130/2024/NĐ-CP", relations=[("guides", law)])

    html = client.get(law.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Trích yếu đã được sửa đổi sau khi đăng" in html
    assert guide.document_number in html

    guide.unpublish()
    html = client.get(law.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert guide.document_number not in html


def test_a_preview_shows_the_draft_not_the_cached_live_document(client, unit_a):
    law = legal_document(unit_a, "34/2024/QH15")
    live_title = law.title
    client.get(law.url, HTTP_HOST=unit_a.site.hostname)  # the live fragment is cached
    law.title = "Tiêu đề của bản nháp chưa đăng"
    preview = law.make_preview_request().content.decode()
    assert "<h1>Tiêu đề của bản nháp chưa đăng</h1>" in preview
    live = client.get(law.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert live_title in live and "bản nháp chưa đăng" not in live
