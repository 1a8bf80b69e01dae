"""Search that speaks the citizen's language: the dictionary of colloquial
terms, numbers typed every way, typos, years, and the database searches
(``make run``'s backend and the fallback used while the engine is down)."""

import datetime

import pytest
from wagtail.models import Page

from search.models import DictionaryEntry
from search.service import database_faceted_search, fallback_backend
from tests import factories

from .conftest import api, legal_document, needs_engine, refresh, titles

pytestmark = pytest.mark.django_db

TRAFFIC = "Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông đường bộ"
LAND = "Nghị định quy định về đăng ký, cấp Giấy chứng nhận quyền sử dụng đất"
LAND_LAW_2013 = "Luật Đất đai năm 2013"
LAND_LAW_2024 = "Luật Đất đai năm 2024"


@pytest.fixture
def documents(unit_a):
    legal_document(unit_a, "168/2024/NĐ-CP", TRAFFIC, issue_date=datetime.date(2024, 12, 26))
    legal_document(unit_a, "101/2024/NĐ-CP", LAND, issue_date=datetime.date(2024, 7, 29))
    # Noise: the same head number in another kind of document, and another year.
    legal_document(
        unit_a,
        "168/KH-UBND",
        "Kế hoạch tổ chức ngày pháp luật",
        document_type="ke-hoach",
        issuing_body="uy-ban-nhan-dan-tinh",
        issue_date=datetime.date(2023, 3, 1),
    )
    legal_document(
        unit_a, "168/2023/NĐ-CP", "Nghị định về quản lý vật liệu nổ", issue_date=datetime.date(2023, 5, 1)
    )
    legal_document(
        unit_a,
        "45/2013/QH13",
        LAND_LAW_2013,
        document_type="luat",
        issuing_body="quoc-hoi",
        effect_status="expired",
        issue_date=datetime.date(2013, 11, 29),
    )
    legal_document(
        unit_a,
        "31/2024/QH15",
        LAND_LAW_2024,
        summary="Luật Đất đai thay thế luật năm trước",
        document_type="luat",
        issuing_body="quoc-hoi",
        issue_date=datetime.date(2024, 1, 18),
    )
    refresh()


def first_title(client, unit, query):
    data = api(client, unit, query)
    assert data["results"], f"nothing found for {query!r}"
    return data["results"][0]["title"]


# Numbers ---------------------------------------------------------------


NUMBER_FORMS = [
    "nd168",
    "nđ 168/2024",
    "168 2024",
    "nghi dinh 168 2024",
    "168/2024",
    "168/2024/NĐ-CP",
    "168/2024/ND-C",  # a letter missing in the suffix
    "168/2024/NĐ-CPP",  # a letter too many
    "168/2024/NĐCP",
]


@pytest.mark.parametrize("query", NUMBER_FORMS)
def test_a_number_typed_any_way_finds_the_document_first(client, unit_a, documents, query):
    assert first_title(client, unit_a, query) == TRAFFIC


@pytest.mark.parametrize("query", ["nghi dinh 168 2024", "168/2024/ND-C", "nd168"])
def test_the_database_fallback_understands_typed_numbers(unit_a, documents, query):
    outcome = database_faceted_search(
        fallback_backend(), query, Page.objects.live().specific(), {}, 0, 10, True
    )
    assert outcome.hits and outcome.hits[0].page.title == TRAFFIC


# Dictionary ------------------------------------------------------------


def test_the_shipped_dictionary_has_150_entries_or_more(db):
    assert DictionaryEntry.objects.count() >= 150
    assert DictionaryEntry.objects.filter(term="sổ đỏ").exists()


def test_a_colloquial_term_finds_the_words_of_the_law(client, unit_a, documents):
    assert first_title(client, unit_a, "sổ đỏ") == LAND
    assert first_title(client, unit_a, "cap so do") == LAND


def test_the_database_fallback_applies_the_dictionary(unit_a, documents):
    outcome = database_faceted_search(
        fallback_backend(), "sổ đỏ", Page.objects.live().specific(), {}, 0, 10, True
    )
    assert LAND in [hit.page.title for hit in outcome.hits]


