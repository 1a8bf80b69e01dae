"""Demo legal documents for seed_demo: a few real national documents, kept once
in the province's shared repository and listed by every unit, and each unit's
own documents, with relations among them, loaded through the importer."""

from django.db import transaction

from multisite.models import UnitKind, UnitSection
from multisite.naming import committee_name

from .importing import Status, import_records
from .models import (
    DocumentLevel,
    DocumentListingRule,
    IntroductionMaterialPage,
    LegalDocumentPage,
    LegalField,
    MaterialType,
)

NATIONAL = [
    {
        "document_number": "14/2012/QH13",
        "title": "Luật Phổ biến, giáo dục pháp luật",
        "document_type": "Luật",
        "issuing_body": "Quốc hội",
        "signer": "Nguyễn Sinh Hùng",
        "signer_title": "Chủ tịch Quốc hội",
        "issue_date": "2012-06-20",
        "effective_date": "2013-01-01",
        "effect_status": "in_force",
        "fields": ["Phổ biến, giáo dục pháp luật"],
        "summary": "Luật quy định về quyền và trách nhiệm tìm hiểu, học tập pháp luật của công dân; "
        "nội dung, hình thức phổ biến, giáo dục pháp luật và trách nhiệm của cơ quan, tổ chức.",
        "body_text": "Chương I. NHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n"
        "Luật này quy định về quyền và trách nhiệm tìm hiểu, học tập pháp luật của công dân; nội dung, "
        "hình thức phổ biến, giáo dục pháp luật; trách nhiệm của cơ quan, tổ chức, cá nhân trong "
        "phổ biến, giáo dục pháp luật và các bảo đảm cho công tác phổ biến, giáo dục pháp luật.",
        "source_url": "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=27595",
    },
    {
        "document_number": "28/2013/NĐ-CP",
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phổ biến, giáo dục pháp luật",
        "document_type": "Nghị định",
        "issuing_body": "Chính phủ",
        "signer": "Nguyễn Tấn Dũng",
        "signer_title": "Thủ tướng Chính phủ",
        "issue_date": "2013-04-04",
        "effective_date": "2013-06-01",
        "effect_status": "in_force",
        "fields": ["Phổ biến, giáo dục pháp luật"],
        "summary": "Quy định chi tiết về báo cáo viên pháp luật, tuyên truyền viên pháp luật, "
        "Ngày Pháp luật và các bảo đảm cho công tác phổ biến, giáo dục pháp luật.",
        "body_text": "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết một số điều và biện pháp "
        "thi hành Luật Phổ biến, giáo dục pháp luật.",
        "relations": [{"type": "guides", "document_number": "14/2012/QH13"}],
    },
    {
        "document_number": "31/2024/QH15",
        "title": "Luật Đất đai",
        "document_type": "Luật",
        "issuing_body": "Quốc hội",
        "signer": "Vương Đình Huệ",
        "signer_title": "Chủ tịch Quốc hội",
        "issue_date": "2024-01-18",
        "effective_date": "2024-08-01",
        "effect_status": "in_force",
        "fields": ["Đất đai"],
        "summary": "Luật quy định về chế độ sở hữu đất đai, quyền hạn và trách nhiệm của Nhà nước đại diện "
        "chủ sở hữu toàn dân về đất đai; quyền và nghĩa vụ của người sử dụng đất.",
        "body_text": "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về chế độ sở hữu đất đai, quyền hạn và "
        "trách nhiệm của Nhà nước đại diện chủ sở hữu toàn dân về đất đai và thống nhất quản lý về đất đai.",
    },
    {
        "document_number": "102/2024/NĐ-CP",
        "title": "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai",
        "document_type": "Nghị định",
        "issuing_body": "Chính phủ",
        "signer": "Trần Hồng Hà",
        "signer_title": "Phó Thủ tướng",
        "issue_date": "2024-07-30",
        "effective_date": "2024-08-01",
        "effect_status": "in_force",
        "fields": ["Đất đai"],
        "summary": "Quy định chi tiết thi hành một số điều của Luật Đất đai về điều tra cơ bản đất đai, "
        "giao đất, cho thuê đất, chuyển mục đích sử dụng đất.",
        "body_text": "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết một số điều của Luật Đất đai.",
        "relations": [{"type": "guides", "document_number": "31/2024/QH15"}],
    },
]


