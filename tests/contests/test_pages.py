"""The contest page without JavaScript: register, answer on the page, see the score;
refusals shown on the page; the approved winners published on it."""

import datetime
import re

import pytest
from django.utils import timezone

from contests import services
from contests.models import Attempt, AttemptStatus, ContestQuestion, WinnersList
from tests.contests.helpers import REGISTRATION, contest_page

pytestmark = pytest.mark.django_db


def host(unit):
    return {"HTTP_HOST": unit.site.hostname}


def test_register_answer_and_see_the_score_without_javascript(client, contest, contest_round, unit_a):
    url = contest.get_url()
    page = client.get(url, **host(unit_a))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đăng ký dự thi: Tuần 1" in html and 'name="birth_date"' in html
    response = client.post(f"{url}dot/{contest_round.pk}/", REGISTRATION, **host(unit_a))
    assert response.status_code == 302
    attempt = Attempt.objects.get()
    assert response["Location"].endswith(f"luot-thi/{attempt.token}/")
    sheet = client.get(response["Location"], **host(unit_a))
    html = sheet.content.decode()
    assert html.count('type="radio"') == 20
    assert "Giải thích" not in html
    correct = dict(ContestQuestion.objects.values_list("pk", "correct"))
    answers = {f"q{pk}": "ABCD"[order.index(correct[pk])] for pk, order in attempt.drawn}
    missing_prediction = client.post(response["Location"], answers, **host(unit_a))
    assert missing_prediction.status_code == 400
    assert "Vui lòng trả lời câu hỏi dự đoán." in missing_prediction.content.decode()
    assert "checked" in missing_prediction.content.decode()  # the answers are kept
    done = client.post(response["Location"], {**answers, "prediction": "7"}, follow=True, **host(unit_a))
    assert "trả lời đúng 5/5 câu" in done.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.prediction == 7


def test_refusal_and_bad_registration_are_shown_with_the_citizens_input(
    client, contest, contest_round, unit_a
):
    url = contest.get_url()
    bad = client.post(f"{url}dot/{contest_round.pk}/", {**REGISTRATION, "phone": "12"}, **host(unit_a))
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Số điện thoại không hợp lệ" in html and "Nguyễn Thị Thi" in html
    client.post(f"{url}dot/{contest_round.pk}/", REGISTRATION, **host(unit_a))
    again = client.post(f"{url}dot/{contest_round.pk}/", REGISTRATION, **host(unit_a))
    assert again.status_code == 409
    assert "Bạn đang có một lượt thi chưa nộp bài" in again.content.decode()


def test_late_submission_on_the_page_is_refused(client, contest, contest_round, unit_a):
    attempt = services.start(contest_round, {**REGISTRATION, "birth_date": datetime.date(1990, 1, 1)})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=5))
    url = f"{contest.get_url()}luot-thi/{attempt.token}/"
    response = client.post(url, {"prediction": "1"}, **host(unit_a))
    assert response.status_code == 409
    assert "Đã hết thời gian làm bài" in response.content.decode()


def test_winners_are_published_after_approval(client, unit_a, moderator_a, editor_a):
    now = timezone.now()
    page = contest_page(
        unit_a, opens=now - datetime.timedelta(days=2), closes=now + datetime.timedelta(hours=1)
    )
    contest_round = page.rounds.get()
    attempt = services.start(
        contest_round, {**REGISTRATION, "birth_date": datetime.date(1990, 1, 1), "full_name": "Lê Văn Giải"}
    )
    services.submit(attempt, {}, 0)
    contest_round.closes_at = now - datetime.timedelta(minutes=1)
    contest_round.save()
    assert "Lê Văn Giải" not in client.get(page.get_url(), **host(unit_a)).content.decode()

    results = f"/admin/contests/rounds/{contest_round.pk}/"
    client.force_login(editor_a)
    client.post(results)  # editors see the results, moderators approve them
    assert not WinnersList.objects.exists()
    client.force_login(moderator_a)
    assert client.post(results).status_code == 302
    html = client.get(page.get_url(), **host(unit_a)).content.decode()
    assert re.search(r"<td>1</td><td>Lê Văn Giải</td>", html)
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(page=page, action="contests.approve_winners")
    assert entry.user_id == moderator_a.pk
    assert entry.data == {"round": "Tuần 1", "count": 1}


def test_approval_is_refused_while_the_round_is_open(client, contest_round, moderator_a):
    client.force_login(moderator_a)
    response = client.post(f"/admin/contests/rounds/{contest_round.pk}/", follow=True)
    assert "Chỉ phê duyệt danh sách đạt giải sau khi đợt thi kết thúc." in response.content.decode()
