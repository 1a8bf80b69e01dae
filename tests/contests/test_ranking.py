"""A round from the Excel import to the ranking: most correct answers first, then the
prediction closest to the number of people with every answer right, then the shortest
time, then the earliest submission; each person counts once, with their best attempt."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from contests import services
from contests.models import ContestQuestion
from tests.contests.helpers import REGISTRATION, contest_page, good_row, xlsx

pytestmark = pytest.mark.django_db


def take(contest_round, phone, right, prediction, started, seconds, name=None):
    """An attempt by ``phone`` answering ``right`` questions right, taking ``seconds``."""
    attempt = services.start(
        contest_round,
        {
            **REGISTRATION,
            "birth_date": datetime.date(1990, 8, 15),
            "phone": phone,
            "full_name": name or f"Người {phone}",
        },
        now=started,
    )
    correct = dict(ContestQuestion.objects.filter(round=contest_round).values_list("pk", "correct"))
    answers = {}
    for index, (pk, order) in enumerate(attempt.drawn):
        letter = "ABCD"[order.index(correct[pk])]
        answers[str(pk)] = letter if index < right else "ABCD"[(order.index(correct[pk]) + 1) % 4]
    return services.submit(attempt, answers, prediction, now=started + datetime.timedelta(seconds=seconds))


def test_import_to_ranking_with_the_tie_break(unit_a, tmp_path):
    page = contest_page(unit_a, bank=0, questions_per_attempt=3, attempts_per_person=2)
    contest_round = page.rounds.get()
    path = tmp_path / "ngan-hang.xlsx"
    path.write_bytes(xlsx([good_row(n, correct="ABCD"[n % 4]) for n in range(1, 5)]).read())
    call_command("import_contest_questions", str(path), "--round", str(contest_round.pk))
    assert ContestQuestion.objects.filter(round=contest_round).count() == 4

    t0 = timezone.now() - datetime.timedelta(minutes=30)
    # Two people get everything right: the prediction's answer is 2.
    take(contest_round, "0900000001", 3, prediction=10, started=t0, seconds=60, name="Xa dự đoán")
    take(contest_round, "0900000002", 3, prediction=2, started=t0, seconds=200, name="Đúng dự đoán, chậm")
    # Same correct answers and prediction gap as each other: the shorter time wins,
    take(contest_round, "0900000003", 2, prediction=1, started=t0, seconds=90, name="Hai câu, nhanh")
    take(contest_round, "0900000004", 2, prediction=3, started=t0, seconds=120, name="Hai câu, chậm")
    # then, at equal time, the earlier submission.
    take(
        contest_round,
        "0900000005",
        2,
        prediction=3,
        started=t0 + datetime.timedelta(seconds=1),
        seconds=120,
        name="Hai câu, nộp sau",
    )
    # A person's worse attempt does not count: only their best one.
    take(contest_round, "0900000006", 0, prediction=2, started=t0, seconds=10, name="Hai lượt")
    take(
        contest_round,
        "0900000006",
        1,
        prediction=2,
        started=t0 + datetime.timedelta(minutes=1),
        seconds=10,
        name="Hai lượt",
    )

    ranked, perfect = services.ranking(contest_round)
    assert perfect == 2
    assert [(a.rank, a.full_name) for a in ranked] == [
        (1, "Đúng dự đoán, chậm"),
        (2, "Xa dự đoán"),
        (3, "Hai câu, nhanh"),
        (4, "Hai câu, chậm"),
        (5, "Hai câu, nộp sau"),
        (6, "Hai lượt"),
    ]
    assert ranked[-1].correct_count == 1
    assert [a.prediction_gap for a in ranked[:2]] == [0, 8]
    participation = services.participation(contest_round)
    assert participation == [("Không chọn đơn vị", 6, 7)]
