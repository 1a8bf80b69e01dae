"""Latest published legal documents of every unit (the provincial portal's home) or of a
unit and the units below it (a district's home)."""

from django.http import Http404
from django.utils.translation import gettext as _

from core.feeds import latest_live_pages
from home.syndication import FEED_SIZE, PageFeed
from multisite.lookup import unit_info_for_site
from multisite.models import UnitKind


def _document_item(page):
    return {
        "title": page.title,
        "url": page.get_url(),
        "number": page.document_number,
        "type": page.document_type.name,
        "date": page.issue_date,
    }


def latest_legal_documents(root=None, limit=8, roots=None):
    """Dicts (title, url, number, type, date, unit) of the newest live public documents."""
    from .models import LegalDocumentPage

    return latest_live_pages(
        LegalDocumentPage,
        _document_item,
        root=root,
        roots=roots,
        limit=limit,
        order_by=("-issue_date",),
        only=("document_number", "issue_date", "document_type__name"),
        select_related=("document_type",),
    )


def latest_section_documents(section, limit):
    """Dicts like latest_legal_documents' of the newest documents a section shows
    (its own and those its unit lists)."""
    from .repository import section_documents

    documents = (
        section_documents(section).select_related("document_type").order_by("-issue_date", "-pk")[:limit]
    )
    return [{**_document_item(page), "unit": ""} for page in documents]


class LegalFieldFeed(PageFeed):
    """The newest documents of one legal field (``/rss/linh-vuc/<slug>/``): the
    whole province's on the portal, a unit's own and listed ones on its site."""

    def scope(self, request, site, slug):
        from .models import LegalField

        field = LegalField.objects.filter(slug=slug).first()
        if field is None:
            raise Http404
        self.site = site
        return field

    def title(self, field):
        info = unit_info_for_site(self.site)
        return _("Văn bản lĩnh vực %(field)s – %(site)s") % {
            "field": field.name,
            "site": info["name"] if info else self.site.site_name,
        }

    def link(self, field):
        return self.site.root_url + "/"

    def description(self, field):
        return _("Văn bản pháp luật mới thuộc lĩnh vực %(field)s") % {"field": field.name}

    def items(self, field):
        from .models import LegalDocumentPage
        from .repository import section_documents, unit_section

        info = unit_info_for_site(self.site)
        documents = LegalDocumentPage.objects.live().public()
        if info is not None and info["kind"] != UnitKind.PROVINCE:
            section = unit_section(info["id"])
            documents = section_documents(section) if section else documents.none()
        return documents.filter(fields=field).order_by("-issue_date", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return f"{item.document_number} – {item.summary}"
