"""Admin for the shared lists: edited by system administrators, chosen by every unit."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from multisite.viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet

from .models import DocumentListing, DocumentListingRule, DocumentType, IssuingBody, LegalField


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "abbreviation", "sort_order"]
    search_fields = ["name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "site"
    list_display = ["name", "abbreviation", "level", "sort_order"]
    search_fields = ["name"]


class LegalFieldViewSet(SnippetViewSet):
    model = LegalField
    icon = "list-ul"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


class LegalListsGroup(SnippetViewSetGroup):
    menu_label = _("Danh mục văn bản")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (DocumentTypeViewSet, IssuingBodyViewSet, LegalFieldViewSet)


register_snippet(LegalListsGroup)


class DocumentListingViewSet(UnitOwnedSnippetViewSet):
    """Documents of the province's repository a unit lists in its section."""

    model = DocumentListing
    icon = "doc-full"
    menu_label = _("Văn bản niêm yết")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["document", "unit", "note", "created_at"]
    list_filter = ["unit"]
    search_fields = ["document__title", "document__document_number", "note"]
    search_backend_name = None


class DocumentListingRuleViewSet(UnitOwnedSnippetViewSet):
    """Rules that list every repository document of a level, fields or types."""

    model = DocumentListingRule
    icon = "cogs"
    menu_label = _("Quy tắc niêm yết")
    add_to_admin_menu = True
    menu_order = 311
    list_display = ["title", "unit", "level"]
    list_filter = ["unit", "level"]
    search_fields = ["title"]
    search_backend_name = None


register_unit_owned_snippet(DocumentListingViewSet)
register_unit_owned_snippet(DocumentListingRuleViewSet)
