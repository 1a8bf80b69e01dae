"""Demo council content for `seed_demo`: members, decisions, plans and activities."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document

from multisite.models import UnitKind, UnitSection
from multisite.naming import committee_name, in_sentence

from .models import CouncilActivityPage, CouncilDecision, CouncilMember, CouncilPlan

MEMBERS = [
    ("Nguyễn Văn Hùng", "Chủ tịch Hội đồng", "Phó Chủ tịch Ủy ban nhân dân", "{committee}"),
    ("Trần Thị Thu Hà", "Phó Chủ tịch thường trực", "{justice_head}", "{justice}"),
    ("Lê Minh Tuấn", "Phó Chủ tịch", "Phó Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam {unit_s}"),
    ("Phạm Thị Lan", "Thành viên", "{education_head}", "{education}"),
    ("Hoàng Quốc Việt", "Thành viên", "Phó Trưởng Công an", "Công an {unit_s}"),
    ("Võ Thị Mai", "Thành viên kiêm Thư ký", "{secretary}", "{justice}"),
]
# A department has no council of its own: its page names its members of the
# province's council and the staff who serve them.
DEPARTMENT_MEMBERS = [
    ("Đỗ Thanh Bình", "Thành viên Hội đồng tỉnh", "Phó Giám đốc", "{unit}"),
    ("Ngô Thị Hồng", "Thư ký giúp việc", "Chánh Văn phòng", "{unit}"),
    ("Bùi Văn Khánh", "Cộng tác viên", "Chuyên viên pháp chế, Văn phòng", "{unit}"),
]


def member_words(unit, justice_name):
    """The agencies and positions the member lists name, for ``unit``'s level."""
    unit_s = in_sentence(unit.name)
    if unit.kind == UnitKind.PROVINCE:
        return {
            "unit": unit.name,
            "unit_s": "tỉnh",
            "committee": "Ủy ban nhân dân tỉnh",
            "justice": justice_name,
            "justice_head": "Giám đốc Sở Tư pháp",
            "education_head": "Phó Giám đốc",
            "education": "Sở Giáo dục và Đào tạo",
            "secretary": "Trưởng phòng Phổ biến, giáo dục pháp luật",
        }
    local = {
        "unit": unit.name,
        "unit_s": unit_s,
        "committee": committee_name(unit),
        "justice": f"{justice_name} {unit_s}",
    }
    if unit.kind == UnitKind.DISTRICT:
        return local | {
            "justice_head": "Trưởng phòng Tư pháp",
            "education_head": "Phó Trưởng phòng",
            "education": f"Phòng Giáo dục và Đào tạo {unit_s}",
            "secretary": "Chuyên viên Phòng Tư pháp",
        }
    return local | {
        "justice_head": "Chánh Văn phòng",
        "education_head": "Hiệu trưởng",
        "education": f"Trường Trung học cơ sở {unit.name.split(' ', 1)[-1]}",
        "secretary": "Công chức Tư pháp – Hộ tịch",
    }


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
    words = member_words(unit, justice_name)
    members = DEPARTMENT_MEMBERS if unit.kind == UnitKind.DEPARTMENT else MEMBERS
    with transaction.atomic():
        page.members = [
            CouncilMember(
                name=name,
                council_position=role,
                work_position=position.format(**words),
                agency=agency.format(**words),
                sort_order=order,
            )
            for order, (name, role, position, agency) in enumerate(members)
        ]
        page.decisions = [
            CouncilDecision(
                title=(
                    f"Quyết định phân công thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh – {unit.name}"
                    if unit.kind == UnitKind.DEPARTMENT
                    else f"Quyết định kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật {words['unit_s']}"
                ),
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
