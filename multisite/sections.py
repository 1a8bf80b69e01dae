"""The mandatory sections every unit site has (MoJ letter 5015, decision 1575).

Provisioning builds this tree under each unit's root page. A later app can give
a section its own page type by changing ``page_model`` here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    slug: str
    intro: str = ""
    page_model: str = "home.SectionPage"
    children: tuple = field(default_factory=tuple)


STANDARD_SECTIONS = (
    SectionSpec(
        "intro",
        _("Giới thiệu"),
        "gioi-thieu",
        _("Vị trí, vai trò, cơ cấu tổ chức và đội ngũ làm công tác phổ biến, giáo dục pháp luật."),
        children=(
            SectionSpec("intro_role", _("Vị trí, vai trò"), "vi-tri-vai-tro"),
            SectionSpec("intro_structure", _("Cơ cấu tổ chức"), "co-cau-to-chuc"),
            SectionSpec("intro_staff", _("Đội ngũ"), "doi-ngu"),
        ),
    ),
    SectionSpec("news", _("Tin tức – Sự kiện"), "tin-tuc-su-kien"),
    SectionSpec(
        "legal_documents",
        _("Văn bản pháp luật mới"),
        "van-ban-phap-luat-moi",
        _("Văn bản quy phạm pháp luật mới ban hành và tài liệu giới thiệu văn bản."),
        page_model="legal_docs.LegalDocumentIndexPage",
    ),
    SectionSpec(
        "materials",
        _("Tài liệu phổ biến, giáo dục pháp luật"),
        "tai-lieu-pbgdpl",
        _("Tài liệu, video, tiểu phẩm và tình huống pháp luật."),
        children=(
            SectionSpec("materials_documents", _("Tài liệu"), "tai-lieu"),
            SectionSpec("materials_videos", _("Video"), "video"),
            SectionSpec("materials_skits", _("Tiểu phẩm"), "tieu-pham"),
            SectionSpec("materials_cases", _("Tình huống pháp luật"), "tinh-huong-phap-luat"),
        ),
    ),
    SectionSpec("directives", _("Chỉ đạo – Điều hành"), "chi-dao-dieu-hanh"),
    SectionSpec("guidance", _("Hướng dẫn nghiệp vụ"), "huong-dan-nghiep-vu"),
    SectionSpec("qa", _("Hỏi đáp – Đối thoại chính sách"), "hoi-dap-doi-thoai-chinh-sach"),
    SectionSpec("council", _("Hội đồng phối hợp PBGDPL"), "hoi-dong-phoi-hop"),
    SectionSpec("reporters", _("Báo cáo viên – Tuyên truyền viên"), "bao-cao-vien-tuyen-truyen-vien"),
    SectionSpec("statistics", _("Số liệu thống kê"), "so-lieu-thong-ke"),
    SectionSpec("links", _("Liên kết"), "lien-ket"),
)


def iter_sections(specs=STANDARD_SECTIONS):
    """Every section spec, parents before children."""
    for spec in specs:
        yield spec
        yield from iter_sections(spec.children)
