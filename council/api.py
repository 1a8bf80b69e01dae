"""The councils' activities as a collection of the open API (the standard's "event")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import registries
from multisite.api_filters import UNIT_PAGES, date_range


def activities(request):
    from .models import CouncilActivityPage

    return CouncilActivityPage.objects.live().public()


def serialize_activity(page, request):
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request),
        "unit": (page.unit_info or {}).get("code"),
        "kind": page.kind,
        "date": page.date.isoformat(),
        "place": page.place,
        "summary": page.listing_summary,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }


def _kind(queryset, value):
    from .models import ActivityKind

    if value not in ActivityKind.values:
        raise ValueError(_("kind phải là một trong: %(values)s") % {"values": ", ".join(ActivityKind.values)})
    return queryset.filter(kind=value)


def register():
    registries.api_resources.register(
        registries.ApiResource(
            "council-activities",
            gettext_lazy("Hoạt động của Hội đồng phối hợp"),
            "event",
            activities,
            serialize_activity,
            filters=(
                UNIT_PAGES,
                registries.ApiFilter("kind", gettext_lazy("Loại hoạt động"), _kind),
                *date_range("date", gettext_lazy("Ngày")),
            ),
            ordering=("-date", "-pk"),
            modified="last_published_at",
            order=50,
        )
    )
