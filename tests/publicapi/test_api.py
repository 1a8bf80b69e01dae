"""The open, read-only API (issue 14, parts 2 and 3)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from legal_docs.models import DocumentListing
from publicapi.openapi import standard_schema
from tests import factories
from tests.questions.helpers import published_answer

ALLOWED = "https://cong.binhan.gov.vn"


def get(client, _site_unit, _path, _expect=200, **params):
    """GET ``_path`` with ``params`` on the unit's host; asserts the status."""
    response = client.get(_path, params, HTTP_HOST=_site_unit.site.hostname)
    assert response.status_code == _expect, (_path, response.status_code, response.content[:500])
    return response


@pytest.fixture
def library(province, unit_a, unit_b):
    law = factories.legal_document(
        province, "31/2024/QH15", "Luật Đất đai", document_type="luat", fields=["dat-dai"], level="central"
    )
    decree = factories.legal_document(
        province,
        "102/2024/NĐ-CP",
        "Nghị định quy định chi tiết Luật Đất đai",
        fields=["dat-dai"],
        level="central",
        relations=[("details", law)],
        issue_date=datetime.date(2024, 7, 30),
    )
    local = factories.legal_document(
        unit_a,
        "5/QĐ-UBND",
        "Quyết định của xã",
        document_type="quyet-dinh",
        level="commune",
        effect_status="expired",
    )
    DocumentListing.objects.create(unit=unit_a, document=law)
    factories.article(unit_a, title="Tin của xã An Phú", date=datetime.date(2026, 3, 1))
    factories.article(unit_b, title="Tin của xã Bình Hòa", date=datetime.date(2026, 4, 1))
    published_answer(unit_a, "Thủ tục tách thửa", "Thủ tục tách thửa đất nông nghiệp thế nào?")
    return {"law": law, "decree": decree, "local": local}


def test_the_index_lists_every_collection_and_the_schema(client, province):
    data = get(client, province, "/api/v1/").json()
    keys = {c["key"] for c in data["collections"]}
    assert {
        "articles",
        "legal-documents",
        "introduction-materials",
        "council-activities",
        "units",
        "qa",
    } <= keys
    assert data["schema"].endswith("/api/v1/schema/")


def test_every_object_of_every_collection_validates_against_the_standard(client, province, library):
    index = get(client, province, "/api/v1/").json()
    checked = 0
    for collection in index["collections"]:
        data = get(client, province, f"/api/v1/{collection['key']}/", page_size="100").json()
        schema_name = {
            "articles": "article",
            "legal-documents": "legal_document",
            "introduction-materials": "introduction_material",
            "council-activities": "event",
            "units": "unit",
            "qa": "question",
        }.get(collection["key"])
        if schema_name is None:
            continue
        validator = Draft202012Validator(
            standard_schema(schema_name), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for item in data["results"]:
            errors = sorted(validator.iter_errors(item), key=str)
            assert not errors, (collection["key"], item, [e.message for e in errors])
            checked += 1
    assert checked >= 7


def test_legal_documents_carry_relations_both_ways_and_the_units_listing_them(
    client, province, unit_a, library
):
    data = get(client, province, "/api/v1/legal-documents/", field="dat-dai").json()
    by_number = {item["number"]: item for item in data["results"]}
    assert set(by_number) == {"31/2024/QH15", "102/2024/NĐ-CP"}
    law = by_number["31/2024/QH15"]
    assert law["listed_by"] == [unit_a.code] and law["level"] == "central"
    assert {"type": "details", "direction": "incoming", "number": "102/2024/NĐ-CP"}.items() <= law[
        "relations"
    ][0].items()
    detail = get(client, province, f"/api/v1/legal-documents/{library['law'].pk}/").json()
    assert detail["number"] == "31/2024/QH15" and detail["listed_by"] == [unit_a.code]


def test_filters_by_unit_status_level_and_dates(client, province, unit_a, library):
    def numbers(**params):
        data = get(client, province, "/api/v1/legal-documents/", **params).json()
        return [item["number"] for item in data["results"]]

    assert set(numbers(unit=unit_a.code)) == {"31/2024/QH15", "5/QĐ-UBND"}
    assert numbers(status="expired") == ["5/QĐ-UBND"]
    assert set(numbers(level="central")) == {"31/2024/QH15", "102/2024/NĐ-CP"}
    assert numbers(issue_date_from="2024-07-01", issue_date_to="2024-12-31") == ["102/2024/NĐ-CP"]
    titles = [
        i["title"] for i in get(client, province, "/api/v1/articles/", unit=unit_a.code).json()["results"]
    ]
    assert "Tin của xã An Phú" in titles and "Tin của xã Bình Hòa" not in titles


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": "abc"}, "page phải là số nguyên dương"),
        ({"page": "0"}, "page phải là số nguyên dương"),
        ({"page_size": "500"}, "page_size phải từ 1 đến 100"),
        ({"status": "sap-het"}, "status phải là một trong"),
        ({"issue_date_from": "30/07/2024"}, "không phải ngày hợp lệ"),
        ({"year": "hai nghìn"}, "year phải là năm"),
        ({"unit": "khong-co"}, "không có đơn vị mã"),
        ({"sort": "title"}, "Tham số không được hỗ trợ: sort"),
    ],
)
def test_bad_parameters_get_400_with_a_vietnamese_message(client, province, params, message):
    data = get(client, province, "/api/v1/legal-documents/", _expect=400, **params).json()
    assert message in data["error"]


