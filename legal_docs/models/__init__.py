"""Legal documents: managed lists shared by every unit, and the document pages.

``LegalField`` lives in ``core`` (the register uses it too); it is re-exported
here because documents are its main users.
"""

from core.models import LegalField

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
from .taxonomy import DocumentType, EffectStatus, IssuingBody

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "INVERSE_RELATION_LABELS",
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
