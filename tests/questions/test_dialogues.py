"""A policy dialogue from opening to its summary."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from questions.models import CommentStatus, DialogueComment, DialoguePage, DialoguePart
from tests.factories import section

pytestmark = pytest.mark.django_db


def dialogue(unit, opens_in=-1, closes_in=10):
    today = timezone.localdate()
    page = DialoguePage(
        title="Dự thảo quy định hỗ trợ hòa giải ở cơ sở",
        topic="<p>Lấy ý kiến nhân dân về dự thảo.</p>",
        opens_on=today + datetime.timedelta(days=opens_in),
        closes_on=today + datetime.timedelta(days=closes_in),
        parts=[
            DialoguePart(heading="Điều 1. Phạm vi", text="<p>Quy định này áp dụng …</p>"),
            DialoguePart(heading="Điều 2. Mức hỗ trợ", text="<p>Mức hỗ trợ mỗi vụ việc …</p>"),
        ],
    )
    section(unit, "qa").add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def comment(client, unit, page, part, text, name="Lê Văn Góp", email="gop@example.vn", ip="198.51.100.50"):
    return client.post(
        page.url,
        {"part": part.pk, "name": name, "email": email, "text": text},
        HTTP_HOST=unit.site.hostname,
        REMOTE_ADDR=ip,
    )


def test_a_dialogue_from_opening_to_its_summary(client, unit_a, admin_a):
    page = dialogue(unit_a)
    first, second = page.parts.all()
    response = comment(client, unit_a, page, second, "Đề nghị tăng mức hỗ trợ lên gấp đôi.")
    assert response.status_code == 302
    stored = DialogueComment.objects.get()
    assert (
        stored.status == CommentStatus.PENDING
        and stored.unit == unit_a
        and stored.part_heading == second.heading
    )
    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Đề nghị tăng mức hỗ trợ" not in html  # pre-moderated

    comment(
        client,
        unit_a,
        page,
        first,
        "=cmd|' /C calc'!A0 phạm vi cần rõ hơn",
        name="Trần B",
        email="b@example.vn",
        ip="198.51.100.51",
    )
    comment(
        client, unit_a, page, first, "Quảng cáo rác", name="Spam", email="spam@example.vn", ip="198.51.100.52"
    )

    client.force_login(admin_a)
    edit = reverse("wagtailsnippets_questions_dialoguecomment:edit", args=[stored.pk])
    assert (
        client.post(
            edit, {"status": "approved", "reply": "Ban soạn thảo tiếp thu, sẽ điều chỉnh."}
        ).status_code
        == 302
    )
    DialogueComment.objects.filter(name="Trần B").update(status=CommentStatus.APPROVED)
    DialogueComment.objects.filter(name="Spam").update(status=CommentStatus.REJECTED)
    client.logout()

    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert (
        "Đề nghị tăng mức hỗ trợ" in html and "Ban soạn thảo tiếp thu" in html and "Quảng cáo rác" not in html
    )

    DialoguePage.objects.filter(pk=page.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    page.refresh_from_db()
    refused = comment(
        client,
        unit_a,
        page,
        first,
        "Ý kiến gửi muộn sau khi đã đóng.",
        email="muon@example.vn",
        ip="198.51.100.53",
    )
    assert refused.status_code == 403
    assert "Đối thoại đã đóng, không nhận thêm ý kiến." in refused.content.decode()
    assert DialogueComment.objects.count() == 3

    summary = client.get(page.url + "tong-hop/", HTTP_HOST=unit_a.site.hostname)
    figures = summary.context["summary"]
    assert (figures["comments"], figures["approved"], figures["replies"], figures["participants"]) == (
        3,
        2,
        1,
        3,
    )
    assert [(p["heading"], p["total"], p["approved"]) for p in figures["parts"]] == [
        ("Điều 1. Phạm vi", 2, 1),
        ("Điều 2. Mức hỗ trợ", 1, 1),
    ]

    client.force_login(admin_a)
    export = client.get(reverse("wagtailsnippets_questions_dialoguecomment:list"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "'=cmd" in body and "Quảng cáo rác" in body and "gop@example.vn" in body


def test_bad_comments_get_messages_by_field(client, unit_a):
    page = dialogue(unit_a)
    response = client.post(
        page.url, {"part": "", "name": "", "email": "sai", "text": ""}, HTTP_HOST=unit_a.site.hostname
    )
    assert response.status_code == 400
    html = response.content.decode()
    for message in (
        "Vui lòng chọn phần",
        "Vui lòng nhập họ và tên.",
        "Địa chỉ thư điện tử không hợp lệ",
        "Vui lòng nhập ý kiến.",
    ):
        assert message in html


def test_a_dialogue_not_yet_open_refuses_comments(client, unit_a):
    page = dialogue(unit_a, opens_in=3, closes_in=10)
    part = page.parts.first()
    response = comment(client, unit_a, page, part, "Gửi sớm trước ngày mở.")
    assert response.status_code == 403 and "Đối thoại chưa mở" in response.content.decode()
    assert not DialogueComment.objects.exists()


def test_other_units_staff_cannot_moderate_the_comments(client, unit_a, editor_b):
    page = dialogue(unit_a)
    comment(client, unit_a, page, page.parts.first(), "Ý kiến của người dân xã An Phú.")
    stored = DialogueComment.objects.get()
    client.force_login(editor_b)
    listing = client.get(reverse("wagtailsnippets_questions_dialoguecomment:list")).content.decode()
    assert "Ý kiến của người dân xã An Phú." not in listing
    edit = reverse("wagtailsnippets_questions_dialoguecomment:edit", args=[stored.pk])
    assert client.post(edit, {"status": "approved", "reply": "x"}).status_code in (302, 403)
    stored.refresh_from_db()
    assert stored.status == CommentStatus.PENDING and stored.reply == ""


def test_staff_cannot_add_comments_in_the_admin(client, admin_a):
    client.force_login(admin_a)
    response = client.get(reverse("wagtailsnippets_questions_dialoguecomment:add"))
    assert response.status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_questions_dialoguecomment:list"))
    assert listing.status_code == 200
