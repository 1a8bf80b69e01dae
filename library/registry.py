"""What the multimedia library declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries

from .sections import BOOKCASE_SECTION

PAGE_TYPES = ("library.MediaPage", "library.LecturePage", "library.PublicationPage")
BLOCK_SIZE = 6


def latest_block(page, request):
    """The newest items of the whole province on the portal; on a unit with units
    below it, its own and theirs; on the others, only when it has some."""
    from home.rollup import rolled_up_roots

    from .feeds import latest_items

    roots = None if page.is_portal else rolled_up_roots(page)
    items = latest_items(roots=roots, limit=BLOCK_SIZE)
    if not items:
        return None
    return {"items": items, "show_unit": page.is_portal or len(roots) > 1}


def kind_values(obj):
    from .feeds import kind_label

    label = kind_label(obj)
    return [label] if label else []


def seed_demo(unit, index):
    from .demo import seed_library

    seed_library(unit, index)


def register():
    registries.sections.register(BOOKCASE_SECTION)
    for label in PAGE_TYPES:
        registries.section_child_types.register(label)
    registries.home_blocks.register(
        registries.HomeBlock(
            "thu-vien",
            _("Thư viện đa phương tiện"),
            "library/includes/latest_items.html",
            latest_block,
            order=40,
            on_units=True,
        )
    )
    registries.search_facets.register(
        registries.SearchFacet("library_kind", _("Loại tư liệu"), kind_values, order=25)
    )
    registries.demo_seeders.register(registries.DemoSeeder("library", seed_demo, order=40))
