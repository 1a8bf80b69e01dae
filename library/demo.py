"""Demo library for `seed_demo`: in every unit, a leaflet, an e-lecture, an
audio skit and an audio legal case study under "Tài liệu phổ biến, giáo dục
pháp luật", and two books in the bookcase. Every file is made by the project
(library.demo_files)."""

import datetime
import functools

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.images.models import Image

from multisite.models import UnitSection

from . import demo_files
from .models import LecturePage, Lesson, MediaPage, PublicationPage

LEAFLET_PAGES = [
    [
        "Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024.",
        "Người dân được cấp Giấy chứng nhận quyền sử dụng đất đối với đất không có giấy tờ "
        "nếu sử dụng ổn định, không vi phạm pháp luật về đất đai.",
    ],
    [
        "Bảng giá đất được xây dựng hằng năm, áp dụng từ ngày 01 tháng 01.",
        "Mọi thắc mắc xin liên hệ bộ phận một cửa của Ủy ban nhân dân cấp xã.",
    ],
]
BOOKS = [
    (
        "Sổ tay pháp luật về phòng, chống bạo lực gia đình",
        "cam-nang",
        "Sổ tay giải thích các hành vi bạo lực gia đình, quyền của nạn nhân và nơi được trợ giúp.",
        (31, 94, 140),
    ),
    (
        "Hỏi – đáp pháp luật về hòa giải ở cơ sở",
        "hoi-dap",
        "Những câu hỏi thường gặp về tổ hòa giải, hòa giải viên và trình tự hòa giải ở cơ sở.",
        (46, 125, 50),
    ),
]
SKIT_TRANSCRIPT = (
    "Tiểu phẩm truyền thanh “Chuyện nhà bác Ba” (ba nhân vật: bác Ba, chị Hoa, cán bộ tư pháp).\n\n"
    "Bác Ba: Thửa đất nhà tôi ở từ năm 1990 mà chưa có sổ đỏ, giờ có làm được không cô?\n\n"
    "Cán bộ tư pháp: Thưa bác, theo Luật Đất đai năm 2024, đất sử dụng ổn định trước ngày 01/7/2014, "
    "không tranh chấp thì được xem xét cấp Giấy chứng nhận.\n\n"
    "Chị Hoa: Vậy con đi nộp hồ sơ ở đâu ạ?\n\n"
    "Cán bộ tư pháp: Chị nộp tại bộ phận một cửa của Ủy ban nhân dân xã."
)
CASE_TRANSCRIPT = (
    "Tình huống: Anh Nam cho người quen vay 50 triệu đồng, chỉ thỏa thuận miệng. Đến hạn, người vay "
    "không trả.\n\n"
    "Giải đáp: Hợp đồng vay bằng lời nói vẫn có hiệu lực theo Bộ luật Dân sự năm 2015. Anh Nam cần thu "
    "thập chứng cứ (tin nhắn, người làm chứng, sao kê chuyển khoản) và có thể yêu cầu hòa giải ở cơ sở "
    "hoặc khởi kiện tại Tòa án nhân dân nơi người vay cư trú."
)
LESSONS = [
    (
        "Bài 1. Hòa giải ở cơ sở là gì?",
        "Hòa giải ở cơ sở là việc hòa giải viên hướng dẫn, giúp đỡ các bên đạt được thỏa thuận, tự "
        "nguyện giải quyết với nhau các mâu thuẫn, tranh chấp nhỏ trong cộng đồng dân cư.",
    ),
    (
        "Bài 2. Trình tự một buổi hòa giải",
        "Hòa giải viên nghe các bên trình bày, phân tích quy định của pháp luật và phong tục tốt đẹp, "
        "đưa ra phương án để các bên cùng cân nhắc; kết quả được ghi vào sổ theo dõi.",
    ),
]


