"""Admin for the shared lists: edited by system administrators, chosen by every unit."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DocumentType, IssuingBody, LegalField


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "abbreviation", "sort_order"]
    search_fields = ["name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "site"
    list_display = ["name", "abbreviation", "sort_order"]
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
