"""What the legal documents app declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries
from search.facets import attribute, many

SECTION = registries.SectionSpec(
    "legal_documents",
    _("Văn bản pháp luật mới"),
    "van-ban-phap-luat-moi",
    "legal_docs.LegalDocumentIndexPage",
    intro=_("Văn bản quy phạm pháp luật mới ban hành và tài liệu giới thiệu văn bản."),
    order=30,
    shared=True,
)
PORTAL_FEED_SIZE = 8


def latest_documents_block(page, request):
    """Every unit's newest documents on the portal; on a unit that has units below
    it (a district and its communes), its own and theirs; nothing on the others,
    whose own documents are one click away in their section."""
    from home.rollup import rolled_up_roots

    from .feeds import latest_legal_documents

    if page.is_portal:
        return {"items": latest_legal_documents(limit=PORTAL_FEED_SIZE), "show_unit": True}
    roots = rolled_up_roots(page)
    if len(roots) < 2:
        return None
    return {"items": latest_legal_documents(roots=roots, limit=PORTAL_FEED_SIZE), "show_unit": True}


def embedded_documents_block(home, request):
    """Embedded elsewhere: the newest documents of the whole province (portal) or
    those a unit's section shows (its own and those it lists)."""
    from .feeds import latest_legal_documents, latest_section_documents
    from .repository import unit_section

    if home.is_portal:
        return {"items": latest_legal_documents(limit=PORTAL_FEED_SIZE), "show_unit": True}
    info = home.unit_info
    section = unit_section(info["id"]) if info else None
    return {
        "items": latest_section_documents(section, PORTAL_FEED_SIZE) if section else [],
        "show_unit": False,
    }


def seed_demo(unit, index):
    from .demo import seed_legal_documents

    seed_legal_documents(unit, index)


def listed_on(unit_id):
    from .repository import listed_document_ids

    return listed_document_ids(unit_id)


def listers(page_ids):
    from .repository import listing_units

    return listing_units(page_ids)


def register():
    from . import api, report_sources, sync

    api.register()
    sync.register()
    report_sources.register()
    registries.sections.register(SECTION)
    registries.unit_snippets.register("legal_docs.DocumentListing")
    registries.unit_snippets.register("legal_docs.DocumentListingRule")
    registries.shared_listings.register(registries.SharedListing("legal_documents", listed_on, listers))
    registries.home_blocks.register(
        registries.HomeBlock(
            "van-ban-moi",
            _("Văn bản pháp luật mới"),
            "legal_docs/includes/latest_documents.html",
            latest_documents_block,
            order=20,
            on_units=True,
        )
    )
    registries.embed_blocks.register(
        registries.EmbedBlock(
            "documents",
            _("Văn bản pháp luật mới"),
            "legal_docs/includes/latest_documents.html",
            embedded_documents_block,
            order=20,
        )
    )
    registries.demo_seeders.register(registries.DemoSeeder("legal_documents", seed_demo, order=10))
    for facet in (
        registries.SearchFacet("document_type", _("Loại văn bản"), attribute("document_type"), order=20),
        registries.SearchFacet("issuing_body", _("Cơ quan ban hành"), attribute("issuing_body"), order=30),
        registries.SearchFacet("field", _("Lĩnh vực"), many("fields"), order=40),
        registries.SearchFacet(
            "effect_status", _("Tình trạng hiệu lực"), attribute("effect_status"), order=60
        ),
    ):
        registries.search_facets.register(facet)
