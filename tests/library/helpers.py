"""Library pages and small real files for the library tests."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from library import demo_files
from library.models import LecturePage, Lesson, MediaPage, PublicationPage
from tests.factories import section


def document(unit, content, name, title="Tệp thư viện"):
    return Document.objects.create(
        title=title, file=ContentFile(content, name=name), collection=unit.collection
    )


def pdf(unit, pages=(("Luat Dat dai 2024", "Quyen cua nguoi su dung dat"), ("Trang hai",)), title="Sách"):
    return document(unit, demo_files.text_pdf([list(lines) for lines in pages]), "sach.pdf", title)


def audio(unit, title="Bản ghi âm"):
    return document(unit, demo_files.tone_wav(0.2), "ban-ghi.wav", title)


def publish(parent, page, publish=True):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def publication(unit, title="Sổ tay pháp luật", section_key="bookcase", publish_it=True, **fields):
    fields.setdefault("pdf", pdf(unit))
    fields.setdefault("category", "cam-nang")
    fields.setdefault("text_alternative", "Mô tả nội dung sổ tay cho người khiếm thị.")
    fields.setdefault("date", datetime.date(2026, 11, 1))
    return publish(section(unit, section_key), PublicationPage(title=title, **fields), publish_it)


def media_item(unit, title="Tiểu phẩm truyền thanh", section_key="materials_skits", **fields):
    if "youtube_url" not in fields:
        fields.setdefault("media_file", audio(unit))
    fields.setdefault("text_alternative", "Lời thoại của tiểu phẩm.")
    fields.setdefault("date", datetime.date(2026, 11, 2))
    return publish(section(unit, section_key), MediaPage(title=title, **fields))


def lecture(unit, title="Bài giảng điện tử", lessons=(("Bài một", "Lời giảng bài một."),), **fields):
    fields.setdefault("text_alternative", "Giới thiệu bài giảng.")
    fields.setdefault("date", datetime.date(2026, 11, 3))
    page = LecturePage(title=title, **fields)
    page.lessons = [
        Lesson(title=name, transcript=text, sort_order=order) for order, (name, text) in enumerate(lessons)
    ]
    return publish(section(unit, "materials_videos"), page)
