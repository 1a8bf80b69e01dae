"""Demo pictures drawn by the project with Pillow when the demo is seeded (no
third-party image; released with the project's code, see README), their
Vietnamese descriptions, and the portal's demo topic (seed 000: investment
policy and industrial zones).

Only the original files are made here: renditions are made when a page first
shows them, never during seeding.
"""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from core.drawing import BOLD, font

SIZE = (1200, 675)
RED, GOLD, NAVY, WHITE = (163, 22, 26), (240, 196, 64), (28, 52, 98), (255, 255, 255)


def _font(size):
    return font(size, BOLD)


def _centered(draw, y, text, size, fill):
    width = draw.textlength(text, font=_font(size))
    draw.text(((SIZE[0] - width) / 2, y), text, fill=fill, font=_font(size))


def _person(draw, x, y, shirt, scale=1.0):
    r = 26 * scale
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(236, 196, 160))
    draw.ellipse((x - r, y - r - 4, x + r, y), fill=(40, 30, 25))
    draw.rounded_rectangle((x - 2 * r, y + r + 4, x + 2 * r, y + 6 * r), radius=int(r), fill=shirt)


def draw_conference(draw):
    draw.rectangle((0, 0, *SIZE), fill=(238, 232, 220))
    draw.rectangle((120, 50, 1080, 170), fill=RED)
    _centered(draw, 88, "HỘI NGHỊ PHỔ BIẾN PHÁP LUẬT", 48, WHITE)
    draw.rectangle((520, 230, 680, 400), fill=(120, 72, 40))
    _person(draw, 600, 205, NAVY, 0.8)
    for row, y in enumerate((470, 560)):
        for x in range(90 + row * 45, 1160, 90):
            _person(draw, x, y, (70 + row * 40, 90, 140), 0.9)


def draw_youth(draw):
    draw.rectangle((0, 0, *SIZE), fill=(214, 236, 222))
    draw.rectangle((150, 60, 1050, 250), fill=WHITE, outline=RED, width=8)
    _centered(draw, 95, "NÓI KHÔNG", 56, RED)
    _centered(draw, 165, "VỚI MA TÚY", 56, RED)
    for index, x in enumerate(range(170, 1100, 130)):
        _person(draw, x, 380 + (index % 2) * 40, (30, 110, 190), 1.2)


def draw_law_day(draw):
    draw.rectangle((0, 0, *SIZE), fill=(250, 244, 228))
    draw.polygon([(200, 420), (600, 470), (600, 620), (200, 570)], fill=WHITE, outline=NAVY)
    draw.polygon([(1000, 420), (600, 470), (600, 620), (1000, 570)], fill=WHITE, outline=NAVY)
    for y in range(490, 580, 22):
        draw.line((240, y - 25, 560, y + 10), fill=(150, 160, 180), width=4)
        draw.line((640, y + 10, 960, y - 25), fill=(150, 160, 180), width=4)
    draw.line((600, 160, 600, 440), fill=GOLD, width=12)
    draw.line((400, 200, 800, 200), fill=GOLD, width=10)
    for x in (400, 800):
        draw.line((x, 200, x - 60, 320), fill=GOLD, width=4)
        draw.line((x, 200, x + 60, 320), fill=GOLD, width=4)
        draw.pieslice((x - 80, 260, x + 80, 380), 0, 180, fill=GOLD)
    _centered(draw, 40, "NGÀY PHÁP LUẬT 9/11", 60, RED)


def draw_industrial_zone(draw):
    for y in range(SIZE[1]):
        shade = int(200 - y * 0.12)
        draw.line((0, y, SIZE[0], y), fill=(shade - 60, shade, 235))
    draw.rectangle((0, 480, SIZE[0], SIZE[1]), fill=(120, 170, 90))
    draw.rectangle((0, 560, SIZE[0], 620), fill=(90, 90, 95))
    for x in range(40, SIZE[0], 80):
        draw.rectangle((x, 586, x + 40, 594), fill=WHITE)
    for left in (60, 430, 800):
        draw.rectangle((left, 330, left + 340, 480), fill=(205, 210, 215))
        for tooth in range(left, left + 340, 68):
            draw.polygon([(tooth, 330), (tooth + 68, 330), (tooth + 68, 270)], fill=(150, 160, 175))
        draw.rectangle((left + 280, 180, left + 310, 330), fill=(170, 80, 60))
        for window in range(left + 20, left + 320, 60):
            draw.rectangle((window, 380, window + 36, 420), fill=(110, 160, 200))
    for x in range(30, SIZE[0], 110):
        draw.rectangle((x + 14, 520, x + 22, 555), fill=(100, 70, 40))
        draw.ellipse((x, 480, x + 36, 530), fill=(40, 120, 60))
    _centered(draw, 80, "KHU CÔNG NGHIỆP", 60, NAVY)


