"""Video, audio and e-lectures: HTML5 players with the text alternative,
YouTube only in privacy-enhanced mode and only on request, checked input."""

import pytest
from django.core.exceptions import ValidationError

from home.models import SectionPage
from library.models import LecturePage, MediaPage, PublicationPage
from tests.factories import section

from .helpers import audio, document, lecture, media_item

pytestmark = pytest.mark.django_db


def get(client, unit, path):
    return client.get(path, HTTP_HOST=unit.site.hostname)


def test_audio_item_has_a_player_and_its_transcript(client, unit_a):
    page = media_item(
        unit_a,
        title="Tiểu phẩm: Chuyện nhà bác Ba",
        text_alternative="Bác Ba: Thửa đất nhà tôi chưa có sổ đỏ.\n\nCán bộ tư pháp: Bác nộp hồ sơ ở xã.",
    )
    html = get(client, unit_a, page.url).content.decode()
    assert '<audio class="media-player" controls' in html
    assert f'<source src="{page.media_file.url}" type="audio/wav">' in html
    assert 'aria-describedby="loi-thoai"' in html and 'id="loi-thoai"' in html
    assert "<p>Bác Ba: Thửa đất nhà tôi chưa có sổ đỏ.</p>" in html
    assert "<p>Cán bộ tư pháp: Bác nộp hồ sơ ở xã.</p>" in html


def test_video_file_plays_with_captions(client, unit_a):
    video = document(unit_a, b"\x1aE\xdf\xa3" + b"\x00" * 64, "tieu-pham.webm", "Video")
    captions = document(unit_a, b"WEBVTT\n\n00:00.000 --> 00:02.000\nXin chao\n", "phu-de.vtt", "Phụ đề")
    page = media_item(unit_a, media_file=video, captions=captions, section_key="materials_videos")
    html = get(client, unit_a, page.url).content.decode()
    assert '<video class="media-player" controls' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="vi"' in html
    assert 'type="video/webm"' in html


def test_youtube_is_embedded_without_cookies_and_only_on_request(client, unit_a):
    page = media_item(
        unit_a, youtube_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", section_key="materials_videos"
    )
    html = get(client, unit_a, page.url).content.decode()
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"' in html
    assert "<iframe" not in html  # nothing is loaded from YouTube until the visitor asks
    assert "youtube.com/embed" not in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html  # works without JavaScript


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"youtube_url": "https://example.com/video"}, "youtube_url", "không phải một video YouTube"),
        ({}, "media_file", "Chọn một tệp video hoặc âm thanh"),
    ],
)
def test_media_input_is_checked_with_a_clear_message(unit_a, fields, field, message):
    page = MediaPage(title="Video", text_alternative="Mô tả", **fields)
    with pytest.raises(ValidationError) as raised:
        section(unit_a, "materials_videos").add_child(instance=page)
    assert message in " ".join(raised.value.message_dict[field])


def test_wrong_kind_of_file_is_refused(unit_a):
    page = MediaPage(title="Video", text_alternative="Mô tả", media_file=document(unit_a, b"x", "a.txt"))
    with pytest.raises(ValidationError) as raised:
        section(unit_a, "materials_videos").add_child(instance=page)
    assert ".mp4" in raised.value.message_dict["media_file"][0]


def test_captions_must_be_webvtt(unit_a):
    page = MediaPage(
        title="Video",
        text_alternative="Mô tả",
        youtube_url="https://youtu.be/dQw4w9WgXcQ",
        captions=document(unit_a, b"1\n00:00:01,000 --> 00:00:02,000\nHi\n", "phu-de.srt"),
    )
    with pytest.raises(ValidationError) as raised:
        section(unit_a, "materials_videos").add_child(instance=page)
    assert "WebVTT" in raised.value.message_dict["captions"][0]


def test_transcript_is_required(unit_a):
    page = MediaPage(title="Âm thanh", media_file=audio(unit_a), text_alternative="")
    with pytest.raises(ValidationError) as raised:
        section(unit_a, "materials_skits").add_child(instance=page)
    assert "text_alternative" in raised.value.message_dict


def test_lecture_lists_lessons_in_order_with_transcripts(client, unit_a):
    page = lecture(
        unit_a,
        title="Bài giảng: Hòa giải ở cơ sở",
        lessons=[("Khái niệm hòa giải", "Lời giảng một."), ("Trình tự hòa giải", "Lời giảng hai.")],
    )
    lesson = page.lessons.first()
    lesson.media_file = audio(unit_a)
    lesson.save()
    html = get(client, unit_a, page.url).content.decode()
    first, second = html.index("Khái niệm hòa giải"), html.index("Trình tự hòa giải")
    assert first < second
    assert "Bài 1/2" in html and "Bài 2/2" in html
    assert "Lời giảng một." in html and "Lời giảng hai." in html
    assert 'href="#bai-2"' in html  # next lesson
    assert html.count("<audio") == 1


def test_library_items_go_only_under_the_materials_sections(unit_a):
    assert MediaPage.can_create_at(section(unit_a, "materials_skits"))
    assert LecturePage.can_create_at(section(unit_a, "materials"))
    assert PublicationPage.can_create_at(section(unit_a, "bookcase"))
    assert not MediaPage.can_create_at(section(unit_a, "news"))
    assert not PublicationPage.can_create_at(section(unit_a, "guidance"))


def test_editor_adds_a_media_item_in_the_admin(client, unit_a, editor_a):
    parent = section(unit_a, "materials_cases")
    client.force_login(editor_a)
    types = client.get(f"/admin/pages/{parent.pk}/add_subpage/")
    assert "/admin/pages/add/library/mediapage/" in types.content.decode()
    news_types = client.get(f"/admin/pages/{section(unit_a, 'news').pk}/add_subpage/")
    assert "library/mediapage" not in news_types.content.decode()
    recording = audio(unit_a)
    response = client.post(
        f"/admin/pages/add/library/mediapage/{parent.pk}/",
        {
            "title": "Tình huống: vay tiền không viết giấy",
            "slug": "vay-tien",
            "date": "2026-11-20",
            "media_file": recording.pk,
            "text_alternative": "",
            "language": "Tiếng Việt",
            "action-submit": "1",
        },
    )
    assert response.status_code == 200  # not sent for review: the form again, with the reason
    assert "bắt buộc" in response.content.decode()
    assert not MediaPage.objects.child_of(parent).exists()
    response = client.post(
        f"/admin/pages/add/library/mediapage/{parent.pk}/",
        {
            "title": "Tình huống: vay tiền không viết giấy",
            "slug": "vay-tien",
            "date": "2026-11-20",
            "media_file": recording.pk,
            "text_alternative": "Anh Nam cho vay tiền chỉ bằng lời nói.",
            "language": "Tiếng Việt",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    draft = MediaPage.objects.child_of(parent).get()
    assert draft.get_latest_revision_as_object().text_alternative.startswith("Anh Nam")
    assert draft.current_workflow_state is not None


def test_section_listing_shows_library_items(client, unit_a):
    media_item(unit_a, title="Tiểu phẩm trong chuyên mục")
    response = get(client, unit_a, section(unit_a, "materials_skits").url)
    assert "Tiểu phẩm trong chuyên mục" in response.content.decode()
    assert isinstance(section(unit_a, "materials_skits"), SectionPage)
