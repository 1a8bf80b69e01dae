"""Which sections hold the library's pages."""

from django.utils.translation import gettext_lazy as _

from core import registries

# The "Tài liệu phổ biến, giáo dục pháp luật" section (home.sections) and its sub-sections.
MATERIAL_SECTION_KEYS = frozenset(
    {"materials", "materials_documents", "materials_videos", "materials_skits", "materials_cases"}
)
BOOKCASE_KEY = "bookcase"
NATIONAL_BOOKCASE_URL = "https://tusachphapluat.vn/"

BOOKCASE_SECTION = registries.SectionSpec(
    BOOKCASE_KEY,
    _("Tủ sách pháp luật"),
    "tu-sach-phap-luat",
    "library.BookcasePage",
    intro=_("Sách, cẩm nang, tờ gấp và tài liệu pháp luật đọc trực tuyến hoặc tải về miễn phí."),
    order=45,
)


def section_key(page):
    """The key of the unit section ``page`` is (None for any other page); one query."""
    from multisite.models import UnitSection

    return UnitSection.objects.filter(page_id=page.pk).values_list("key", flat=True).first()
