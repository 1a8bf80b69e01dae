"""Demo province for `make run`: realistic Vietnamese units, articles and accounts."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from core.deferred_indexing import deferred_indexing
from core.registries import demo_seeders
from home.demo_images import picture_fields
from multisite.accounts import set_unit_user
from multisite.models import UnitKind, UnitSection
from multisite.provisioning import UnitSpec, provision_unit
from multisite.upgrade import upgrade_sections

from .demo_content import seed_sections

DEMO_PASSWORD = "PhapLuat@2026"
ADMIN_USERNAME = "quantri"
ADMIN_PASSWORD = "QuanTri@2026"

PROVINCE = UnitSpec(
    code="binh-an",
    name="Tỉnh Bình An",
    kind=UnitKind.PROVINCE,
    address="Số 1 đường Hùng Vương, phường Phú Cường, tỉnh Bình An",
    phone="0274 3822 111",
    email="sotuphap@binhan.gov.vn",
)
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-y-te", "Sở Y tế"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("cong-an-tinh", "Công an tỉnh"),
    ("uy-ban-mttq-tinh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
]
COMMUNES = [
    ("phuong-phu-cuong", "Phường Phú Cường"),
    ("phuong-chanh-nghia", "Phường Chánh Nghĩa"),
    ("phuong-lai-thieu", "Phường Lái Thiêu"),
    ("xa-an-dien", "Xã An Điền"),
    ("xa-tan-dinh", "Xã Tân Định"),
    ("xa-phuoc-hoa", "Xã Phước Hòa"),
]
LEGACY_DISTRICT = ("huyen-dau-tieng", "Huyện Dầu Tiếng")
DISTRICT_COMMUNES = [
    ("thi-tran-dau-tieng", "Thị trấn Dầu Tiếng"),
    ("xa-minh-hoa", "Xã Minh Hòa"),
    ("xa-thanh-an", "Xã Thanh An"),
]

# (title, summary, text, demo picture: a key of home.demo_images.PICTURES); one per unit is featured.
ARTICLES = [
    (
        "{unit} tổ chức hội nghị phổ biến Luật Đất đai năm 2024",
        "Hội nghị giới thiệu những điểm mới của Luật Đất đai năm 2024 cho cán bộ, công chức và người dân.",
        "Sáng nay, {unit} tổ chức hội nghị phổ biến, giáo dục pháp luật về đất đai. Báo cáo viên pháp luật "
        "đã giới thiệu các quy định mới về bồi thường, hỗ trợ, tái định cư và cấp giấy chứng nhận quyền sử dụng đất.",
        "hoi-nghi",
    ),
    (
        "Tuyên truyền pháp luật về phòng, chống ma túy trong thanh niên",
        "{unit} phối hợp với Đoàn Thanh niên tuyên truyền về tác hại của ma túy và trách nhiệm của gia đình.",
        "Buổi tuyên truyền thu hút đông đảo đoàn viên, thanh niên tham gia. Các tình huống pháp luật thực tế "
        "được trao đổi sôi nổi, giúp người nghe nắm vững quy định của Luật Phòng, chống ma túy.",
        "ma-tuy",
    ),
    (
        "Kế hoạch hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "{unit} ban hành kế hoạch tổ chức các hoạt động hưởng ứng Ngày Pháp luật ngày 09 tháng 11.",
        "Kế hoạch đề ra nhiều hình thức phong phú: thi tìm hiểu pháp luật trực tuyến, tọa đàm, "
        "treo băng rôn, khẩu hiệu và đưa tin trên Trang thông tin điện tử phổ biến, giáo dục pháp luật.",
        "ngay-phap-luat",
    ),
]


def unit_specs():
    yield PROVINCE
    for code, name in DEPARTMENTS:
        yield UnitSpec(code=code, name=name, kind=UnitKind.DEPARTMENT, parent_code=PROVINCE.code)
    for code, name in COMMUNES:
        yield UnitSpec(code=code, name=name, kind=UnitKind.COMMUNE, parent_code=PROVINCE.code)
    yield UnitSpec(
        code=LEGACY_DISTRICT[0], name=LEGACY_DISTRICT[1], kind=UnitKind.DISTRICT, parent_code=PROVINCE.code
    )
    for code, name in DISTRICT_COMMUNES:
        yield UnitSpec(code=code, name=name, kind=UnitKind.COMMUNE, parent_code=LEGACY_DISTRICT[0])


def _seed_units(write=print, specs=None):
    """Build the demo province; running it again changes nothing already there.

    Units, their articles and staff accounts are seeded here; each feature's
    demo data comes from the seeder it registered (``core.registries.demo_seeders``).
    """
    from home.models import ArticlePage

    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "quantri@binhan.gov.vn", ADMIN_PASSWORD)
    logins = [(ADMIN_USERNAME, ADMIN_PASSWORD, "Quản trị hệ thống", "")]

    upgrade_sections()
    # Hashing a password takes about half a second on purpose: the demo's accounts
    # share one password, hashed once.
    demo_password_hash = make_password(DEMO_PASSWORD)
    for index, spec in enumerate(unit_specs() if specs is None else specs):
        if spec.kind == UnitKind.PROVINCE and not spec.hostname:
            spec.hostname = settings.PORTAL_BASE_DOMAIN
        unit = provision_unit(spec).unit
        news = UnitSection.objects.select_related("page").get(unit=unit, key="news").page
        for number, (title, summary, text, picture) in enumerate(ARTICLES):
            slug = f"tin-{number + 1}"
            if news.get_children().filter(slug=slug).exists():
                continue
            with transaction.atomic():
                article = news.add_child(
                    instance=ArticlePage(
                        title=title.format(unit=unit.name),
                        slug=slug,
                        date=datetime.date(2026, 11, 20) - datetime.timedelta(days=index + 7 * number),
                        listing_summary=summary.format(unit=unit.name),
                        body=[("paragraph", f"<p>{text.format(unit=unit.name)}</p>")],
                        featured=number == index % len(ARTICLES),
                        live=False,
                        **picture_fields(picture),
                    )
                )
                article.save_revision().publish()
        for role, suffix, label in (
            ("editor", "bientap", "Biên tập viên"),
            ("moderator", "kiemduyet", "Kiểm duyệt"),
        ):
            username = f"{unit.code}.{suffix}"
            set_unit_user(
                unit.code, role, username, f"{username}@binhan.gov.vn", DEMO_PASSWORD, demo_password_hash
            )
            logins.append((username, DEMO_PASSWORD, label, unit.root_url + "/"))
        seed_sections(unit, index)
        for seeder in demo_seeders:
            seeder.seed(unit, index)

    write("Tài khoản dùng thử (đăng nhập tại /admin/):")
    for username, password, label, url in logins:
        write(f"  {username:<40} {password:<15} {label:<18} {url}")


def seed(write=print, specs=None):
    """``_seed_units`` (of ``specs``, default the demo province's units), with each
    saved object indexed once at the end (a page is saved three times on its way
    to being published)."""
    with deferred_indexing():
        _seed_units(write, specs)
