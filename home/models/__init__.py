"""Page types of the portal and of every unit site, one module per page type."""

from .article import ArticlePage
from .home_pages import PortalHomePage, UnitHomePage
from .links import LinksPage
from .section import SectionPage
from .topic import TopicItem, TopicPage

__all__ = [
    "ArticlePage",
    "LinksPage",
    "PortalHomePage",
    "SectionPage",
    "TopicItem",
    "TopicPage",
    "UnitHomePage",
]
