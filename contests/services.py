"""Starting, submitting and ranking attempts: the rules both the contest page and
the JSON API apply, so that the browser and a mobile app are held to the same."""

import datetime
import random
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Attempt, AttemptStatus, ContestQuestion, ContestRound, WinnersList

LETTERS = "ABCD"


class Refused(Exception):
    """The request is refused; the message is Vietnamese and shown to the contestant."""

    def __init__(self, message, code, status=400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def local_time(value):
    return date_format(timezone.localtime(value), "H:i:s d/m/Y")


def person_key(phone):
    """The digits of a phone number (+84 written as 0): one person's key in a round."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("84") and len(digits) > 10:
        digits = "0" + digits[2:]
    return digits


def grace():
    return datetime.timedelta(seconds=settings.CONTESTS_SUBMIT_GRACE_SECONDS)


def expire_overdue(round_id, key, now):
    """Close the person's attempts whose time is over (they were never submitted)."""
    Attempt.objects.filter(
        round_id=round_id, person_key=key, status=AttemptStatus.ACTIVE, deadline__lt=now - grace()
    ).update(status=AttemptStatus.EXPIRED)


def start(contest_round, registration, now=None):
    """A new attempt for the registered person: ``registration`` holds the cleaned
    fields (full_name, birth_date, phone, id_number, home_unit, address)."""
    now = now or timezone.now()
    if now < contest_round.opens_at:
        raise Refused(
            _("Đợt thi chưa bắt đầu: mở lúc %(time)s.") % {"time": local_time(contest_round.opens_at)},
            "not_open",
        )
    if contest_round.is_closed(now):
        raise Refused(
            _("Đợt thi đã kết thúc lúc %(time)s.") % {"time": local_time(contest_round.closes_at)}, "closed"
        )
    key = person_key(registration["phone"])
    expire_overdue(contest_round.pk, key, now)
    previous = Attempt.objects.filter(round=contest_round, person_key=key)
    if previous.filter(status=AttemptStatus.ACTIVE).exists():
        raise Refused(
            _("Bạn đang có một lượt thi chưa nộp bài. Vui lòng hoàn thành lượt thi đó."),
            "active_attempt",
            409,
        )
    used = previous.count()
    if used >= contest_round.attempts_per_person:
        raise Refused(
            _("Bạn đã dùng hết %(count)s lượt thi của đợt này.")
            % {"count": contest_round.attempts_per_person},
            "attempts_exhausted",
            409,
        )
    bank = list(ContestQuestion.objects.filter(round=contest_round).values_list("pk", flat=True))
    if len(bank) < contest_round.questions_per_attempt:
        raise Refused(_("Đợt thi chưa sẵn sàng: ngân hàng câu hỏi chưa đủ câu."), "bank_too_small", 503)
    chooser = random.SystemRandom()
    drawn = [
        [pk, "".join(chooser.sample(LETTERS, 4))]
        for pk in chooser.sample(bank, contest_round.questions_per_attempt)
    ]
    deadline = min(
        now + datetime.timedelta(minutes=contest_round.time_limit_minutes), contest_round.closes_at
    )
    attempt = Attempt(
        unit_id=contest_round.page.unit_id,
        round=contest_round,
        token=secrets.token_urlsafe(24),
        full_name=registration["full_name"],
        birth_date=registration["birth_date"],
        phone=registration["phone"],
        person_key=key,
        id_number=registration.get("id_number") or "",
        home_unit=registration.get("home_unit"),
        address=registration.get("address") or "",
        number=used + 1,
        started_at=now,
        deadline=deadline,
        drawn=drawn,
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        raise Refused(
            _("Bạn đang có một lượt thi chưa nộp bài. Vui lòng hoàn thành lượt thi đó."),
            "active_attempt",
            409,
        ) from None
    return attempt


@dataclass
class ShownQuestion:
    """A drawn question as the contestant sees it: options in the attempt's order, no answer."""

    id: int
    number: int
    text: str
    options: list  # [(letter shown, option text)]

    def as_json(self):
        return {
            "id": self.id,
            "number": self.number,
            "text": self.text,
            "options": [{"key": key, "text": text} for key, text in self.options],
        }


def shown_questions(attempt):
    """The attempt's questions with their shuffled options (never the correct answer)."""
    questions = ContestQuestion.objects.in_bulk([pk for pk, _order in attempt.drawn])
    shown = []
    for number, (pk, order) in enumerate(attempt.drawn, start=1):
        question = questions.get(pk)
        if question is None:
            continue
        options = question.options
        shown.append(
            ShownQuestion(
                pk,
                number,
                question.text,
                [(LETTERS[i], options[LETTERS.index(original)]) for i, original in enumerate(order)],
            )
        )
    return shown


def submit(attempt, answers, prediction, now=None):
    """Score the attempt on the server. ``answers`` maps question ids (as text) to the
    letter the contestant chose among the options as shown; returns the attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().select_related("round").get(pk=attempt.pk)
        if attempt.status == AttemptStatus.SUBMITTED:
            raise Refused(_("Bài thi này đã được nộp."), "already_submitted", 409)
        late = attempt.status == AttemptStatus.EXPIRED or now > attempt.deadline + grace()
        if late and attempt.status == AttemptStatus.ACTIVE:
            attempt.status = AttemptStatus.EXPIRED
            attempt.save(update_fields=["status"])
        if not late:
            _score(attempt, answers, prediction, now)
    if late:
        raise Refused(
            _("Đã hết thời gian làm bài (hạn nộp %(time)s): bài thi không được chấm.")
            % {"time": local_time(attempt.deadline)},
            "deadline_passed",
            409,
        )
    return attempt


def _score(attempt, answers, prediction, now):
    """Compare the chosen options (mapped back through the attempt's shuffle) with the bank."""
    correct = dict(
        ContestQuestion.objects.filter(pk__in=[pk for pk, _order in attempt.drawn]).values_list(
            "pk", "correct"
        )
    )
    chosen, score = {}, 0
    for pk, order in attempt.drawn:
        letter = str(answers.get(str(pk), "") or "").upper()
        if letter and letter in LETTERS:
            original = order[LETTERS.index(letter)]
            chosen[str(pk)] = original
            score += original == correct.get(pk)
    attempt.answers = chosen
    attempt.correct_count = score
    attempt.prediction = prediction
    attempt.submitted_at = now
    attempt.duration_ms = max(
        0, int((min(now, attempt.deadline) - attempt.started_at).total_seconds() * 1000)
    )
    attempt.status = AttemptStatus.SUBMITTED
    attempt.save(
        update_fields=["answers", "correct_count", "prediction", "submitted_at", "duration_ms", "status"]
    )


def perfect_count(contest_round):
    """How many people answered every question right: the prediction question's answer."""
    return (
        Attempt.objects.filter(
            round=contest_round,
            status=AttemptStatus.SUBMITTED,
            correct_count=contest_round.questions_per_attempt,
        )
        .values("person_key")
        .distinct()
        .count()
    )


RANKING_SQL = """
WITH best AS (
    SELECT id, correct_count, ABS(COALESCE(prediction, 2000000000) - %(perfect)s) AS gap,
           duration_ms, submitted_at,
           ROW_NUMBER() OVER (
               PARTITION BY person_key
               ORDER BY correct_count DESC, ABS(COALESCE(prediction, 2000000000) - %(perfect)s),
                        duration_ms, submitted_at, id
           ) AS nth
    FROM contests_attempt
    WHERE round_id = %(round)s AND status = 'submitted'
)
SELECT id, ROW_NUMBER() OVER (ORDER BY correct_count DESC, gap, duration_ms, submitted_at, id) AS position, gap
FROM best WHERE nth = 1
ORDER BY position
"""


def ranking_rows(contest_round, limit=None, perfect=None):
    """[(attempt id, rank, prediction gap)] best first, each person's best attempt once:
    most correct answers, then the closest prediction, the shortest time, the earliest
    submission. Computed by the database (window functions)."""
    perfect = perfect_count(contest_round) if perfect is None else perfect
    sql = RANKING_SQL + (" LIMIT %(limit)s" if limit else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"perfect": perfect, "round": contest_round.pk, "limit": limit})
        return cursor.fetchall()


def ranking(contest_round, limit=None):
    """The ranked attempts (with ``rank`` and ``prediction_gap`` set) and the perfect count."""
    perfect = perfect_count(contest_round)
    rows = ranking_rows(contest_round, limit, perfect)
    attempts = Attempt.objects.select_related("home_unit").in_bulk([row[0] for row in rows])
    ranked = []
    for pk, position, gap in rows:
        attempt = attempts[pk]
        attempt.rank, attempt.prediction_gap = position, gap
        ranked.append(attempt)
    return ranked, perfect


def participation(contest_round):
    """[(unit name or "—", contestants, attempts)] most contestants first: units compete on participation."""
    rows = (
        Attempt.objects.filter(round=contest_round)
        .values("home_unit__name")
        .annotate(attempts=Count("pk"), people=Count("person_key", distinct=True))
        .order_by("-people", "home_unit__name")
    )
    return [
        (row["home_unit__name"] or _("Không chọn đơn vị"), row["people"], row["attempts"]) for row in rows
    ]


def approve_winners(contest_round, user):
    """Snapshot the ranking's top ``winners_count`` as the published winners' list."""
    if not contest_round.is_closed():
        raise Refused(_("Chỉ phê duyệt danh sách đạt giải sau khi đợt thi kết thúc."), "round_open")
    ranked, _perfect = ranking(contest_round, limit=contest_round.winners_count)
    winners = [
        {
            "rank": attempt.rank,
            "name": attempt.full_name,
            "place": attempt.home_unit.name if attempt.home_unit_id else attempt.address,
            "correct": attempt.correct_count,
            "prediction": attempt.prediction,
            "duration": attempt.duration_display,
        }
        for attempt in ranked
    ]
    winners_list, _created = WinnersList.objects.update_or_create(
        round=contest_round, defaults={"approved_by": user, "approved_at": timezone.now(), "winners": winners}
    )
    return winners_list


def open_rounds(page, now=None):
    now = now or timezone.now()
    return [r for r in page.rounds.all() if r.is_open(now)]


def round_of(page, round_id):
    return ContestRound.objects.filter(page=page, pk=round_id).first()