def local_records(unit, index):
    """Two documents of the unit's own (or, for the province, of the provincial committee)."""
    if unit.kind == UnitKind.PROVINCE:
        body, signer_title = "Ủy ban nhân dân tỉnh", "Chủ tịch"
        plan_title = "Kế hoạch phổ biến, giáo dục pháp luật năm 2026 trên địa bàn tỉnh"
    else:
        body, signer_title = committee_name(unit), "Chủ tịch"
        if unit.kind == UnitKind.DEPARTMENT:
            body, signer_title = unit.name, "Giám đốc"
        plan_title = f"Kế hoạch tuyên truyền, phổ biến Luật Đất đai năm 2024 của {unit.name}"
    number = 100 + index
    return [
        {
            "document_number": f"{number}/KH-UBND"
            if unit.kind != UnitKind.DEPARTMENT
            else f"{number}/KH-STP",
            "title": plan_title,
            "document_type": "Kế hoạch",
            "issuing_body": body,
            "signer": "Nguyễn Văn Bình",
            "signer_title": signer_title,
            "issue_date": "2025-12-15",
            "effective_date": "2025-12-15",
            "effect_status": "in_force",
            "fields": ["Phổ biến, giáo dục pháp luật", "Đất đai"],
            "summary": f"Tổ chức tuyên truyền, phổ biến Luật Đất đai và các văn bản hướng dẫn đến cán bộ, "
            f"công chức và Nhân dân; {unit.name} chủ trì thực hiện.",
            "body_text": "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao nhận thức, ý thức chấp hành pháp luật về đất đai.\n\n"
            "II. NỘI DUNG\n\nTổ chức hội nghị, tọa đàm; đăng tải tài liệu trên Trang thông tin điện tử.",
            "relations": [
                {"type": "based_on", "document_number": "31/2024/QH15"},
                {"type": "based_on", "document_number": "102/2024/NĐ-CP"},
                {"type": "based_on", "document_number": "14/2012/QH13"},
            ],
        },
        {
            "document_number": f"{number + 20}/2025/QĐ-UBND",
            "title": "Quyết định ban hành Quy chế phối hợp trong công tác phổ biến, giáo dục pháp luật",
            "document_type": "Quyết định",
            "issuing_body": "Ủy ban nhân dân tỉnh" if unit.kind != UnitKind.COMMUNE else body,
            "signer": "Trần Thị Minh",
            "signer_title": "Phó Chủ tịch",
            "issue_date": "2025-06-02",
            "effective_date": "2025-06-15",
            "effect_status": "in_force",
            "fields": ["Phổ biến, giáo dục pháp luật", "Bộ máy hành chính"],
            "summary": "Ban hành Quy chế phối hợp giữa các cơ quan, đơn vị trong công tác phổ biến, "
            "giáo dục pháp luật và hòa giải ở cơ sở.",
            "body_text": "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp trong công tác phổ biến, "
            "giáo dục pháp luật.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 6 năm 2025.",
            "relations": [{"type": "based_on", "document_number": "28/2013/NĐ-CP"}],
        },
    ]


def seed_legal_documents(unit, index):
    """Import the demo documents for the unit (idempotent): the national ones
    land in the repository once and are listed on the unit; the unit lists the
    central land-law documents by a rule and gets one outline of its own."""
    records = NATIONAL + local_records(unit, index)
    results = list(import_records(enumerate(records, start=1), unit, list_on_unit=True))
    problems = [r.message for r in results if r.status == Status.INVALID]
    if problems:
        raise RuntimeError("\n".join(problems))
    if unit.kind != UnitKind.PROVINCE:
        rule, created = DocumentListingRule.objects.get_or_create(
            unit=unit, title="Văn bản trung ương về đất đai", defaults={"level": DocumentLevel.CENTRAL}
        )
        if created:
            rule.fields.set(LegalField.objects.filter(name="Đất đai"))
    section = UnitSection.objects.filter(unit=unit, key="legal_documents").select_related("page").first()
    parent = section.page.specific if section else None
    law = LegalDocumentPage.objects.filter(document_number="31/2024/QH15").first()
    if (
        parent is None
        or law is None
        or parent.get_children().filter(slug="de-cuong-luat-dat-dai-2024").exists()
    ):
        return
    with transaction.atomic():
        outline = parent.add_child(
            instance=IntroductionMaterialPage(
                title="Đề cương giới thiệu Luật Đất đai năm 2024",
                slug="de-cuong-luat-dat-dai-2024",
                material_type=MaterialType.OUTLINE,
                document=law,
                listing_summary="Những điểm mới cơ bản của Luật Đất đai năm 2024 dành cho báo cáo viên, "
                "tuyên truyền viên pháp luật.",
                body=[
                    (
                        "paragraph",
                        "<h2>I. Sự cần thiết ban hành Luật</h2><p>Luật Đất đai năm 2024 thể chế hóa chủ trương "
                        "của Đảng về tiếp tục đổi mới, hoàn thiện thể chế, chính sách về quản lý và sử dụng "
                        "đất.</p><h2>II. Những điểm mới cơ bản</h2><ul><li>Mở rộng đối tượng được nhận chuyển "
                        "nhượng đất trồng lúa.</li><li>Bỏ khung giá đất; bảng giá đất ban hành hằng năm.</li></ul>",
                    )
                ],
                live=False,
            )
        )
        outline.save_revision().publish()
