"""Without the engine, search still ignores case and diacritics, on SQLite and
PostgreSQL alike (issue 12, part 6): "dat dai" finds "Đất đai"."""

import pytest
from wagtail.models import Page

from search.service import fallback_backend
from tests.factories import article, legal_document

pytestmark = pytest.mark.django_db


def titles(query, unit):
    pages = Page.objects.live().descendant_of(unit.site.root_page)
    return {page.title for page in fallback_backend().search(query, pages)}


@pytest.fixture
def pages(unit_a):
    article(unit_a, title="Hội nghị phổ biến Luật Đất đai năm 2024")
    article(unit_a, title="TUYÊN TRUYỀN PHÒNG, CHỐNG MA TÚY")
    article(unit_a, title="Ngay phap luat Viet Nam")  # typed without marks
    legal_document(
        unit_a, number="31/2024/QH15", title="Luật Đất đai", summary="Quy định về quản lý đất đai."
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dat dai", {"Hội nghị phổ biến Luật Đất đai năm 2024", "Luật Đất đai"}),
        ("ĐẤT ĐAI", {"Hội nghị phổ biến Luật Đất đai năm 2024", "Luật Đất đai"}),
        ("phong chong ma tuy", {"TUYÊN TRUYỀN PHÒNG, CHỐNG MA TÚY"}),
        ("ngày pháp luật", {"Ngay phap luat Viet Nam"}),
        ("quan ly", {"Luật Đất đai"}),  # in the document's trích yếu, not its title
        ("31/2024/qh15", {"Luật Đất đai"}),
    ],
)
def test_fallback_matches_without_case_or_diacritics(unit_a, pages, query, expected):
    assert titles(query, unit_a) == expected


def test_like_wildcards_in_the_query_are_plain_text(unit_a, pages):
    assert titles("%", unit_a) == set()
    assert titles("_", unit_a) == set()