def test_unknown_collection_and_object_are_404_with_a_message(client, province):
    assert "Không có tập dữ liệu" in get(client, province, "/api/v1/khong-co/", _expect=404).json()["error"]
    assert "Không tìm thấy" in get(client, province, "/api/v1/articles/999999/", _expect=404).json()["error"]


def test_pagination_links_follow_each_other(client, province, library):
    first = get(client, province, "/api/v1/legal-documents/", page_size="2").json()
    assert first["count"] == 3 and first["previous"] is None and len(first["results"]) == 2
    second = client.get(first["next"], HTTP_HOST=province.site.hostname).json()
    assert second["page"] == 2 and second["next"] is None and len(second["results"]) == 1
    assert {i["number"] for i in first["results"] + second["results"]} == {
        "31/2024/QH15",
        "102/2024/NĐ-CP",
        "5/QĐ-UBND",
    }


def test_conditional_get_answers_304_and_dates_the_list(client, province, library):
    response = get(client, province, "/api/v1/legal-documents/")
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(
        "/api/v1/legal-documents/", HTTP_HOST=province.site.hostname, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304 and again.content == b""
    library["law"].title = "Luật Đất đai (sửa đổi)"
    library["law"].save_revision().publish()
    changed = client.get(
        "/api/v1/legal-documents/", HTTP_HOST=province.site.hostname, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert changed.status_code == 200 and "Luật Đất đai (sửa đổi)" in changed.content.decode()


def test_cors_only_for_the_allowed_origins(client, province, settings):
    settings.EMBED_ALLOWED_ORIGINS = [ALLOWED]
    allowed = client.get("/api/v1/units/", HTTP_HOST=province.site.hostname, HTTP_ORIGIN=ALLOWED)
    assert allowed["Access-Control-Allow-Origin"] == ALLOWED
    other = client.get("/api/v1/units/", HTTP_HOST=province.site.hostname, HTTP_ORIGIN="https://la.example")
    assert "Access-Control-Allow-Origin" not in other


def test_the_rate_limit_answers_429(client, province, settings):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        get(client, province, "/api/v1/units/")
    response = get(client, province, "/api/v1/units/", _expect=429)
    assert "Quá nhiều yêu cầu" in response.json()["error"] and response["Retry-After"] == "60"


def test_the_openapi_description_names_every_collection_with_valid_schemas(client, province):
    document = get(client, province, "/api/v1/schema/").json()
    assert document["openapi"].startswith("3.1")
    for key in ("articles", "legal-documents", "units"):
        assert f"/api/v1/{key}/" in document["paths"] and f"/api/v1/{key}/{{id}}/" in document["paths"]
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert (
        get(client, province, "/api/v1/standard/legal_document.schema.json").json()["title"]
        == "Văn bản pháp luật"
    )


def test_a_page_of_documents_costs_the_same_queries_whatever_its_size(client, province, library):
    for n in range(6):
        factories.legal_document(province, f"{n + 1}/2025/TT-BTP", f"Thông tư số {n + 1}", level="central")

    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            get(client, province, "/api/v1/legal-documents/", page_size=str(size))
        return len(captured)

    queries(9)  # caches warmed (unit map, listing rules)
    # At most one more: the listing units' codes, read only when a document of the page is listed.
    assert queries(9) - queries(2) <= 1
