"""JSON API under /api/v1/contests/, used by the contest page's script and by mobile apps.

``GET  /api/v1/contests/<contest id>/`` the contest, its rounds and what registration asks;
``POST /api/v1/contests/rounds/<round id>/start/`` registers and starts an attempt: 201 with
the attempt's token, the server's deadline and the drawn questions with shuffled options
(never the correct answers); ``GET /api/v1/contests/attempts/<token>/`` the same again (resume);
``POST /api/v1/contests/attempts/<token>/submit/`` with ``{"answers": {question id: "A".."D"},
"prediction": n}`` scores the attempt on the server: 200 with the score.
Refusals are 400/404/409/429 with ``{"errors": {field: [messages]}}`` in Vietnamese. CSRF does
not apply: nothing rests on a cookie (the token is the attempt's key); starts are rate limited
per client address on the shared cache, and the registration has the forms' honeypot.
"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import RegistrationForm, parse_prediction
from .models import Attempt, AttemptStatus, ContestPage, ContestRound


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(errors, status=400):
    return _json({"errors": errors}, status=status)


def _refused(refusal):
    return _errors({"__all__": [refusal.message], "code": [refusal.code]}, status=refusal.status)


def _body(request):
    """The request's JSON object, or None."""
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _not_found():
    return _errors({"__all__": [_("Không tìm thấy cuộc thi hoặc đợt thi.")]}, status=404)


def public_round(round_id):
    contest_round = ContestRound.objects.select_related("page").filter(pk=round_id).first()
    if (
        contest_round is None
        or not contest_round.page.live
        or contest_round.page.get_view_restrictions().exists()
    ):
        return None
    return contest_round


def round_json(contest_round, now=None):
    return {
        "id": contest_round.pk,
        "title": contest_round.title,
        "opens_at": contest_round.opens_at.isoformat(),
        "closes_at": contest_round.closes_at.isoformat(),
        "questions_per_attempt": contest_round.questions_per_attempt,
        "time_limit_minutes": contest_round.time_limit_minutes,
        "attempts_per_person": contest_round.attempts_per_person,
        "is_open": contest_round.is_open(now),
    }


def attempt_json(attempt, request):
    page = attempt.round.page
    return {
        "token": attempt.token,
        "round": attempt.round_id,
        "number": attempt.number,
        "started_at": attempt.started_at.isoformat(),
        "deadline": attempt.deadline.isoformat(),
        "seconds_left": max(0, int((attempt.deadline - services.timezone.now()).total_seconds())),
        "prediction_question": page.prediction_question,
        "questions": [question.as_json() for question in services.shown_questions(attempt)],
        "submit_url": f"/api/v1/contests/attempts/{attempt.token}/submit/",
    }


@require_GET
def contest_detail(request, pk):
    page = ContestPage.objects.live().public().filter(pk=pk).first()
    if page is None:
        return _not_found()
    return _json(
        {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(request),
            "id_number": page.id_number_rule,
            "residence": page.residence_rule,
            "prediction_question": page.prediction_question,
            "units": [{"id": unit.pk, "name": unit.name} for unit in page.contestant_units()],
            "rounds": [round_json(r) for r in page.rounds.all()],
        }
    )


@csrf_exempt
@require_POST
def start(request, round_id):
    contest_round = public_round(round_id)
    if contest_round is None:
        return _not_found()
    data = _body(request) if request.content_type == "application/json" else request.POST
    if data is None:
        return _errors({"__all__": [_("Dữ liệu gửi lên không phải một đối tượng JSON hợp lệ.")]})
    data = {key: "" if value is None else str(value) for key, value in data.items()}
    form = RegistrationForm(data, contest=contest_round.page, request=request)
    if not form.is_valid():
        codes = {error.code for error in form.non_field_errors().as_data()}
        return _errors(form.errors, status=429 if "rate_limited" in codes else 400)
    try:
        attempt = services.start(contest_round, form.cleaned_data)
    except services.Refused as refusal:
        return _refused(refusal)
    return _json(attempt_json(attempt, request), status=201)


def _attempt(token):
    return Attempt.objects.select_related("round__page").filter(token=token).first()


@require_GET
def attempt_detail(request, token):
    attempt = _attempt(token)
    if attempt is None:
        return _errors({"__all__": [_("Không tìm thấy lượt thi.")]}, status=404)
    if attempt.status != AttemptStatus.ACTIVE:
        return _errors({"__all__": [_("Lượt thi này đã kết thúc.")], "code": ["not_active"]}, status=409)
    return _json(attempt_json(attempt, request))


@csrf_exempt
@require_POST
def submit(request, token):
    attempt = _attempt(token)
    if attempt is None:
        return _errors({"__all__": [_("Không tìm thấy lượt thi.")]}, status=404)
    data = _body(request)
    if data is None:
        return _errors({"__all__": [_("Dữ liệu gửi lên không phải một đối tượng JSON hợp lệ.")]})
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        return _errors({"answers": [_("Câu trả lời phải là một đối tượng {mã câu hỏi: phương án}.")]})
    try:
        prediction = parse_prediction(data.get("prediction"))
    except ValueError as error:
        return _errors({"prediction": [str(error)]})
    try:
        attempt = services.submit(attempt, answers, prediction)
    except services.Refused as refusal:
        return _refused(refusal)
    return _json(
        {
            "token": attempt.token,
            "correct_count": attempt.correct_count,
            "total": len(attempt.drawn),
            "prediction": attempt.prediction,
            "duration_seconds": round(attempt.duration_ms / 1000, 1),
            "submitted_at": attempt.submitted_at.isoformat(),
        }
    )
