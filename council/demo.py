"""Demo council content for `seed_demo`: members, decisions, plans and activities."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document

from multisite.models import UnitSection

from .models import CouncilActivityPage, CouncilDecision, CouncilMember, CouncilPlan

MEMBERS = [
    ("Nguyễn Văn Hùng", "Chủ tịch Hội đồng", "Phó Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân {unit}"),
    ("Trần Thị Thu Hà", "Phó Chủ tịch thường trực", "Giám đốc Sở Tư pháp", "{justice}"),
    ("Lê Minh Tuấn", "Phó Chủ tịch", "Phó Trưởng Ban Tuyên giáo", "{unit}"),
    ("Phạm Thị Lan", "Thành viên", "Phó Giám đốc", "Sở Giáo dục và Đào tạo"),
    ("Hoàng Quốc Việt", "Thành viên", "Phó Giám đốc", "Công an {unit}"),
    ("Võ Thị Mai", "Thành viên kiêm Thư ký", "Trưởng phòng Phổ biến, giáo dục pháp luật", "{justice}"),
]
ACTIVITIES = [
    (
        "meeting",
        "Phiên họp Hội đồng phối hợp phổ biến, giáo dục pháp luật quý IV năm 2026",
        "Hội trường Ủy ban nhân dân",
        "Đánh giá kết quả năm 2026 và thông qua kế hoạch năm 2027.",
        "<p>Hội đồng đánh giá kết quả thực hiện kế hoạch năm 2026, thống nhất các nhiệm vụ trọng tâm năm 2027: "
        "phổ biến các luật mới, tăng cường chuyển đổi số trong công tác phổ biến, giáo dục pháp luật.</p>",
        datetime.date(2026, 11, 12),
    ),
    (
        "campaign",
        "Cao điểm hưởng ứng Ngày Pháp luật Việt Nam năm 2026",
        "Các xã, phường trên địa bàn",
        "Chuỗi hoạt động tuyên truyền lưu động, thi tìm hiểu pháp luật và tọa đàm.",
        "<p>Trong tháng cao điểm, các thành viên Hội đồng tổ chức tuyên truyền lưu động, treo băng rôn, "
        "khẩu hiệu và phát động cuộc thi tìm hiểu pháp luật trực tuyến.</p>",
        datetime.date(2026, 10, 20),
    ),
    (
        "inspection",
        "Kiểm tra công tác phổ biến, giáo dục pháp luật tại cơ sở năm 2026",
        "Ủy ban nhân dân cấp xã",
        "Đoàn kiểm tra làm việc về việc xây dựng cấp xã đạt chuẩn tiếp cận pháp luật.",
        "<p>Đoàn kiểm tra ghi nhận kết quả tích cực, đồng thời đề nghị cơ sở kiện toàn đội ngũ tuyên truyền viên pháp luật.</p>",
        datetime.date(2026, 9, 8),
    ),
]


def _pdf(collection, title):
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n% demo\n", name="tai-lieu-mau.pdf"), collection=collection
    )


def seed_council(unit, justice_name):
    """Fill the unit's council page once; later runs change nothing."""
    page = UnitSection.objects.select_related("page").get(unit=unit, key="council").page.specific
    if page.members.exists():
        return
    with transaction.atomic():
        page.members = [
            CouncilMember(
                name=name,
                council_position=role,
                work_position=position,
                agency=agency.format(unit=unit.name, justice=justice_name),
                sort_order=order,
            )
            for order, (name, role, position, agency) in enumerate(MEMBERS)
        ]
        page.decisions = [
            CouncilDecision(
                title=f"Quyết định kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật {unit.name}",
                number="1575/QĐ-UBND",
                date=datetime.date(2025, 7, 15),
                document=_pdf(unit.collection, f"Quyết định kiện toàn Hội đồng – {unit.name}"),
            )
        ]
        page.plans = [
            CouncilPlan(
                year=2026,
                kind="plan",
                title="Kế hoạch phổ biến, giáo dục pháp luật năm 2026",
                document=_pdf(unit.collection, f"Kế hoạch PBGDPL 2026 – {unit.name}"),
            ),
            CouncilPlan(
                year=2025,
                kind="report",
                title="Báo cáo kết quả công tác phổ biến, giáo dục pháp luật năm 2025",
                document=_pdf(unit.collection, f"Báo cáo PBGDPL 2025 – {unit.name}"),
            ),
        ]
        page.save_revision().publish()
        for kind, title, place, summary, body, date in ACTIVITIES:
            activity = page.add_child(
                instance=CouncilActivityPage(
                    title=title,
                    kind=kind,
                    date=date,
                    place=place,
                    listing_summary=summary,
                    body=body,
                    participants="Các thành viên Hội đồng; đại diện các phòng, ban, đoàn thể.",
                    live=False,
                )
            )
            activity.save_revision().publish()
