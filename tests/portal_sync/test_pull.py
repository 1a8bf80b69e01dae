"""Pulling from a portal that speaks the data standard (issue 14, part 4): a
second instance of this project on the loopback address is the source."""

import http.server
import io
import threading
import zlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from legal_docs.models import LegalDocumentPage
from portal_sync import pull
from portal_sync.models import SyncCursor, SyncedCopy


def national(number, **values):
    """A central document as the national portal would hold it."""
    return {
        "document_number": number,
        "document_type": values.pop("document_type", "Nghị định"),
        "issuing_body": "Chính phủ",
        "level": "central",
        "issue_date": "2024-12-26",
        "effective_date": "2025-01-01",
        "effect_status": "in_force",
        "fields": ["Giao thông vận tải"],
        "title": values.pop("title", f"Nghị định {number}"),
        "summary": values.pop(
            "summary", "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông."
        ),
        "body_text": "Điều 1. Phạm vi điều chỉnh\n\nNghị định này quy định xử phạt.",
        **values,
    }


def standard(number, **values):
    """The same document as an object of the data standard (what the intake takes)."""
    record = national(number, **values)
    return {
        "id": zlib.crc32(number.encode()),
        "url": f"https://vbpl.example/van-ban/{zlib.crc32(number.encode())}",
        "number": number,
        "title": record["title"],
        "type": record["document_type"],
        "issuing_body": record["issuing_body"],
        "level": record["level"],
        "issue_date": record["issue_date"],
        "effective_date": record["effective_date"],
        "effect_status": record["effect_status"],
        "fields": record["fields"],
        "summary": record["summary"],
        "body_html": "<p>Điều 1. Phạm vi điều chỉnh</p>",
        "relations": [],
    }


def publish_remote(instance, *objects):
    """Put documents on the source portal through its intake (one signed delivery each)."""
    for obj in objects:
        status, answer = instance.push("legal-documents", obj)
        assert status == 200, answer


def sync(source, *extra):
    out = io.StringIO()
    call_command("sync_portal", "--source", source, "--resource", "legal-documents", *extra, stdout=out)
    return out.getvalue()


def local(number):
    return LegalDocumentPage.objects.get(document_number=number)


@pytest.fixture
def since():
    return timezone.now().isoformat()


def test_new_documents_arrive_with_their_text_relations_and_provenance(second_instance, province, since):
    second_instance.import_documents(
        [
            national("168/2024/NĐ-CP"),
            national(
                "100/2019/NĐ-CP",
                title="Nghị định 100/2019/NĐ-CP (đã được sửa đổi)",
                effect_status="partly_expired",
                issue_date="2019-12-30",
            ),
            national(
                "123/2021/NĐ-CP",
                issue_date="2021-12-28",
                relations=[{"type": "amends", "document_number": "100/2019/NĐ-CP"}],
            ),
        ]
    )
    out = sync(second_instance.url, "--since", since)
    assert "legal-documents: 3 mới, 0 cập nhật, 0 không đổi, 0 xung đột" in out
    document = local("168/2024/NĐ-CP")
    assert document.live and document.level == "central" and document.unit_id == province.pk
    assert "Phạm vi điều chỉnh" in document.body
    assert document.source_url.startswith("http://127.0.0.1/")
    amending = local("123/2021/NĐ-CP")
    assert [r.target.document_number for r in amending.relations.all()] == ["100/2019/NĐ-CP"]
    assert local("100/2019/NĐ-CP").effect_status == "partly_expired"
    copies = SyncedCopy.objects.filter(origin=second_instance.url)
    assert copies.count() == 3 and set(copies.values_list("status", flat=True)) == {"synced"}
    assert copies.get(object_id=document.pk).remote_url == document.source_url

    revisions = document.revisions.count()
    again = sync(second_instance.url, "--since", since)
    assert "0 mới, 0 cập nhật, 3 không đổi" in again, "a second pull of the same versions changes nothing"
    assert local("168/2024/NĐ-CP").revisions.count() == revisions
    assert "0 mới, 0 cập nhật, 0 không đổi" in sync(second_instance.url), (
        "the saved position skips what was seen"
    )


def test_a_remote_change_updates_the_copy_unless_it_was_edited_here(
    second_instance, province, since, admin_client
):
    publish_remote(second_instance, standard("35/2024/NĐ-CP"), standard("36/2024/NĐ-CP"))
    sync(second_instance.url, "--since", since)

    publish_remote(second_instance, standard("35/2024/NĐ-CP", summary="Trích yếu đã sửa tại nguồn."))
    assert "0 mới, 1 cập nhật, 0 không đổi, 0 xung đột" in sync(second_instance.url)
    assert local("35/2024/NĐ-CP").summary == "Trích yếu đã sửa tại nguồn."

    edited = local("36/2024/NĐ-CP")
    edited.summary = "Biên tập viên tỉnh đã chú thích văn bản này."
    edited.save_revision().publish()
    publish_remote(second_instance, standard("36/2024/NĐ-CP", summary="Nguồn đổi trích yếu lần nữa."))
    assert "0 mới, 0 cập nhật, 0 không đổi, 1 xung đột" in sync(second_instance.url)
    assert local("36/2024/NĐ-CP").summary == "Biên tập viên tỉnh đã chú thích văn bản này."
    copy = SyncedCopy.objects.get(object_id=edited.pk)
    assert copy.status == "conflict" and copy.pending["summary"] == "Nguồn đổi trích yếu lần nữa."

    everything = admin_client.get("/admin/dong-bo/").content.decode()
    assert everything.index("36/2024/NĐ-CP") < everything.index("35/2024/NĐ-CP"), "conflicts are listed first"
    listing = admin_client.get("/admin/dong-bo/?status=conflict").content.decode()
    assert "Xung đột: cần biên tập viên xử lý" in listing and "đã được biên tập" in listing
    response = admin_client.post(f"/admin/dong-bo/{copy.pk}/xu-ly/", {"choice": "remote"})
    assert response.status_code == 302
    assert local("36/2024/NĐ-CP").summary == "Nguồn đổi trích yếu lần nữa."
    copy.refresh_from_db()
    assert copy.status == "synced" and copy.pending is None


