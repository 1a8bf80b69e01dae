"""Legal documents: managed lists shared by every unit, and the document pages.

``LegalField`` lives in ``core`` (the register uses it too); it is re-exported
here because documents are its main users.
"""

from core.models import LegalField

from .listings import DocumentListing, DocumentListingRule
from .pages import (
    ATTACHMENT_EXTENSIONS,
    INVERSE_RELATION_LABELS,
    IntroductionMaterialPage,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    MaterialType,
    RelationType,
)
from .taxonomy import REPOSITORY_LEVELS, DocumentLevel, DocumentType, EffectStatus, IssuingBody

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "INVERSE_RELATION_LABELS",
    "REPOSITORY_LEVELS",
    "DocumentLevel",
    "DocumentListing",
    "DocumentListingRule",
    "DocumentType",
    "EffectStatus",
    "IntroductionMaterialPage",
    "IssuingBody",
    "LegalDocumentAttachment",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentRelation",
    "LegalField",
    "MaterialType",
    "RelationType",
]
