"""The multimedia library (video, audio, e-lectures, PDF publications) and the legal bookcase."""

from .files import DownloadTally, PdfPageImage, PdfRendering
from .items import LecturePage, Lesson, LibraryItem, MediaPage
from .publications import BookcasePage, Category, PublicationPage

__all__ = [
    "BookcasePage",
    "Category",
    "DownloadTally",
    "LecturePage",
    "Lesson",
    "LibraryItem",
    "MediaPage",
    "PdfPageImage",
    "PdfRendering",
    "PublicationPage",
]
