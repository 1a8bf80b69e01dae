"""PDF publications: page images made on publication, read in the browser,
downloads counted in batches, the bookcase's shelves and the province's view."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from library import downloads
from library.models import BookcasePage, DownloadTally, PdfRendering
from library.rendering import ensure_rendering, render
from tests.factories import section

from .helpers import document, pdf, publication

pytestmark = pytest.mark.django_db


def get(client, unit, path, **params):
    return client.get(path, params, HTTP_HOST=unit.site.hostname)


def test_every_unit_has_a_bookcase_linking_to_the_national_one(client, unit_a, province):
    for unit in (unit_a, province):
        assert isinstance(section(unit, "bookcase"), BookcasePage)
    response = get(client, unit_a, "/tu-sach-phap-luat/")
    assert response.status_code == 200
    assert 'href="https://tusachphapluat.vn/"' in response.content.decode()


def test_publishing_makes_page_images_and_thumbnails(unit_a):
    page = publication(unit_a, pdf=pdf(unit_a, pages=[["Trang mot"], ["Trang hai"], ["Trang ba"]]))
    rendering = PdfRendering.objects.get(document=page.pdf)
    assert (rendering.page_count, rendering.rendered_pages) == (3, 3)
    assert "Trang hai" in rendering.text
    images = list(rendering.pages.all())
    assert [image.number for image in images] == [1, 2, 3]
    with Image.open(images[0].image.path) as big, Image.open(images[0].thumbnail.path) as small:
        assert big.format == small.format == "WEBP"
        assert big.width == 1000 and small.width == 240
        assert big.height > big.width  # a portrait A4 page
    assert rendering.thumbnail and rendering.thumbnail_width == 240


def test_a_draft_makes_no_images_and_a_second_publication_reuses_them(unit_a):
    draft = publication(unit_a, publish_it=False)
    assert not PdfRendering.objects.filter(document=draft.pdf).exists()
    draft.save_revision().publish()
    first = PdfRendering.objects.get(document=draft.pdf)
    draft.title = "Sổ tay pháp luật (tái bản)"
    draft.save_revision().publish()
    again = PdfRendering.objects.get(document=draft.pdf)
    assert again.created_at == first.created_at and again.pages.count() == 2


def test_page_images_stop_at_the_configured_limit(unit_a, settings):
    settings.LIBRARY_PDF_MAX_PAGES = 2
    page = publication(unit_a, pdf=pdf(unit_a, pages=[[f"Trang {n}"] for n in range(1, 6)]))
    rendering = page.rendering
    assert (rendering.page_count, rendering.rendered_pages) == (5, 2)
    assert "Trang 5" in rendering.text


def test_a_damaged_pdf_is_published_with_a_clear_message_and_no_images(client, unit_a):
    broken = document(unit_a, b"%PDF-1.4\n% hong\n", "hong.pdf")
    page = publication(unit_a, title="Tài liệu hỏng", pdf=broken)
    rendering = page.rendering
    assert rendering.page_count == 0 and "Không đọc được tệp PDF" in rendering.error
    response = get(client, unit_a, page.url + "doc/")
    assert response.status_code == 200
    assert "chưa có ảnh trang" in response.content.decode()


def test_publication_page_shows_cover_description_and_reader(client, unit_a):
    page = publication(
        unit_a, title="Sổ tay hòa giải", text_alternative="Sổ tay gồm mười câu hỏi về hòa giải."
    )
    html = get(client, unit_a, page.url).content.decode()
    assert "Sổ tay gồm mười câu hỏi về hòa giải." in html
    assert page.rendering.thumbnail.url in html
    assert 'href="' + page.url + 'doc/"' in html
    reader = get(client, unit_a, page.url + "doc/").content.decode()
    images = list(page.rendering.pages.all())
    assert all(image.image.url in reader for image in images)
    assert 'alt="Trang 2"' in reader
    assert "Sổ tay gồm mười câu hỏi về hòa giải." in reader  # the text alternative on the reader too


def test_text_alternative_is_required(unit_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        publication(unit_a, text_alternative="")
    assert "text_alternative" in raised.value.message_dict


def test_publication_must_be_a_pdf(unit_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        publication(unit_a, pdf=document(unit_a, b"hello", "ghi-chu.txt"))
    assert "PDF" in raised.value.message_dict["pdf"][0]


def test_downloads_are_counted_in_batches_not_per_request(client, unit_a):
    page = publication(unit_a)
    first = get(client, unit_a, page.url + "tai-ve/")
    assert first.status_code == 302 and first["Location"] == page.pdf.url
    assert DownloadTally.objects.get(page_id=page.pk).count == 1  # the first one is written at once
    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):
            get(client, unit_a, page.url + "tai-ve/")
    writes = [q["sql"] for q in queries.captured_queries if "library_downloadtally" in q["sql"]]
    assert writes == []
    assert DownloadTally.objects.get(page_id=page.pk).count == 1
    assert downloads.download_count(page.pk) == 5  # shown: stored + pending
    assert '<dd class="download-count">5</dd>' in get(client, unit_a, page.url).content.decode()
    cache.delete(downloads._flush_key(page.pk))  # the minute is up
    get(client, unit_a, page.url + "tai-ve/")
    assert DownloadTally.objects.get(page_id=page.pk).count == 6
    assert downloads.download_count(page.pk) == 6


def test_flush_command_writes_what_is_pending(unit_a):
    from django.core.management import call_command

    page = publication(unit_a)
    downloads.count_download(page.pk)
    downloads.count_download(page.pk)
    call_command("flush_library_downloads", stdout=open("/dev/null", "w"))
    assert DownloadTally.objects.get(page_id=page.pk).count == 2


def test_bookcase_shelves_filter_and_show_downloads(client, unit_a):
    publication(unit_a, title="Sổ tay A", category="cam-nang")
    leaflet = publication(unit_a, title="Tờ gấp B", category="to-gap")
    downloads.count_download(leaflet.pk)
    response = get(client, unit_a, "/tu-sach-phap-luat/")
    titles = [item.title for item in response.context["items"]]
    assert titles == ["Tờ gấp B", "Sổ tay A"] or set(titles) == {"Tờ gấp B", "Sổ tay A"}
    html = response.content.decode()
    assert "1 lượt tải" in html
    shelf = get(client, unit_a, "/tu-sach-phap-luat/", loai="to-gap")
    assert [item.title for item in shelf.context["items"]] == ["Tờ gấp B"]
    unknown = get(client, unit_a, "/tu-sach-phap-luat/", loai="khong-co")
    assert unknown.status_code == 200 and len(unknown.context["items"]) == 2


def test_bookcase_lists_the_units_publications_under_materials_too(client, unit_a):
    publication(
        unit_a, title="Tờ gấp trong mục Tài liệu", section_key="materials_documents", category="to-gap"
    )
    response = get(client, unit_a, "/tu-sach-phap-luat/")
    assert [item.title for item in response.context["items"]] == ["Tờ gấp trong mục Tài liệu"]


def test_bookcase_queries_do_not_grow_with_items(client, unit_a):
    for number in range(3):
        publication(unit_a, title=f"Sách {number}")
    get(client, unit_a, "/tu-sach-phap-luat/")
    with CaptureQueriesContext(connection) as few:
        get(client, unit_a, "/tu-sach-phap-luat/")
    for number in range(3, 9):
        publication(unit_a, title=f"Sách {number}")
    get(client, unit_a, "/tu-sach-phap-luat/")  # the menu, cached per content version, again
    with CaptureQueriesContext(connection) as many:
        get(client, unit_a, "/tu-sach-phap-luat/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_province_bookcase_rolls_up_every_unit_with_a_unit_facet(client, province, unit_a, unit_b):
    publication(unit_a, title="Sách của An Phú")
    publication(unit_b, title="Sách của Bình Hòa")
    own = get(client, province, "/tu-sach-phap-luat/")
    assert list(own.context["items"]) == []
    whole = get(client, province, "/tu-sach-phap-luat/", **{"pham-vi": "ca-tinh"})
    assert {item.title for item in whole.context["items"]} == {"Sách của An Phú", "Sách của Bình Hòa"}
    assert {unit["code"] for unit in whole.context["unit_facet"]} == {unit_a.code, unit_b.code}
    assert "Xã An Phú" in whole.content.decode()
    one = get(client, province, "/tu-sach-phap-luat/", **{"pham-vi": "ca-tinh", "don-vi": unit_b.code})
    assert [item.title for item in one.context["items"]] == ["Sách của Bình Hòa"]


def test_unit_bookcase_does_not_offer_the_province_view(client, unit_a, unit_b):
    publication(unit_b, title="Sách của Bình Hòa")
    response = get(client, unit_a, "/tu-sach-phap-luat/", **{"pham-vi": "ca-tinh"})
    assert list(response.context["items"]) == []


def test_replacing_the_file_renders_again(unit_a):
    page = publication(unit_a)
    page.pdf = pdf(unit_a, pages=[["Ban moi"]])
    page.save_revision().publish()
    rendering, made = ensure_rendering(page.pdf)
    assert not made and rendering.page_count == 1 and "Ban moi" in rendering.text


def test_the_same_file_in_another_library_is_copied_not_rendered_again(unit_a, unit_b):
    pages = [["So tay hoa giai"], ["Trang hai"], ["Trang ba"]]
    first = publication(unit_a, pdf=pdf(unit_a, pages=pages)).rendering
    second = publication(unit_b, pdf=pdf(unit_b, pages=pages)).rendering
    assert (second.page_count, second.rendered_pages) == (3, 3)
    assert "Trang hai" in second.text
    copies, originals = list(second.pages.all()), list(first.pages.all())
    assert {page.image.name for page in copies}.isdisjoint(page.image.name for page in originals)
    with Image.open(copies[1].image.path) as copy, Image.open(originals[1].image.path) as original:
        assert copy.size == original.size and copy.tobytes() == original.tobytes()

    render(first.document, first)  # the first library's images made again: its old files deleted
    for page in second.pages.all():
        with Image.open(page.image.path) as image, Image.open(page.thumbnail.path) as thumbnail:
            assert image.format == thumbnail.format == "WEBP"
