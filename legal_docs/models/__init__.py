"""Legal documents: managed lists shared by every unit, and the document pages."""

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
from .taxonomy import DocumentType, EffectStatus, IssuingBody, LegalField

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
