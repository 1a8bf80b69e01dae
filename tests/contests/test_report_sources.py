"""Contest attempts pre-fill statistics reports (core.registries.report_indicator_sources)."""

import datetime

import pytest
from django.utils import timezone

from core.registries import report_indicator_sources
from tests.contests.helpers import add_questions, contest_page
from tests.contests.test_ranking import take

pytestmark = pytest.mark.django_db


def test_submitted_attempts_and_their_people_are_counted_for_the_organising_unit(unit_a, unit_b):
    page = contest_page(unit_a, bank=0, questions_per_attempt=3, attempts_per_person=2)
    contest_round = page.rounds.get()
    add_questions(contest_round, unit_a, 4)
    started = timezone.now() - datetime.timedelta(minutes=30)
    take(contest_round, "0900000001", 3, prediction=1, started=started, seconds=60)
    take(
        contest_round,
        "0900000001",
        2,
        prediction=1,
        started=started + datetime.timedelta(minutes=2),
        seconds=60,
    )
    take(contest_round, "0900000002", 1, prediction=1, started=started, seconds=60)
    today = timezone.localdate()
    week = today - datetime.timedelta(days=7)
    assert report_indicator_sources.get("contests.attempts").count(unit_a, week, today) == 3
    assert report_indicator_sources.get("contests.contestants").count(unit_a, week, today) == 2
    assert report_indicator_sources.get("contests.attempts").count(unit_b, week, today) == 0
