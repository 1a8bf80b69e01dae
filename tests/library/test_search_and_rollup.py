"""Every library item is found by its text alternative (and a book by its own
text), and the province's home rolls up what every unit publishes."""

import pytest
from wagtail.search.backends import get_search_backend

from library.demo import seed_library
from library.models import LecturePage, MediaPage, PublicationPage
from tests.factories import section

from .helpers import lecture, media_item, pdf, publication

pytestmark = pytest.mark.django_db


def search(client, unit, query, **params):
    get_search_backend().refresh_indexes()
    response = client.get("/search/", {"q": query, **params}, HTTP_HOST=unit.site.hostname)
    return [result["page"].title for result in response.context["results"]], response


def test_search_finds_an_audio_item_by_its_transcript(client, unit_a):
    media_item(
        unit_a,
        title="Tiểu phẩm truyền thanh số 3",
        text_alternative="Ông Tư hỏi về thừa kế quyền sử dụng đất.",
    )
    titles, _response = search(client, unit_a, "thừa kế")
    assert "Tiểu phẩm truyền thanh số 3" in titles


def test_search_finds_a_lecture_by_a_lessons_transcript(client, unit_a):
    lecture(
        unit_a,
        title="Bài giảng về hòa giải",
        lessons=[("Bài 1", "Hòa giải viên giữ bí mật đời tư của các bên.")],
    )
    titles, _response = search(client, unit_a, "đời tư")
    assert "Bài giảng về hòa giải" in titles


def test_search_finds_a_book_by_words_inside_its_pdf(client, unit_a):
    publication(
        unit_a, title="Sách pháp luật lao động", pdf=pdf(unit_a, pages=[["Hop dong lao dong thu viec"]])
    )
    titles, response = search(client, unit_a, "thu viec")
    assert "Sách pháp luật lao động" in titles
    html = response.content.decode()
    assert "Loại tư liệu" in html and "Cẩm nang, sổ tay" in html  # the library's facet


def test_portal_home_rolls_up_every_units_library(client, province, unit_a, unit_b):
    media_item(unit_a, title="Tiểu phẩm của An Phú")
    publication(unit_b, title="Sổ tay của Bình Hòa")
    html = client.get("/", HTTP_HOST=province.site.hostname).content.decode()
    assert 'id="thu-vien"' in html
    assert "Tiểu phẩm của An Phú" in html and "Sổ tay của Bình Hòa" in html
    assert "Xã An Phú" in html  # each item says whose it is


def test_province_view_of_the_materials_section_lists_units_items(client, province, unit_a):
    media_item(unit_a, title="Tiểu phẩm cấp xã")
    skits = section(province, "materials_skits")
    response = client.get(skits.url, {"pham-vi": "ca-tinh"}, HTTP_HOST=province.site.hostname)
    assert "Tiểu phẩm cấp xã" in response.content.decode()


def test_demo_fills_every_materials_sub_section_and_the_bookcase(client, unit_a):
    seed_library(unit_a, 1)
    seed_library(unit_a, 1)  # idempotent
    for key, model in (
        ("materials_documents", PublicationPage),
        ("materials_videos", LecturePage),
        ("materials_skits", MediaPage),
        ("materials_cases", MediaPage),
    ):
        assert model.objects.child_of(section(unit_a, key)).live().count() == 1, key
    books = PublicationPage.objects.child_of(section(unit_a, "bookcase")).live()
    assert books.count() == 2
    assert all(book.cover and book.rendering.rendered_pages >= 1 for book in books)
    response = client.get("/tu-sach-phap-luat/", HTTP_HOST=unit_a.site.hostname)
    assert len(response.context["items"]) == 3  # two books and the leaflet
    assert all(book.pdf.collection_id == unit_a.collection_id for book in books)
