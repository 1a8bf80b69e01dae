"""The demo data of `seed_demo`: answers on every unit, an intake question and a dialogue on the portal."""

import pytest

from questions.demo import seed_questions
from questions.models import DialoguePage, Question, QuestionAnswerPage

pytestmark = pytest.mark.django_db


def test_demo_is_seeded_once(province, unit_a):
    for _round in range(2):
        seed_questions(province, 0)
        seed_questions(unit_a, 1)
    assert QuestionAnswerPage.objects.live().count() == 4
    assert Question.objects.filter(unit=province).count() == 1
    assert DialoguePage.objects.live().count() == 1
