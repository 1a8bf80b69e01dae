"""Pushing marked content to the national portal's intake (issue 14, part 4):
signed deliveries from a persistent queue, nothing lost while the receiver is
down. The second instance of this project is the national portal."""

import io
import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from legal_docs.models import LegalDocumentPage
from portal_sync.models import NationalShare, OutboundDelivery, ReceivedDelivery
from portal_sync.push import KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, deliver, sign
from tests.legal_docs.conftest import record
from tests.legal_docs.test_repository import import_for
from tests.portal_sync.conftest import INTAKE_KEY, INTAKE_SECRET


@pytest.fixture
def commune_document(unit_a, jsonl):
    """A commune's own document, published on its site."""
    number = f"{int(time.time() * 1000) % 100000}/NQ-HĐND"
    import_for(
        unit_a,
        jsonl(
            [
                record(
                    number,
                    document_type="Nghị quyết",
                    issuing_body="Hội đồng nhân dân xã An Phú",
                    title="Nghị quyết về hỗ trợ hòa giải ở cơ sở",
                    fields=["Hòa giải"],
                )
            ]
        ),
    )
    return LegalDocumentPage.objects.get(document_number=number)


@pytest.fixture
def push_to(settings):
    def configure(url, secret=INTAKE_SECRET):
        settings.SYNC_PUSH_URL = url
        settings.SYNC_PUSH_KEY_ID = INTAKE_KEY
        settings.SYNC_PUSH_SECRET = secret

    return configure


def remote_numbers(instance):
    data = instance.get("/api/v1/legal-documents/?page_size=100&changed_after=1970-01-01")
    return [item["number"] for item in data["results"]]


def test_a_marked_document_waits_while_the_receiver_is_down_and_arrives_when_it_is_back(
    client, moderator_a, commune_document, second_instance, push_to
):
    client.force_login(moderator_a)
    confirm = client.get(f"/admin/dong-bo/danh-dau/{commune_document.pk}/")
    assert "Đánh dấu trang này để gửi lên Cổng PBGDPL quốc gia" in confirm.content.decode()
    client.post(f"/admin/dong-bo/danh-dau/{commune_document.pk}/")
    assert NationalShare.objects.filter(page=commune_document).exists()
    (queued,) = OutboundDelivery.objects.filter(page=commune_document)
    assert queued.payload["number"] == commune_document.document_number and "body_html" in queued.payload

    push_to("http://127.0.0.1:9/api/v1/intake/")  # nobody listens there
    assert deliver()["unreachable"] == 1
    queued.refresh_from_db()
    assert queued.status == "pending" and queued.attempts == 1 and "Không kết nối được" in queued.last_error
    assert queued.next_attempt_at > timezone.now(), "the next try waits (back-off)"
    assert deliver() == {}, "not due yet: nothing is tried"

    commune_document.summary = "Trích yếu sửa lần hai."
    commune_document.save_revision().publish()
    assert OutboundDelivery.objects.filter(page=commune_document, status="pending").count() == 2

    later = timezone.now() + timedelta(hours=1)
    assert deliver(now=later)["unreachable"] == 1
    queued.refresh_from_db()
    assert queued.attempts == 2 and queued.next_attempt_at - later < timedelta(hours=1)

    push_to(f"{second_instance.url}/api/v1/intake/")
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later + timedelta(days=1))
        call_command("push_portal", stdout=out)
    assert "Đã gửi 2" in out.getvalue()
    assert set(OutboundDelivery.objects.filter(page=commune_document).values_list("status", flat=True)) == {
        "delivered"
    }
    assert commune_document.document_number in remote_numbers(second_instance)
    (remote,) = [
        item
        for item in second_instance.get("/api/v1/legal-documents/?page_size=100&changed_after=1970-01-01")[
            "results"
        ]
        if item["number"] == commune_document.document_number
    ]
    assert remote["summary"] == "Trích yếu sửa lần hai.", "the later version is applied last"

    listing = client.get("/admin/dong-bo/gui/").content.decode()
    assert "Đã gửi" in listing and commune_document.title in listing


