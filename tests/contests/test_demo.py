"""The demo seeder gives the portal an open contest with a small question bank, once."""

import pytest

from contests.demo import QUESTIONS, seed_contest
from contests.models import ContestPage, ContestQuestion

pytestmark = pytest.mark.django_db


def test_demo_contest_is_open_with_a_bank_and_seeded_once(province):
    seed_contest(province)
    seed_contest(province)
    page = ContestPage.objects.live().get()
    contest_round = page.rounds.get()
    assert contest_round.is_open()
    assert ContestQuestion.objects.filter(round=contest_round, unit=province).count() == len(QUESTIONS)
    assert contest_round.questions_per_attempt <= len(QUESTIONS)
