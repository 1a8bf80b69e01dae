"""The newest library items of a unit (and the units below it) or of the whole province."""

from django.utils.translation import gettext as _

from core.feeds import latest_live_pages

from .models import LecturePage, MediaPage, PublicationPage


def kind_label(page):
    """What kind of item ``page`` is, as citizens read it (also the search facet)."""
    if isinstance(page, PublicationPage):
        return str(page.get_category_display())
    if isinstance(page, LecturePage):
        return str(LecturePage._meta.verbose_name).capitalize()
    if isinstance(page, MediaPage):
        return _("Âm thanh") if page.is_audio() else _("Video")
    return ""


def _item(page):
    thumbnail = None
    rendering = getattr(page, "pdf", None) and getattr(page.pdf, "pdf_rendering", None)
    if rendering is not None and rendering.thumbnail:
        thumbnail = {
            "url": rendering.thumbnail.url,
            "width": rendering.thumbnail_width,
            "height": rendering.thumbnail_height,
        }
    return {
        "title": page.title,
        "url": page.get_url(),
        "date": page.date,
        "kind": kind_label(page),
        "thumbnail": thumbnail,
    }


def latest_items(roots=None, limit=6):
    """Dicts (title, url, date, kind, thumbnail, unit) of the newest items of every kind."""
    items = []
    for model, related in (
        (PublicationPage, ("pdf__pdf_rendering",)),
        (MediaPage, ("media_file",)),
        (LecturePage, ()),
    ):
        items += latest_live_pages(
            model, _item, roots=roots, limit=limit, order_by=("-date",), select_related=related
        )
    items.sort(key=lambda item: item["date"], reverse=True)
    return items[:limit]
