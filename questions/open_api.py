"""Published questions and answers as a collection of the open API (/api/v1/qa/).

The name differs from /api/v1/questions/, where citizens submit questions."""

from django.utils.translation import gettext_lazy
from wagtail.rich_text import expand_db_html

from core import registries
from multisite.api_filters import UNIT_PAGES, date_range


def answers(request):
    from .models import QuestionAnswerPage

    return QuestionAnswerPage.objects.live().public().select_related("field")


def serialize_answer(page, request):
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request),
        "unit": (page.unit_info or {}).get("code"),
        "field": page.field.name if page.field_id else None,
        "question": page.question_text,
        "answer": expand_db_html(page.answer),
        "date": page.date.isoformat(),
        "source": page.source,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }


def register():
    registries.api_resources.register(
        registries.ApiResource(
            "qa",
            gettext_lazy("Hỏi đáp pháp luật"),
            "question",
            answers,
            serialize_answer,
            filters=(
                UNIT_PAGES,
                registries.ApiFilter(
                    "field", gettext_lazy("Lĩnh vực (slug)"), lambda qs, value: qs.filter(field__slug=value)
                ),
                *date_range("date", gettext_lazy("Ngày trả lời")),
            ),
            ordering=("-date", "-pk"),
            modified="last_published_at",
            order=40,
        )
    )