def test_a_one_way_entry_does_not_work_backwards(client, unit_a, documents):
    DictionaryEntry.objects.create(
        term="giấy tím", equivalents="trật tự an toàn giao thông", direction="one_way"
    )
    assert TRAFFIC in titles(api(client, unit_a, "giấy tím"))
    assert "Kế hoạch tổ chức ngày pháp luật" not in titles(api(client, unit_a, "trật tự an toàn giao thông"))


def test_an_entry_added_in_the_admin_changes_results_at_once(client, unit_a, province, documents):
    assert api(client, unit_a, "giấy tím")["count"] == 0
    staff = factories.staff_user(province, "editor")
    client.force_login(staff)
    response = client.post(
        "/admin/snippets/search/dictionaryentry/add/",
        {"term": "giấy tím", "equivalents": "vật liệu nổ", "direction": "two_way", "field": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles(api(client, unit_a, "giấy tím")) == ["Nghị định về quản lý vật liệu nổ"]
    entry = DictionaryEntry.objects.get(term="giấy tím")
    response = client.post(f"/admin/snippets/search/dictionaryentry/delete/{entry.pk}/")
    assert response.status_code == 302
    assert api(client, unit_a, "giấy tím")["count"] == 0


def test_only_the_province_staff_edit_the_dictionary(client, editor_a):
    client.force_login(editor_a)
    assert client.get("/admin/snippets/search/dictionaryentry/").status_code in (302, 403)
    response = client.post(
        "/admin/snippets/search/dictionaryentry/add/",
        {"term": "giấy tím", "equivalents": "vật liệu nổ", "direction": "two_way"},
    )
    assert response.status_code in (302, 403)
    assert not DictionaryEntry.objects.filter(term="giấy tím").exists()


# Years -----------------------------------------------------------------


def test_a_year_in_the_query_picks_that_years_document(client, unit_a, documents):
    assert first_title(client, unit_a, "luật đất đai 2013") == LAND_LAW_2013
    assert first_title(client, unit_a, "luật đất đai 2024") == LAND_LAW_2024


@needs_engine
def test_without_a_year_the_law_in_force_comes_first(client, unit_a, documents):
    assert first_title(client, unit_a, "luật đất đai") == LAND_LAW_2024


def test_the_database_fallback_puts_the_typed_year_first(unit_a, documents):
    outcome = database_faceted_search(
        fallback_backend(), "luat dat dai 2013", Page.objects.live().specific(), {}, 0, 10, True
    )
    assert outcome.hits[0].page.title == LAND_LAW_2013


# Typos -----------------------------------------------------------------


@pytest.fixture
def words(unit_a):
    legal_document(unit_a, "1/2022/NĐ-CP", "Kinh nghiệm quản lý đô thị", summary="Kinh nghiệm quản lý đô thị")
    legal_document(unit_a, "2/2022/NĐ-CP", "Doanh nghiệp nhỏ và vừa", summary="Doanh nghiệp nhỏ và vừa")
    legal_document(unit_a, "3/2022/NĐ-CP", "Luận cứ bảo vệ", summary="Luận cứ bảo vệ")
    legal_document(unit_a, "12346/QĐ-UBND", "Quyết định về chợ", summary="Quyết định về chợ")
    refresh()


@needs_engine
def test_a_typo_in_a_long_word_is_forgiven_below_exact_matches(client, unit_a, words):
    found = titles(api(client, unit_a, "nghiem"))
    assert found[:2] == ["Kinh nghiệm quản lý đô thị", "Doanh nghiệp nhỏ và vừa"]


@needs_engine
def test_short_words_and_numbers_are_never_fuzzy(client, unit_a, words):
    assert "Luận cứ bảo vệ" not in titles(api(client, unit_a, "luat"))
    assert api(client, unit_a, "12345")["count"] == 0


@needs_engine
def test_a_query_finding_little_suggests_a_correction(client, unit_a, words):
    data = api(client, unit_a, "doanh nghieppp")
    assert data["suggestion"] == "doanh nghiệp"
    response = client.get("/search/", {"q": "doanh nghieppp"}, HTTP_HOST=unit_a.site.hostname)
    assert "Có phải bạn muốn tìm:" in response.content.decode()


def test_the_database_search_suggests_from_the_dictionary(unit_a, documents):
    outcome = database_faceted_search(
        fallback_backend(), "dang ky thuongg tru", Page.objects.live().specific(), {}, 0, 10, True
    )
    assert outcome.count == 0
    assert outcome.suggestion == "dang ky thuong tru"
