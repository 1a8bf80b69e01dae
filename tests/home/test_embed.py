"""Embedding the portal's blocks in the province's main portal (issue 14, part 1)."""

import pytest

from legal_docs.models import DocumentListing
from tests import factories

HOST = "https://cong.binhan.gov.vn"


@pytest.fixture
def allowed(settings):
    settings.EMBED_ALLOWED_ORIGINS = [HOST]


def test_embed_js_is_small_and_names_its_stylesheet(client, province):
    response = client.get("/embed.js", HTTP_HOST=province.site.hostname)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    source = response.content.decode()
    assert len(response.content) <= 30 * 1024
    assert "__EMBED_CSS__" not in source and "home/embed.css" in source
    assert "attachShadow" in source and "postMessage" not in source or "pbgdpl:height" in source


def test_an_allowed_origin_gets_the_blocks_with_cors_and_absolute_links(client, province, unit_a, allowed):
    factories.article(unit_a, title="Tin nhúng của xã An Phú")
    response = client.get(
        "/embed/fragment/",
        {"blocks": "news,documents,search", "unit": unit_a.code},
        HTTP_HOST=province.site.hostname,
        HTTP_ORIGIN=HOST,
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == HOST and "Origin" in response["Vary"]
    html = response.content.decode()
    assert "Tin nhúng của xã An Phú" in html and "&lt;" not in html
    assert f'href="{unit_a.site.root_url}/' in html and 'href="/' not in html
    assert f'action="{unit_a.site.root_url}/search/"' in html and "<label" in html
    assert html.index("Tin tức – Sự kiện") < html.index("Văn bản pháp luật mới") < html.index("Tìm kiếm")


def test_another_origin_is_refused(client, province, allowed):
    response = client.get(
        "/embed/fragment/",
        {"blocks": "news"},
        HTTP_HOST=province.site.hostname,
        HTTP_ORIGIN="https://la.example",
    )
    assert response.status_code == 403 and "Access-Control-Allow-Origin" not in response
    assert "không được phép nhúng" in response.content.decode()


def test_the_documents_block_shows_what_the_unit_lists(client, province, unit_a, allowed):
    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", level="central")
    DocumentListing.objects.create(unit=unit_a, document=law)
    html = client.get(
        "/embed/fragment/", {"blocks": "documents", "unit": unit_a.code}, HTTP_HOST=province.site.hostname
    ).content.decode()
    assert "31/2024/QH15" in html and law.full_url in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"blocks": "news", "unit": "khong-co"}, "Không tìm thấy đơn vị"),
        ({"blocks": "quang-cao"}, "Hãy chọn khối cần nhúng"),
    ],
)
def test_bad_parameters_get_a_message(client, province, params, message):
    response = client.get("/embed/fragment/", params, HTTP_HOST=province.site.hostname)
    assert response.status_code == 400 and message in response.content.decode()


def test_the_iframe_may_be_framed_by_allowed_origins_only_and_ordinary_pages_never(client, province, allowed):
    response = client.get("/embed/", {"blocks": "news,search"}, HTTP_HOST=province.site.hostname)
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert f"frame-ancestors 'self' {HOST}" in response["Content-Security-Policy"]
    assert (
        "embed-frame.js" in response.content.decode() and '<base target="_top">' in response.content.decode()
    )
    home = client.get("/", HTTP_HOST=province.site.hostname)
    assert home["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in home["Content-Security-Policy"]
