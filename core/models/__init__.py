"""Models several apps share: the abstract base page and the shared vocabularies."""

from .pages import BasePage
from .vocabularies import LegalField, TaxonomyBase

__all__ = ["BasePage", "LegalField", "TaxonomyBase"]