def test_a_delivery_sent_twice_is_applied_once_and_a_wrong_secret_is_refused(
    commune_document, moderator_a, client, second_instance, push_to
):
    client.force_login(moderator_a)
    client.post(f"/admin/dong-bo/danh-dau/{commune_document.pk}/")
    delivery = OutboundDelivery.objects.get(page=commune_document)

    push_to(f"{second_instance.url}/api/v1/intake/", secret="sai-bi-mat")
    assert deliver()["refused"] == 1
    delivery.refresh_from_db()
    assert delivery.status == "refused" and "401" in delivery.last_error and "HMAC" in delivery.last_error
    assert commune_document.document_number not in remote_numbers(second_instance)

    client.post(f"/admin/dong-bo/gui/{delivery.pk}/gui-lai/")
    push_to(f"{second_instance.url}/api/v1/intake/")
    assert deliver()["delivered"] == 1
    delivery.status = "pending"
    delivery.save()
    assert deliver()["delivered"] == 1, "the receiver answers 'duplicate' with 200"
    status, answer = second_instance.push("legal-documents", delivery.payload, delivery_id=str(delivery.uuid))
    assert (status, answer) == (200, {"status": "duplicate"})
    assert remote_numbers(second_instance).count(commune_document.document_number) == 1


def test_other_units_staff_cannot_mark_or_see_a_units_deliveries(
    client, editor_b, moderator_a, commune_document
):
    client.force_login(editor_b)
    assert client.post(f"/admin/dong-bo/danh-dau/{commune_document.pk}/").status_code in (302, 403)
    assert not NationalShare.objects.exists()
    client.force_login(moderator_a)
    client.post(f"/admin/dong-bo/danh-dau/{commune_document.pk}/")
    delivery = OutboundDelivery.objects.get()
    other = Client()  # no flash message of A's session
    other.force_login(editor_b)
    listing = other.get("/admin/dong-bo/gui/").content.decode()
    assert "Chưa có nội dung nào được đánh dấu" in listing and commune_document.title not in listing
    assert other.post(f"/admin/dong-bo/gui/{delivery.pk}/gui-lai/").status_code == 404


def _signed(client, body, secret=INTAKE_SECRET, timestamp=None, key=INTAKE_KEY):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return client.post(
        "/api/v1/intake/",
        data=body,
        content_type="application/json",
        headers={
            KEY_HEADER: key,
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(secret, timestamp, body),
        },
    )


@pytest.fixture
def intake_keys(settings):
    settings.SYNC_INTAKE_KEYS = {INTAKE_KEY: INTAKE_SECRET}


FIXED_ID = "5d0c3a52-8f1e-4c7b-9a51-2f7f0c1d9e11"  # fixed: test ids must be the same in every process


@pytest.mark.parametrize(
    "body, kwargs, status, message",
    [
        (b"{}", {"secret": "sai"}, 401, "Chữ ký HMAC không khớp"),
        (b"{}", {"key": "la"}, 401, "không được phép gửi"),
        (b"{}", {"timestamp": 1_000_000}, 401, "Dấu thời gian lệch"),
        (b"\xff\xfe", {}, 400, "không phải JSON"),
        (b"[]", {}, 400, "id, resource và object"),
        (json.dumps({"id": "x", "resource": "legal-documents", "object": {}}).encode(), {}, 400, "UUID"),
        (
            json.dumps({"id": FIXED_ID, "resource": "khac", "object": {}}).encode(),
            {},
            400,
            "không nhận",
        ),
        (
            json.dumps({"id": FIXED_ID, "resource": "legal-documents", "object": {"id": 1}}).encode(),
            {},
            422,
            "không đúng chuẩn dữ liệu",
        ),
    ],
)
def test_the_intake_refuses_bad_deliveries_with_a_reason(
    client, province, intake_keys, body, kwargs, status, message
):
    response = _signed(client, body, **kwargs)
    assert response.status_code == status
    assert message in response.json()["error"]
    assert not ReceivedDelivery.objects.exists()
