"""The change feed of the open API (``changed_after``), which sync reads (issue 14, part 4)."""

import datetime

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from legal_docs.models import LegalDocumentPage
from publicapi.openapi import standard_schema
from tests.publicapi.test_api import get


def numbers(data):
    return [item["number"] for item in data["results"]]


def test_the_feed_lists_changes_oldest_first_and_follows_its_cursor_to_the_end(client, province, library):
    stamp = timezone.now() - datetime.timedelta(days=3)
    for offset, number in enumerate(["5/QĐ-UBND", "31/2024/QH15", "102/2024/NĐ-CP"]):
        LegalDocumentPage.objects.filter(document_number=number).update(
            last_published_at=stamp + datetime.timedelta(hours=offset)
        )
    first = get(
        client, province, "/api/v1/legal-documents/", changed_after="2000-01-01", page_size="2"
    ).json()
    assert numbers(first) == ["5/QĐ-UBND", "31/2024/QH15"] and first["count"] == 3
    assert "page" not in first and first["next_cursor"]
    second = client.get(first["next"], HTTP_HOST=province.site.hostname).json()
    assert numbers(second) == ["102/2024/NĐ-CP"] and second["next"] is None
    after_all = get(client, province, "/api/v1/legal-documents/", changed_after=second["next_cursor"]).json()
    assert after_all["results"] == [] and after_all["count"] == 0

    LegalDocumentPage.objects.filter(document_number="5/QĐ-UBND").update(last_published_at=timezone.now())
    again = get(client, province, "/api/v1/legal-documents/", changed_after=second["next_cursor"]).json()
    assert numbers(again) == ["5/QĐ-UBND"], "a change after the cursor comes back"
    since = (stamp + datetime.timedelta(minutes=30)).isoformat()
    assert numbers(get(client, province, "/api/v1/legal-documents/", changed_after=since).json()) == [
        "31/2024/QH15",
        "102/2024/NĐ-CP",
        "5/QĐ-UBND",
    ]


def test_documents_with_their_full_text_validate_against_the_standard(client, province, library):
    LegalDocumentPage.objects.filter(pk=library["law"].pk).update(body="<p>Điều 1. Phạm vi điều chỉnh</p>")
    check = Draft202012Validator(standard_schema("legal_document"))
    listed = get(client, province, "/api/v1/legal-documents/", include="body").json()["results"]
    assert all("body_html" in item for item in listed)
    assert all(not list(check.iter_errors(item)) for item in listed)
    plain = get(client, province, "/api/v1/legal-documents/").json()["results"]
    assert not any("body_html" in item for item in plain), "a plain list stays light"
    detail = get(client, province, f"/api/v1/legal-documents/{library['law'].pk}/").json()
    assert "Phạm vi điều chỉnh" in detail["body_html"]


@pytest.mark.parametrize(
    "path, params, message",
    [
        ("/api/v1/legal-documents/", {"changed_after": "hôm qua"}, "changed_after phải là con trỏ"),
        ("/api/v1/legal-documents/", {"changed_after": "eyJ4Ijox"}, "changed_after phải là con trỏ"),
        ("/api/v1/legal-documents/", {"changed_after": "2026-01-01", "page": "2"}, "không dùng cùng page"),
        ("/api/v1/legal-documents/", {"include": "everything"}, "include chỉ nhận giá trị body"),
        ("/api/v1/articles/", {"include": "body"}, "không có toàn văn"),
        ("/api/v1/units/", {"changed_after": "2026-01-01"}, "không có nguồn thay đổi"),
    ],
)
def test_bad_feed_parameters_get_400_with_a_vietnamese_message(client, province, path, params, message):
    assert message in get(client, province, path, _expect=400, **params).json()["error"]


def test_the_openapi_description_names_the_feed_parameters(client, province):
    paths = get(client, province, "/api/v1/schema/").json()["paths"]
    names = {p["name"] for p in paths["/api/v1/legal-documents/"]["get"]["parameters"]}
    assert {"changed_after", "include"} <= names
