"""Legal documents: managed lists shared by every unit, and the document pages."""

from .taxonomy import DocumentType, EffectStatus, IssuingBody, LegalField

__all__ = ["DocumentType", "EffectStatus", "IssuingBody", "LegalField"]