@functools.cache
def _files():
    """The demo files, made once per run and shared by every unit."""
    return {
        "leaflet": demo_files.image_pdf("Tờ gấp pháp luật", LEAFLET_PAGES),
        "wav": demo_files.tone_wav(),
        "book": demo_files.image_pdf("Tủ sách pháp luật", [[text] for _t, _c, text, _col in BOOKS]),
        "covers": [demo_files.cover_png(title, "Sở Tư pháp", colour) for title, _c, _t, colour in BOOKS],
    }


def _document(unit, title, content, name):
    return Document.objects.create(
        title=title, file=ContentFile(content, name=name), collection=unit.collection
    )


def _section(unit, key):
    row = UnitSection.objects.select_related("page").filter(unit=unit, key=key).first()
    return row.page.specific if row else None


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()


def seed_library(unit, index):
    """Give every materials sub-section and the bookcase of ``unit`` an item; idempotent."""
    date = datetime.date(2026, 11, 18) - datetime.timedelta(days=index)
    files = _files()
    with transaction.atomic():
        documents = _section(unit, "materials_documents")
        if documents and not PublicationPage.objects.child_of(documents).exists():
            _publish(
                documents,
                PublicationPage(
                    title="Tờ gấp: Những điểm mới của Luật Đất đai năm 2024",
                    date=date,
                    category="to-gap",
                    pdf=_document(
                        unit, "Tờ gấp Luật Đất đai 2024", files["leaflet"], "to-gap-luat-dat-dai.pdf"
                    ),
                    author=unit.name,
                    listing_summary="Tờ gấp hai trang tóm tắt quyền và nghĩa vụ của người sử dụng đất.",
                    text_alternative="\n\n".join(" ".join(page) for page in LEAFLET_PAGES),
                    live=False,
                ),
            )
        videos = _section(unit, "materials_videos")
        if videos and not LecturePage.objects.child_of(videos).exists():
            lecture = LecturePage(
                title="Bài giảng điện tử: Hòa giải ở cơ sở",
                date=date,
                listing_summary="Hai bài học ngắn cho hòa giải viên mới, có lời giảng đầy đủ.",
                text_alternative="Bài giảng gồm hai bài học về khái niệm và trình tự hòa giải ở cơ sở.",
                live=False,
            )
            audio = _document(unit, "Âm thanh bài giảng hòa giải", files["wav"], "bai-giang-hoa-giai.wav")
            lecture.lessons = [
                Lesson(title=title, transcript=text, media_file=audio, sort_order=order)
                for order, (title, text) in enumerate(LESSONS)
            ]
            _publish(videos, lecture)
        for key, title, transcript in (
            ("materials_skits", "Tiểu phẩm truyền thanh: Chuyện nhà bác Ba", SKIT_TRANSCRIPT),
            ("materials_cases", "Tình huống pháp luật: Cho vay tiền không viết giấy", CASE_TRANSCRIPT),
        ):
            section = _section(unit, key)
            if section and not MediaPage.objects.child_of(section).exists():
                _publish(
                    section,
                    MediaPage(
                        title=title,
                        date=date,
                        media_file=_document(unit, title, files["wav"], f"{section.slug}.wav"),
                        duration="0:02",
                        listing_summary=transcript.split("\n\n")[0][:200],
                        text_alternative=transcript,
                        live=False,
                    ),
                )
        bookcase = _section(unit, "bookcase")
        if bookcase and not PublicationPage.objects.child_of(bookcase).exists():
            for (title, category, summary, _colour), cover in zip(BOOKS, files["covers"], strict=True):
                _publish(
                    bookcase,
                    PublicationPage(
                        title=title,
                        date=date,
                        category=category,
                        pdf=_document(unit, title, files["book"], "sach-phap-luat.pdf"),
                        cover=Image.objects.create(
                            title=f"Bìa: {title}",
                            file=ImageFile(ContentFile(cover), name="bia-sach.png"),
                            collection=unit.collection,
                        ),
                        author="Sở Tư pháp",
                        year=2026,
                        listing_summary=summary,
                        text_alternative=summary,
                        live=False,
                    ),
                )
