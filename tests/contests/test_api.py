"""The JSON API: an attempt is started without its answers, scored on the server, and
every refusal (dates, second active attempt, attempts used up, late or repeated
submission, bad registration, bots and floods) is a Vietnamese message."""

import datetime
import json

import pytest
from django.utils import timezone

from contests.models import Attempt, AttemptStatus
from tests.contests.helpers import REGISTRATION, contest_page, right_answers

pytestmark = pytest.mark.django_db


def start(client, contest_round, **fields):
    data = {**REGISTRATION, **fields}
    return client.post(
        f"/api/v1/contests/rounds/{contest_round.pk}/start/",
        json.dumps(data),
        content_type="application/json",
    )


def submit(client, token, answers, prediction=3):
    return client.post(
        f"/api/v1/contests/attempts/{token}/submit/",
        json.dumps({"answers": answers, "prediction": prediction}),
        content_type="application/json",
    )


def message(response):
    return response.json()["errors"]["__all__"][0]


def test_start_returns_questions_without_answers_and_the_server_deadline(client, contest_round):
    response = start(client, contest_round)
    assert response.status_code == 201
    payload = response.json()
    body = response.content.decode()
    assert len(payload["questions"]) == 5
    for question in payload["questions"]:
        assert set(question) == {"id", "number", "text", "options"}
        assert [o["key"] for o in question["options"]] == ["A", "B", "C", "D"]
        assert all(set(option) == {"key", "text"} for option in question["options"])
    assert "correct" not in body and "Giải thích" not in body and "explanation" not in body
    attempt = Attempt.objects.get(token=payload["token"])
    assert payload["deadline"] == attempt.deadline.isoformat()
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=15)
    # Resuming the attempt gives the same questions, still without answers.
    again = client.get(f"/api/v1/contests/attempts/{payload['token']}/")
    assert again.json()["questions"] == payload["questions"]
    assert "Giải thích" not in again.content.decode()


def test_options_are_shuffled_per_attempt(client, contest_round):
    """Over several attempts the right option is not always under the same letter."""
    positions = set()
    for n in range(12):
        payload = start(client, contest_round, phone=f"09000000{n:02d}").json()
        positions.update(right_answers(payload).values())
    assert len(positions) > 1


def test_submission_is_scored_on_the_server(client, contest_round):
    payload = start(client, contest_round).json()
    answers = right_answers(payload)
    wrong_id = next(iter(answers))
    answers[wrong_id] = next(k for k in "ABCD" if k != answers[wrong_id])
    response = submit(client, payload["token"], answers, prediction=12)
    assert response.status_code == 200
    assert response.json()["correct_count"] == 4
    assert response.json()["total"] == 5
    attempt = Attempt.objects.get(token=payload["token"])
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.correct_count == 4 and attempt.prediction == 12


def test_contest_detail_lists_rounds_and_what_registration_asks(client, contest, unit_a):
    data = client.get(f"/api/v1/contests/{contest.pk}/").json()
    assert data["rounds"][0]["is_open"] is True
    assert data["id_number"] == "optional"
    assert unit_a.name in [unit["name"] for unit in data["units"]]


def test_refused_before_the_round_opens_and_after_it_closes(client, unit_a):
    now = timezone.now()
    future = contest_page(
        unit_a, opens=now + datetime.timedelta(days=1), closes=now + datetime.timedelta(days=2)
    )
    past = contest_page(
        unit_a,
        title="Cuộc thi đã qua",
        opens=now - datetime.timedelta(days=2),
        closes=now - datetime.timedelta(days=1),
    )
    response = start(client, future.rounds.get())
    assert response.status_code == 400
    assert "Đợt thi chưa bắt đầu" in message(response)
    response = start(client, past.rounds.get())
    assert response.status_code == 400
    assert "Đợt thi đã kết thúc" in message(response)
    assert not Attempt.objects.exists()


