"""Demo articles for the plain mandatory sections of every unit (MoJ letter 5015):
introduction (role, structure, staff), materials, directives and professional
guidance, worded for the unit's kind (province, department, district, commune).

Called from ``home.demo.seed``; a section that already holds an article of the
same slug is left alone, so running the seed again changes nothing.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from wagtail.models import Page

from multisite.models import UnitKind, UnitSection
from multisite.naming import committee_name, in_sentence

PROVINCE_NAME = "tỉnh Bình An"


def _context(unit, index):
    """The words an article needs about ``unit``: its names, its standing body for
    legal dissemination and the head who signs its plans."""
    unit_s = in_sentence(unit.name)
    committee = committee_name(unit)
    if unit.kind == UnitKind.PROVINCE:
        body, head, level = f"Sở Tư pháp {PROVINCE_NAME}", "Giám đốc Sở Tư pháp", "cấp tỉnh"
        committee = f"Ủy ban nhân dân {PROVINCE_NAME}"
    elif unit.kind == UnitKind.DEPARTMENT:
        body, head, level = f"Văn phòng {unit.name}", f"Giám đốc {unit.name}", "ngành"
    elif unit.kind == UnitKind.DISTRICT:
        body, head, level = f"Phòng Tư pháp {unit_s}", f"Chủ tịch {committee}", "cấp huyện"
    else:
        body = f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {unit_s}"
        head, level = f"Chủ tịch {committee}", "cấp xã"
    return {
        "unit": unit.name,
        "unit_s": unit_s,
        "committee": committee,
        "body": body,
        "head": head,
        "level": level,
        "address": unit.address or f"trụ sở {committee}",
        "phone": unit.phone or f"0274 38{index:02d} {100 + index * 7:03d}",
        "reporter_count": 12 + index * 3 if unit.kind != UnitKind.COMMUNE else 3 + index % 4,
        "propagandists": 0 if unit.kind != UnitKind.COMMUNE else 18 + index * 2,
        "mediators": 0 if unit.kind != UnitKind.COMMUNE else 25 + index * 3,
        "plan_no": 100 + index * 13,
    }


ROLE = {
    UnitKind.PROVINCE: (
        "Sở Tư pháp là cơ quan thường trực của Hội đồng phối hợp phổ biến, giáo dục pháp luật {level}, "
        "giúp {committee} quản lý nhà nước về phổ biến, giáo dục pháp luật trên địa bàn tỉnh.",
        "Sở Tư pháp tham mưu ban hành chương trình, kế hoạch phổ biến, giáo dục pháp luật hằng năm; hướng dẫn, "
        "kiểm tra các sở, ban, ngành và Ủy ban nhân dân cấp xã thực hiện; quản lý đội ngũ báo cáo viên pháp luật "
        "cấp tỉnh và vận hành Cổng thông tin phổ biến, giáo dục pháp luật của tỉnh.",
    ),
    UnitKind.DEPARTMENT: (
        "{unit} chịu trách nhiệm phổ biến, giáo dục pháp luật thuộc lĩnh vực quản lý của ngành cho cán bộ, "
        "công chức, viên chức và người dân, doanh nghiệp trên địa bàn tỉnh.",
        "Hằng năm, {unit} xây dựng kế hoạch phổ biến các văn bản pháp luật mới của ngành, phối hợp với "
        "Sở Tư pháp biên soạn tài liệu, tổ chức hội nghị và cập nhật tin bài trên trang thông tin này.",
    ),
    UnitKind.DISTRICT: (
        "{committee} thống nhất quản lý công tác phổ biến, giáo dục pháp luật trên địa bàn; "
        "Phòng Tư pháp là cơ quan thường trực của Hội đồng phối hợp phổ biến, giáo dục pháp luật {level}.",
        "Trong giai đoạn sắp xếp đơn vị hành chính, {unit_s} tiếp tục hướng dẫn các xã, thị trấn trực thuộc "
        "duy trì tủ sách pháp luật, tổ hòa giải và đội ngũ tuyên truyền viên pháp luật ở cơ sở.",
    ),
    UnitKind.COMMUNE: (
        "{committee} tổ chức phổ biến, giáo dục pháp luật trực tiếp đến người dân thông qua hội nghị, "
        "loa truyền thanh, tủ sách pháp luật và đội ngũ tuyên truyền viên pháp luật ở các ấp, khu phố.",
        "{unit} phấn đấu giữ vững danh hiệu đạt chuẩn tiếp cận pháp luật theo Quyết định số 25/2021/QĐ-TTg "
        "của Thủ tướng Chính phủ, bảo đảm người dân được tiếp cận thông tin pháp luật đầy đủ, kịp thời.",
    ),
}

STRUCTURE = {
    UnitKind.PROVINCE: (
        "Lãnh đạo Sở Tư pháp gồm Giám đốc và các Phó Giám đốc; Phòng Phổ biến, giáo dục pháp luật và "
        "theo dõi thi hành pháp luật là đơn vị chuyên môn trực tiếp tham mưu công tác này.",
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh do một Phó Chủ tịch {committee} làm Chủ tịch, "
        "thành viên là lãnh đạo các sở, ban, ngành và tổ chức chính trị – xã hội cấp tỉnh.",
    ),
    UnitKind.DEPARTMENT: (
        "Lãnh đạo {unit} phân công một Phó Giám đốc phụ trách công tác phổ biến, giáo dục pháp luật; "
        "Văn phòng Sở là đầu mối tham mưu, phối hợp với các phòng chuyên môn và đơn vị sự nghiệp trực thuộc.",
        "Mỗi phòng chuyên môn cử một công chức làm cộng tác viên, cung cấp tin bài và tài liệu về các "
        "văn bản pháp luật mới thuộc lĩnh vực phụ trách.",
    ),
    UnitKind.DISTRICT: (
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật {level} do Phó Chủ tịch {committee} làm Chủ tịch; "
        "Trưởng phòng Tư pháp làm Phó Chủ tịch thường trực.",
        "Thành viên Hội đồng gồm lãnh đạo các phòng chuyên môn, Công an, Ủy ban Mặt trận Tổ quốc Việt Nam "
        "và các đoàn thể cùng cấp.",
    ),
    UnitKind.COMMUNE: (
        "Chủ tịch {committee} trực tiếp chỉ đạo công tác phổ biến, giáo dục pháp luật; "
        "{body} là đầu mối tham mưu, theo dõi và tổng hợp kết quả.",
        "Ở các ấp, khu phố có tổ hòa giải, tuyên truyền viên pháp luật và tủ sách pháp luật đặt tại "
        "nhà văn hóa; người dân có thể mượn sách, tài liệu miễn phí.",
    ),
}


def _articles(kind):
    """(section key, slug, title, summary, paragraphs, days before 20/11/2026) for a unit of ``kind``."""
    commune = kind == UnitKind.COMMUNE
    return [
        (
            "intro",
            "gioi-thieu-chung",
            "Giới thiệu chung về trang phổ biến, giáo dục pháp luật của {unit_s}",
            "Trang thông tin phổ biến, giáo dục pháp luật do {body} quản lý, cập nhật.",
            (
                "Trang thông tin phổ biến, giáo dục pháp luật của {unit_s} thuộc Cổng thông tin phổ biến, "
                "giáo dục pháp luật {province}, cung cấp tin tức, văn bản, tài liệu và giải đáp pháp luật "
                "cho người dân, doanh nghiệp.",
                "Cơ quan quản lý nội dung: {body}. Địa chỉ: {address}. Điện thoại: {phone}.",
            ),
            60,
        ),
        (
            "intro_role",
            "vi-tri-vai-tro",
            "Vị trí, vai trò trong công tác phổ biến, giáo dục pháp luật",
            "{unit} trong hệ thống tổ chức thực hiện công tác phổ biến, giáo dục pháp luật.",
            ROLE[kind],
            59,
        ),
        (
            "intro_structure",
            "co-cau-to-chuc",
            "Cơ cấu tổ chức thực hiện công tác phổ biến, giáo dục pháp luật",
            "Lãnh đạo phụ trách, đơn vị tham mưu và các thành viên phối hợp của {unit_s}.",
            STRUCTURE[kind],
            58,
        ),
        (
            "intro_staff",
            "doi-ngu",
            "Đội ngũ làm công tác phổ biến, giáo dục pháp luật năm 2026",
            "Báo cáo viên, tuyên truyền viên pháp luật và hòa giải viên ở cơ sở của {unit_s}.",
            (
                "Đến tháng 11/2026, {unit_s} có {reporter_count} báo cáo viên pháp luật"
                + (
                    ", {propagandists} tuyên truyền viên pháp luật và {mediators} hòa giải viên ở cơ sở."
                    if commune
                    else ", là cán bộ lãnh đạo, công chức có chuyên môn pháp luật được công nhận theo quy định."
                ),
                "Danh sách và lĩnh vực phụ trách của từng người được công khai tại mục “Báo cáo viên, "
                "tuyên truyền viên pháp luật” để cơ quan, tổ chức và người dân liên hệ mời tuyên truyền.",
            ),
            57,
        ),
        (
            "materials",
            "danh-muc-tai-lieu-2026",
            "Danh mục tài liệu phổ biến, giáo dục pháp luật năm 2026",
            "Tài liệu, video, tiểu phẩm và tình huống pháp luật {unit_s} phát hành trong năm 2026.",
            (
                "Năm 2026, {body} biên soạn và phát hành đề cương giới thiệu các luật mới, tờ gấp, video "
                "và tiểu phẩm về đất đai, phòng, chống ma túy, hôn nhân và gia đình, an toàn giao thông.",
                "Tài liệu được đăng tải miễn phí tại các mục con; cơ quan, tổ chức có thể tải về để in, "
                "sử dụng trong các buổi tuyên truyền.",
            ),
            20,
        ),
        (
            "directives",
            "ke-hoach-pbgdpl-2027",
            "Kế hoạch phổ biến, giáo dục pháp luật năm 2027",
            "Kế hoạch số {plan_no}/KH của {committee_or_unit} về công tác phổ biến, giáo dục pháp luật năm 2027.",
            (
                "Kế hoạch xác định các nhiệm vụ trọng tâm: phổ biến các luật mới được Quốc hội thông qua, "
                "đẩy mạnh chuyển đổi số trong phổ biến, giáo dục pháp luật, chú trọng đối tượng đặc thù.",
                "{body} có trách nhiệm theo dõi, đôn đốc và báo cáo kết quả thực hiện trước ngày 15/12/2027.",
            ),
            3,
        ),
        (
            "directives",
            "trien-khai-ngay-phap-luat-2026",
            "Công văn triển khai hưởng ứng Ngày Pháp luật Việt Nam năm 2026",
            "Chỉ đạo tổ chức các hoạt động hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam.",
            (
                "{head} đề nghị các đơn vị tổ chức hoạt động hưởng ứng Ngày Pháp luật thiết thực, tiết kiệm, "
                "gắn với nhiệm vụ chuyên môn; báo cáo kết quả về {body}.",
            ),
            40,
        ),
        (
            "guidance",
            "quy-trinh-to-chuc-tuyen-truyen",
            "Hướng dẫn quy trình tổ chức một buổi tuyên truyền pháp luật trực tiếp",
            "Các bước chuẩn bị, tổ chức và báo cáo kết quả một buổi phổ biến pháp luật.",
            (
                "Bước 1: xác định đối tượng, nội dung và báo cáo viên; bước 2: chuẩn bị tài liệu, địa điểm; "
                "bước 3: tổ chức tuyên truyền, ghi nhận câu hỏi; bước 4: cập nhật hoạt động vào hệ thống "
                "để tổng hợp số liệu báo cáo.",
            ),
            15,
        ),
        (
            "guidance",
            "danh-gia-chuan-tiep-can-phap-luat" if commune else "bieu-mau-bao-cao",
            "Hướng dẫn đánh giá xã đạt chuẩn tiếp cận pháp luật"
            if commune
            else "Biểu mẫu báo cáo kết quả công tác phổ biến, giáo dục pháp luật",
            "Tiêu chí, chỉ tiêu và hồ sơ đánh giá theo Quyết định số 25/2021/QĐ-TTg."
            if commune
            else "Mẫu báo cáo định kỳ 6 tháng và năm gửi {body}.",
            (
                "Việc đánh giá thực hiện hằng năm, gồm 5 tiêu chí: công khai, minh bạch thông tin; phổ biến, "
                "giáo dục pháp luật; hòa giải ở cơ sở; thực hiện dân chủ ở cơ sở; bảo đảm quốc phòng, an ninh.",
            )
            if commune
            else (
                "Số liệu báo cáo được tính từ ngày đầu đến ngày cuối kỳ; đơn vị nhập trực tiếp trên hệ thống "
                "tại mục “Báo cáo thống kê” của trang quản trị thay cho văn bản giấy.",
            ),
            30,
        ),
    ]


def _section_pages(unit):
    return {row.key: row.page for row in UnitSection.objects.filter(unit=unit).select_related("page")}


def seed_sections(unit, index):
    """Give each plain section of ``unit`` its demo articles (once)."""
    from .models import ArticlePage

    pages = _section_pages(unit)
    context = _context(unit, index)
    context["province"] = PROVINCE_NAME
    context["committee_or_unit"] = unit.name if unit.kind == UnitKind.DEPARTMENT else context["committee"]
    wanted = [row for row in _articles(unit.kind) if row[0] in pages]
    if not wanted:
        return
    parents = {pages[row[0]] for row in wanted}
    children = Q()
    for parent in parents:
        children |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    taken = set(Page.objects.filter(children).values_list("path", "slug"))
    taken = {(path[: -Page.steplen], slug) for path, slug in taken}
    for key, slug, title, summary, paragraphs, days in wanted:
        parent = pages[key]
        if (parent.path, slug) in taken:
            continue
        body = [("paragraph", f"<p>{text.format(**context)}</p>") for text in paragraphs]
        with transaction.atomic():
            article = parent.add_child(
                instance=ArticlePage(
                    title=title.format(**context),
                    slug=slug,
                    date=datetime.date(2026, 11, 20) - datetime.timedelta(days=days + index),
                    listing_summary=summary.format(**context),
                    body=body,
                    live=False,
                )
            )
            article.save_revision().publish()