def test_kept_local_copy_is_flagged_again_on_the_next_remote_change(
    second_instance, province, since, admin_client
):
    publish_remote(second_instance, standard("40/2024/NĐ-CP"))
    sync(second_instance.url, "--since", since)
    edited = local("40/2024/NĐ-CP")
    edited.summary = "Bản tỉnh giữ lại."
    edited.save_revision().publish()
    publish_remote(second_instance, standard("40/2024/NĐ-CP", summary="Thay đổi thứ nhất."))
    sync(second_instance.url)
    copy = SyncedCopy.objects.get(object_id=edited.pk)
    admin_client.post(f"/admin/dong-bo/{copy.pk}/xu-ly/", {"choice": "local"})
    copy.refresh_from_db()
    assert copy.status == "kept_local" and local("40/2024/NĐ-CP").summary == "Bản tỉnh giữ lại."
    publish_remote(second_instance, standard("40/2024/NĐ-CP", summary="Thay đổi thứ hai."))
    assert "1 xung đột" in sync(second_instance.url)
    assert local("40/2024/NĐ-CP").summary == "Bản tỉnh giữ lại."


def test_an_interrupted_pull_resumes_where_it_stopped(second_instance, province, since):
    numbers = [f"{n}/2025/NĐ-CP" for n in range(201, 206)]
    publish_remote(second_instance, *[standard(number) for number in numbers])

    class Interrupted(Exception):
        pass

    def stop_after_first_page(report):
        raise Interrupted

    with pytest.raises(Interrupted):
        pull.pull(
            second_instance.url,
            province,
            "legal-documents",
            since=since,
            page_size=2,
            progress=stop_after_first_page,
        )
    assert LegalDocumentPage.objects.filter(document_number__in=numbers).count() == 2
    assert SyncCursor.objects.get(origin=second_instance.url).cursor

    report = pull.pull(second_instance.url, province, "legal-documents", page_size=2)
    assert report.counts["created"] == 3 and not report.counts["unchanged"]
    assert LegalDocumentPage.objects.filter(document_number__in=numbers).count() == 5


def test_a_document_already_here_from_elsewhere_is_not_overwritten(second_instance, province, since, jsonl):
    from tests.legal_docs.test_repository import import_for

    mine = national("50/2024/NĐ-CP", summary="Bản nhập từ vbpl, đã được kiểm tra.")
    import_for(province, jsonl([mine]))
    publish_remote(second_instance, standard("50/2024/NĐ-CP", summary="Bản của cổng nguồn."))
    assert "1 xung đột" in sync(second_instance.url, "--since", since)
    assert local("50/2024/NĐ-CP").summary == "Bản nhập từ vbpl, đã được kiểm tra."
    assert SyncedCopy.objects.get(remote_url__startswith="http://127.0.0.1/").conflict_reason


@pytest.mark.parametrize(
    "args, message",
    [
        (["--source", "ftp://nguon"], "phải bắt đầu bằng http"),
        (["--source", "http://127.0.0.1:9", "--resource", "legal-documents"], "Không kết nối được"),
        (["--source", "http://127.0.0.1:9", "--resource", "khong-co"], "Không đồng bộ được tập dữ liệu"),
        (["--source", "http://127.0.0.1:9", "--since", "hôm qua"], "--since không hợp lệ"),
    ],
)
def test_bad_arguments_and_an_unreachable_source_are_clear_errors(province, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("sync_portal", *args, stdout=io.StringIO())


class _Garbage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write("{không phải json".encode())

    def log_message(self, *args):
        pass


def test_a_source_that_answers_garbage_is_refused_and_nothing_is_written(province):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = LegalDocumentPage.objects.count()
    try:
        with pytest.raises(CommandError, match="không trả về JSON hợp lệ"):
            sync(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
    assert LegalDocumentPage.objects.count() == before


def test_a_relation_to_a_document_not_here_is_left_out_not_the_document(second_instance, province):
    publish_remote(second_instance, standard("60/2020/NĐ-CP"))
    later = timezone.now().isoformat()
    amending = standard("61/2024/NĐ-CP")
    publish_remote(second_instance, amending)
    # The source's copy of 61 amends 60 (written by its own importer, relation included).
    second_instance.import_documents(
        [national("61/2024/NĐ-CP", relations=[{"type": "amends", "document_number": "60/2020/NĐ-CP"}])]
    )
    assert "1 mới" in sync(second_instance.url, "--since", later)
    document = local("61/2024/NĐ-CP")
    assert document.live and not document.relations.exists()
    assert not LegalDocumentPage.objects.filter(document_number="60/2020/NĐ-CP").exists()