# key: (title, drawing, description for blind readers)
PICTURES = {
    "hoi-nghi": (
        "Minh họa: hội nghị phổ biến pháp luật",
        draw_conference,
        "Hình minh họa hội trường: băng rôn đỏ ghi «Hội nghị phổ biến pháp luật» phía trên bục phát biểu, "
        "phía dưới là các hàng đại biểu ngồi nghe.",
    ),
    "ma-tuy": (
        "Minh họa: tuyên truyền phòng, chống ma túy",
        draw_youth,
        "Hình minh họa buổi tuyên truyền: tấm bảng ghi «Nói không với ma túy» và nhóm đoàn viên thanh niên "
        "áo xanh đứng phía trước.",
    ),
    "ngay-phap-luat": (
        "Minh họa: Ngày Pháp luật",
        draw_law_day,
        "Hình minh họa Ngày Pháp luật: quyển sách mở và chiếc cân màu vàng bên dòng chữ «Ngày Pháp luật 9/11».",
    ),
    "khu-cong-nghiep": (
        "Minh họa: khu công nghiệp",
        draw_industrial_zone,
        "Hình minh họa khu công nghiệp: ba dãy nhà xưởng mái răng cưa có ống khói, con đường nội bộ và hàng "
        "cây xanh phía trước.",
    ),
}


def draw(key):
    """The picture ``key`` as JPEG bytes (about 30–60 KB)."""
    image = Image.new("RGB", SIZE)
    PICTURES[key][1](ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def demo_picture(key):
    """The demo image ``key`` (drawn and stored the first time, in the root
    collection that every site may show)."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    model = get_image_model()
    title = PICTURES[key][0]
    found = model.objects.filter(title=title).first()
    if found is None:
        found = model.objects.create(
            title=title,
            file=ImageFile(io.BytesIO(draw(key)), name=f"{key}.jpg"),
            collection=Collection.get_first_root_node(),
        )
    return found


def picture_fields(key):
    """The fields of a demo article showing picture ``key`` (none for None)."""
    if key is None:
        return {}
    return {"image": demo_picture(key), "image_alt": PICTURES[key][2]}


TOPIC_SLUG = "chinh-sach-dau-tu-khu-cong-nghiep"
TOPIC_ARTICLES = [
    (
        "chinh-sach-uu-dai-dau-tu",
        "Những chính sách ưu đãi đầu tư vào các khu công nghiệp của tỉnh",
        "Tổng hợp các ưu đãi về thuế, tiền thuê đất và thủ tục đầu tư dành cho dự án trong khu công nghiệp.",
        "Theo Luật Đầu tư năm 2020, dự án đầu tư vào khu công nghiệp được hưởng ưu đãi về thuế thu nhập "
        "doanh nghiệp, miễn, giảm tiền thuê đất và được giải quyết thủ tục tại một đầu mối.",
        datetime.date(2026, 11, 12),
    ),
    (
        "bhxh-bhyt-cong-nhan",
        "Quyền lợi bảo hiểm xã hội, bảo hiểm y tế của công nhân khu công nghiệp",
        "Hỏi – đáp về đóng, hưởng bảo hiểm xã hội, bảo hiểm y tế và giải quyết tranh chấp lao động.",
        "Người lao động làm việc theo hợp đồng từ đủ 01 tháng trở lên thuộc đối tượng tham gia bảo hiểm "
        "xã hội bắt buộc; doanh nghiệp có trách nhiệm đóng đủ, đúng hạn cho người lao động.",
        datetime.date(2026, 11, 5),
    ),
]


def seed_topic(unit, index):
    """The portal's demo topic, "Chính sách đầu tư và các khu công nghiệp",
    with two articles of the Department of Justice it gathers (seed 000)."""
    from django.db import transaction

    from home.models import ArticlePage, TopicItem, TopicPage
    from multisite.models import UnitKind, UnitSection

    if unit.kind != UnitKind.PROVINCE:
        return
    home = unit.site.root_page.specific
    if TopicPage.objects.child_of(home).filter(slug=TOPIC_SLUG).exists():
        return
    news = UnitSection.objects.select_related("page").get(unit=unit, key="news").page
    picked = []
    with transaction.atomic():
        for slug, title, summary, text, date in TOPIC_ARTICLES:
            page = news.get_children().filter(slug=slug).first()
            if page is None:
                page = news.add_child(
                    instance=ArticlePage(
                        title=title,
                        slug=slug,
                        date=date,
                        listing_summary=summary,
                        body=[("paragraph", f"<p>{text}</p>")],
                        live=False,
                        **picture_fields("khu-cong-nghiep" if not picked else None),
                    )
                )
                page.save_revision().publish()
            picked.append(page)
        topic = home.add_child(
            instance=TopicPage(
                title="Chính sách đầu tư và các khu công nghiệp",
                slug=TOPIC_SLUG,
                listing_summary="Chính sách đầu tư, văn bản pháp luật về khu công nghiệp, công nhân, bảo hiểm "
                "xã hội, bảo hiểm y tế trên địa bàn tỉnh.",
                intro="<p>Chuyên đề tập hợp thông tin về chính sách đầu tư và các khu công nghiệp trên địa "
                "bàn tỉnh, các chính sách nổi bật liên quan đến công nhân, bảo hiểm xã hội và bảo hiểm y tế.</p>",
                banner=demo_picture("khu-cong-nghiep"),
                banner_alt=PICTURES["khu-cong-nghiep"][2],
                items=[TopicItem(page=page) for page in picked],
                live=False,
            )
        )
        topic.save_revision().publish()
