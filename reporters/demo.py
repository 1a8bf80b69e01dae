"""Demo register for `seed_demo`: a few reporters and propagandists per unit, with activities."""

import datetime
import itertools

from django.db import transaction

from core.models import LegalField
from multisite.models import UnitKind
from multisite.naming import committee_name, in_sentence

from .models import Activity, ActivityForm, Person, PersonKind, PersonStatus, RecognitionLevel

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Thị Thu", "Hữu", "Ngọc", "Đức", "Thị Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hạnh",
    "Khánh",
    "Linh",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Uyên",
    "Vinh",
    "Yến",
]
# (position, agency) by kind of unit; "{unit}" is the unit's name inside a sentence.
POSITIONS = {
    UnitKind.PROVINCE: [
        ("Phó Giám đốc", "Sở Tư pháp tỉnh"),
        ("Trưởng phòng", "Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp tỉnh"),
        ("Chuyên viên", "Văn phòng Ủy ban nhân dân tỉnh"),
    ],
    UnitKind.DEPARTMENT: [
        ("Trưởng phòng", "Văn phòng {unit}"),
        ("Chuyên viên pháp chế", "Phòng Pháp chế, {unit}"),
        ("Phó Chánh Thanh tra", "Thanh tra {unit}"),
    ],
    UnitKind.DISTRICT: [
        ("Phó Trưởng phòng", "Phòng Tư pháp {unit}"),
        ("Chuyên viên", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {unit}"),
        ("Phó Bí thư", "Huyện đoàn {unit}"),
    ],
    UnitKind.COMMUNE: [
        ("Công chức Tư pháp – Hộ tịch", "Ủy ban nhân dân {unit}"),
        ("Bí thư Đoàn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit}"),
        ("Chi hội trưởng", "Hội Liên hiệp Phụ nữ {unit}"),
        ("Trưởng ấp", "Ấp Bưng Thuốc, {unit}"),
    ],
}
TOPICS = [
    (
        "Luật Đất đai năm 2024 và các văn bản hướng dẫn",
        ActivityForm.CONFERENCE,
        "Cán bộ, công chức và người dân",
        120,
    ),
    ("Phòng, chống ma túy trong học đường", ActivityForm.SCHOOL, "Học sinh trung học cơ sở", 300),
    ("An toàn giao thông cho người đi xe mô tô", ActivityForm.MOBILE, "Người dân", 80),
    ("Luật Phòng, chống bạo lực gia đình", ActivityForm.RADIO, "Người nghe đài truyền thanh", 0),
    ("Giải đáp pháp luật về hôn nhân và gia đình", ActivityForm.ONLINE, "Người dân", 45),
]
_names = itertools.count()


def _name(number):
    return f"{FAMILY[number % len(FAMILY)]} {MIDDLE[(number // 3) % len(MIDDLE)]} {GIVEN[(number * 7) % len(GIVEN)]}"


def seed_register(unit):
    """Give the unit a few people and activities once; later runs change nothing."""
    if Person.objects.filter(unit=unit).exists():
        return
    fields = list(LegalField.objects.order_by("sort_order")[:8])
    kind = PersonKind.PROPAGANDIST if unit.kind == UnitKind.COMMUNE else PersonKind.REPORTER
    level = {
        UnitKind.COMMUNE: RecognitionLevel.COMMUNE,
        UnitKind.DISTRICT: RecognitionLevel.DISTRICT,
    }.get(unit.kind, RecognitionLevel.PROVINCE)
    with transaction.atomic():
        for index in range(5):
            number = next(_names) + unit.pk * 5
            positions = POSITIONS[UnitKind(unit.kind)]
            position, agency = positions[number % len(positions)]
            person = Person.objects.create(
                unit=unit,
                kind=PersonKind.REPORTER if index == 0 and unit.kind == UnitKind.COMMUNE else kind,
                level=RecognitionLevel.DISTRICT if index == 0 and unit.kind == UnitKind.COMMUNE else level,
                full_name=_name(number),
                decision_number=f"{100 + unit.pk}/QĐ-UBND",
                decision_date=datetime.date(2025, 3, 1 + index),
                decision_issuer=f"Chủ tịch {committee_name(unit)}",
                agency=agency.format(unit=in_sentence(unit.name)),
                position=position,
                status=PersonStatus.WITHDRAWN if index == 4 else PersonStatus.ACTIVE,
                status_date=datetime.date(2026, 6, 30) if index == 4 else None,
                status_reason="Chuyển công tác khác" if index == 4 else "",
                phone=f"0909 {unit.pk:03d} {index:03d}",
                email=f"bcv{index + 1}.{unit.code}@binhan.gov.vn",
                contact_public=index % 2 == 0,
            )
            if fields:
                person.fields.set([fields[number % len(fields)], fields[(number + 3) % len(fields)]])
            for step, (topic, form, target, audience) in enumerate(TOPICS[: 2 + index % 3]):
                Activity.objects.create(
                    unit=unit,
                    person=person,
                    date=datetime.date(2026, 1 + (index * 2 + step * 3) % 11, 5 + step),
                    topic=topic,
                    form=form,
                    place=f"Hội trường {unit.name}",
                    audience=audience + 10 * index,
                    target_group=target,
                )
