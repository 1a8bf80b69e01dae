"""Helpers shared by the questions tests."""

from wagtail.search.backends import get_search_backend

from core.models import LegalField
from questions import services
from questions.models import Question, QuestionAnswerPage
from tests.conftest import search_engine_is_external
from tests.factories import section

QA_PATH = "/hoi-dap-doi-thoai-chinh-sach/"
QUESTION_TEXT = "Tôi muốn hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu cần những giấy tờ gì?"


def field(slug="dat-dai"):
    return LegalField.objects.get(slug=slug)


def form_data(**changes):
    data = {
        "asker_name": "Nguyễn Văn Dân",
        "email": "dan@example.vn",
        "phone": "",
        "field": str(field().pk),
        "text": QUESTION_TEXT,
        "consent_to_publish": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def ask(unit, text=QUESTION_TEXT, email="dan@example.vn", phone="", consent=True, **fields):
    """A question stored as the form stores it, asked on ``unit``'s site."""
    return services.submit(
        {
            "asker_name": fields.pop("asker_name", "Nguyễn Văn Dân"),
            "email": email,
            "phone": phone,
            "field": fields.pop("legal_field", None) or field(),
            "text": text,
            "consent_to_publish": consent,
        },
        unit,
    )


def published_answer(unit, title, question_text, answer="<p>Theo Luật Đất đai năm 2024 …</p>", **fields):
    """A published QuestionAnswerPage in ``unit``'s Q&A section, visible to the
    engine's searches at once (its index refreshed, not left to the refresh interval)."""
    page = QuestionAnswerPage(
        title=title,
        question_text=question_text,
        answer=answer,
        field=fields.pop("legal_field", field()),
        **fields,
    )
    section(unit, "qa").add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    if search_engine_is_external():
        get_search_backend().refresh_indexes()
    return page


def reload(question):
    return Question.objects.get(pk=question.pk)
