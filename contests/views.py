"""The contest page without JavaScript: register, answer, see the score (the page's
script does the same through the JSON API and adds a countdown)."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from . import services
from .forms import RegistrationForm, parse_prediction
from .models import Attempt, AttemptStatus, WinnersList


def _render(page, request, template, context, status=200):
    context = {"page": page, "self": page, "request": request, **context}
    return TemplateResponse(request, template, context, status=status)


def contest_view(page, request, form=None, form_round=None, refusal=None, status=200):
    """The contest, its rounds (with a registration form for the open one) and the
    approved winners of the closed ones."""
    now = timezone.now()
    rounds = list(page.rounds.all())
    open_round = form_round or next((r for r in rounds if r.is_open(now)), None)
    if open_round is not None and form is None:
        form = RegistrationForm(contest=page, request=request)
    winners = {w.round_id: w for w in WinnersList.objects.filter(round__in=[r.pk for r in rounds])}
    response = page.render(
        request,
        context_overrides={
            "rounds": [(r, winners.get(r.pk)) for r in rounds],
            "open_round": open_round,
            "form": form,
            "refusal": refusal,
            "register_url": (page.get_url(request) + page.reverse_subpage("round", args=[open_round.pk]))
            if open_round
            else "",
            "now": now,
        },
    )
    response.status_code = status
    return response


def round_view(page, request, round_id):
    """POST: register and start an attempt in the round, then go to its answer sheet."""
    contest_round = services.round_of(page, round_id)
    if contest_round is None:
        raise Http404
    if request.method != "POST":
        return redirect(page.get_url(request))
    form = RegistrationForm(request.POST, contest=page, request=request)
    if not form.is_valid():
        return contest_view(page, request, form=form, form_round=contest_round, status=400)
    try:
        attempt = services.start(contest_round, form.cleaned_data)
    except services.Refused as refusal:
        return contest_view(
            page, request, form=form, form_round=contest_round, refusal=refusal, status=refusal.status
        )
    return redirect(page.get_url(request) + page.reverse_subpage("attempt", args=[attempt.token]))


def attempt_view(page, request, token):
    """GET: the answer sheet (or the score once submitted); POST: submit it."""
    attempt = Attempt.objects.select_related("round").filter(token=token, round__page=page).first()
    if attempt is None:
        raise Http404
    refusal, errors, status = None, {}, 200
    if request.method == "POST" and attempt.status == AttemptStatus.ACTIVE:
        answers = {key[1:]: value for key, value in request.POST.items() if key.startswith("q")}
        try:
            prediction = parse_prediction(request.POST.get("prediction"))
        except ValueError as error:
            errors["prediction"], status = str(error), 400
        else:
            try:
                attempt = services.submit(attempt, answers, prediction)
            except services.Refused as error:
                refusal, status = error, error.status
                attempt.refresh_from_db()
            else:
                return redirect(request.path)
    context = {
        "attempt": attempt,
        "contest_round": attempt.round,
        "questions": services.shown_questions(attempt) if attempt.status == AttemptStatus.ACTIVE else [],
        "chosen": {key[1:]: value for key, value in request.POST.items() if key.startswith("q")},
        "prediction": request.POST.get("prediction", ""),
        "errors": errors,
        "refusal": refusal,
        "api_submit": f"/api/v1/contests/attempts/{attempt.token}/submit/",
        "now": timezone.now(),
    }
    return _render(page, request, "contests/attempt.html", context, status)
