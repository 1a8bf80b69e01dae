"""The plain mandatory sections of every unit site (MoJ letter 5015, decision 1575).

They are ``SectionPage``s holding articles. Sections with a page type of their
own (legal documents, council, register, statistics …) are declared by their
feature app; ``multisite`` provisions them all from ``core.registries.sections``.
"""

from django.utils.translation import gettext_lazy as _

from core.registries import SectionSpec

SECTION_PAGE = "home.SectionPage"


def plain(key, title, slug, intro="", order=100, children=()):
    return SectionSpec(key, title, slug, SECTION_PAGE, intro=intro, order=order, children=tuple(children))


SECTIONS = (
    plain(
        "intro",
        _("Giới thiệu"),
        "gioi-thieu",
        _("Vị trí, vai trò, cơ cấu tổ chức và đội ngũ làm công tác phổ biến, giáo dục pháp luật."),
        order=10,
        children=(
            plain("intro_role", _("Vị trí, vai trò"), "vi-tri-vai-tro"),
            plain("intro_structure", _("Cơ cấu tổ chức"), "co-cau-to-chuc"),
            plain("intro_staff", _("Đội ngũ"), "doi-ngu"),
        ),
    ),
    plain("news", _("Tin tức – Sự kiện"), "tin-tuc-su-kien", order=20),
    plain(
        "materials",
        _("Tài liệu phổ biến, giáo dục pháp luật"),
        "tai-lieu-pbgdpl",
        _("Tài liệu, video, tiểu phẩm và tình huống pháp luật."),
        order=40,
        children=(
            plain("materials_documents", _("Tài liệu"), "tai-lieu"),
            plain("materials_videos", _("Video"), "video"),
            plain("materials_skits", _("Tiểu phẩm"), "tieu-pham"),
            plain("materials_cases", _("Tình huống pháp luật"), "tinh-huong-phap-luat"),
        ),
    ),
    plain("directives", _("Chỉ đạo – Điều hành"), "chi-dao-dieu-hanh", order=50),
    plain("guidance", _("Hướng dẫn nghiệp vụ"), "huong-dan-nghiep-vu", order=60),
    plain("qa", _("Hỏi đáp – Đối thoại chính sách"), "hoi-dap-doi-thoai-chinh-sach", order=70),
    SectionSpec("links", _("Liên kết"), "lien-ket", "home.LinksPage", order=200),
)
