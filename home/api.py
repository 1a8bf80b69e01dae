"""Articles as a collection of the open API (/api/v1/articles/)."""

from django.utils.translation import gettext_lazy as _

from core import registries
from multisite.api_filters import UNIT_PAGES, date_range


def _iso(value):
    return value.isoformat() if value else None


def serialize_article(page, request):
    info = page.unit_info or {}
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request),
        "unit": info.get("code"),
        "date": page.date.isoformat(),
        "summary": page.listing_summary,
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
    }


def articles(request):
    from .models import ArticlePage

    return ArticlePage.objects.live().public()


def register():
    registries.api_resources.register(
        registries.ApiResource(
            "articles",
            _("Tin bài"),
            "article",
            articles,
            serialize_article,
            filters=(UNIT_PAGES, *date_range("date", _("Ngày đăng"))),
            ordering=("-date", "-pk"),
            modified="last_published_at",
            order=10,
        )
    )