def test_second_active_attempt_is_refused(client, contest_round):
    assert start(client, contest_round).status_code == 201
    response = start(client, contest_round, phone="+84 912 345 678")  # the same number written otherwise
    assert response.status_code == 409
    assert message(response) == "Bạn đang có một lượt thi chưa nộp bài. Vui lòng hoàn thành lượt thi đó."
    assert Attempt.objects.count() == 1


def test_attempts_per_person_are_limited(client, contest_round):
    for _n in range(2):
        payload = start(client, contest_round).json()
        assert submit(client, payload["token"], {}).status_code == 200
    response = start(client, contest_round)
    assert response.status_code == 409
    assert message(response) == "Bạn đã dùng hết 2 lượt thi của đợt này."


def test_submission_after_the_deadline_is_refused(client, contest_round):
    payload = start(client, contest_round).json()
    attempt = Attempt.objects.get(token=payload["token"])
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    response = submit(client, payload["token"], right_answers(payload))
    assert response.status_code == 409
    assert "Đã hết thời gian làm bài" in message(response)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED and attempt.correct_count is None
    # The overdue attempt no longer blocks a new one (the person has a second attempt).
    assert start(client, contest_round).status_code == 201


def test_a_submitted_attempt_cannot_be_submitted_again(client, contest_round):
    payload = start(client, contest_round).json()
    assert submit(client, payload["token"], {}).status_code == 200
    response = submit(client, payload["token"], right_answers(payload))
    assert response.status_code == 409
    assert message(response) == "Bài thi này đã được nộp."
    assert Attempt.objects.get(token=payload["token"]).correct_count == 0


def test_bad_registration_and_bad_submission_get_vietnamese_messages(client, contest_round):
    response = start(
        client, contest_round, full_name="", birth_date="1990-31-31", phone="123", id_number="12"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["full_name"] == ["Vui lòng nhập họ và tên."]
    assert "dd/mm/yyyy" in errors["birth_date"][0]
    assert "Số điện thoại không hợp lệ" in errors["phone"][0]
    assert errors["id_number"] == ["Số CCCD gồm 12 chữ số."]
    response = start(client, contest_round, address="")
    assert response.json()["errors"]["home_unit"] == ["Vui lòng chọn đơn vị hoặc nhập địa chỉ."]
    payload = start(client, contest_round).json()
    response = submit(client, payload["token"], {}, prediction="nhiều")
    assert response.status_code == 400
    assert response.json()["errors"]["prediction"] == ["Câu trả lời dự đoán phải là một số nguyên không âm."]
    response = client.post(
        f"/api/v1/contests/attempts/{payload['token']}/submit/", "{không", content_type="application/json"
    )
    assert response.status_code == 400
    assert client.get("/api/v1/contests/attempts/khong-co/").status_code == 404


def test_bank_smaller_than_an_attempt_is_refused(client, unit_a):
    page = contest_page(unit_a, bank=3)
    response = start(client, page.rounds.get())
    assert response.status_code == 503
    assert "ngân hàng câu hỏi chưa đủ câu" in message(response)


def test_honeypot_and_rate_limit(client, contest_round, settings):
    response = start(client, contest_round, website_url="http://spam.example")
    assert response.status_code == 400
    assert not Attempt.objects.exists()
    settings.CONTESTS_RATE_LIMIT = 2
    start(client, contest_round, phone="0900000001")
    start(client, contest_round, phone="0900000002")
    response = start(client, contest_round, phone="0900000003")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.json()["errors"]["__all__"][0]


def test_draft_contest_cannot_be_started(client, contest, contest_round):
    contest.unpublish()
    assert start(client, contest_round).status_code == 404


def test_start_and_submit_cost_a_fixed_number_of_queries(client, unit_a, django_assert_max_num_queries):
    """Twenty questions cost no more queries than five: nothing is read question by question."""
    page = contest_page(unit_a, bank=40, questions_per_attempt=20)
    contest_round = page.rounds.get()
    with django_assert_max_num_queries(20):
        payload = start(client, contest_round).json()
    assert len(payload["questions"]) == 20
    with django_assert_max_num_queries(12):
        assert submit(client, payload["token"], right_answers(payload)).json()["correct_count"] == 20
