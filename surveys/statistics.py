"""Automatic statistics of a survey, from aggregate queries only.

Whatever the number of responses, a statistics page costs a fixed handful of
``GROUP BY`` queries on the ``Answer`` index (counts per option, respondents
per question, numeric averages, and the cross-tabulation when a breakdown is
chosen). The result is cached under the survey's response count and latest
response id, so a new response (or an edit of the questions) shows at once.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Min
from django.utils.translation import gettext as _

from multisite.models import Unit

from . import blocks as qb
from .models import Answer, SurveyResponse

BY_UNIT = "don-vi"
CACHE_SECONDS = 600
LATEST_TEXTS = 10


@dataclass
class OptionRow:
    label: str
    count: int
    percent: float


@dataclass
class QuestionStats:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)
    average: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    texts: list = field(default_factory=list)
    # Breakdown: one list of cells per row, one cell (count, percent) per group.
    cross: list = field(default_factory=list)
    group_averages: list = field(default_factory=list)


@dataclass
class SurveyStats:
    total: int
    questions: list
    breakdown: object = None  # the question (or BY_UNIT) the answers are broken down by
    breakdown_label: str = ""
    groups: list = field(default_factory=list)  # [(label, number of responses)]
    units: list = field(default_factory=list)  # [(unit name, number of responses)] of a province-wide survey


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _number(value):
    return float(value) if isinstance(value, Decimal | int | float) else value


def breakdown_choices(survey):
    """(value, label) of what the answers may be broken down by: single-choice and
    scale questions, and the unit for a province-wide survey."""
    found = [
        (q.key, f"{q.number}. {q.label}") for q in survey.question_list() if q.kind in (qb.SINGLE, qb.SCALE)
    ]
    if survey.province_wide:
        found.append((BY_UNIT, _("Đơn vị nơi trả lời")))
    return found


def version(survey, unit_ids=None):
    responses = SurveyResponse.objects.filter(survey=survey)
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
    row = responses.aggregate(n=Count("id"), last=Max("id"))
    return row["n"], row["last"] or 0


def survey_stats(survey, breakdown="", unit_ids=None, with_texts=False):
    """The statistics of ``survey`` (its responses given in ``unit_ids`` only, if
    given), broken down by ``breakdown`` (a key of breakdown_choices) if valid."""
    total, last = version(survey, unit_ids)
    if breakdown not in dict(breakdown_choices(survey)):
        breakdown = ""
    units_key = ",".join(str(u) for u in sorted(unit_ids)) if unit_ids is not None else "*"
    key = (
        f"surveys:stats:{survey.pk}:{survey.latest_revision_id}:{total}:{last}:"
        f"{breakdown}:{units_key}:{int(with_texts)}"
    )
    stats = cache.get(key)
    if stats is None:
        stats = _compute(survey, total, breakdown, unit_ids, with_texts)
        cache.set(key, stats, CACHE_SECONDS)
    return stats


def _compute(survey, total, breakdown, unit_ids, with_texts):
    questions = survey.question_list()
    answers = Answer.objects.filter(survey=survey)
    if unit_ids is not None:
        answers = answers.filter(response__unit_id__in=unit_ids)

    counts, rows_per_question = {}, {}
    for question, choice, n in answers.values_list("question", "choice").annotate(n=Count("id")).order_by():
        counts[(question, choice)] = n
        rows_per_question[question] = rows_per_question.get(question, 0) + n
    multi = [q.key for q in questions if q.kind == qb.MULTIPLE]
    respondents = dict(rows_per_question)
    if multi:
        respondents.update(
            answers.filter(question__in=multi)
            .values_list("question")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        )
    numeric = {
        row["question"]: row
        for row in answers.filter(number__isnull=False)
        .values("question")
        .annotate(avg=Avg("number"), low=Min("number"), high=Max("number"))
        .order_by()
    }

    result = []
    for q in questions:
        item = QuestionStats(question=q, answered=respondents.get(q.key, 0))
        if q.counted:
            item.rows = [
                OptionRow(
                    label,
                    counts.get((q.key, label), 0),
                    percent(counts.get((q.key, label), 0), item.answered),
                )
                for label in q.choices
            ]
        if q.numeric and q.key in numeric:
            row = numeric[q.key]
            item.average = round(_number(row["avg"]), 2)
            item.minimum, item.maximum = _number(row["low"]), _number(row["high"])
        if q.textual and with_texts:
            item.texts = list(
                answers.filter(question=q.key)
                .order_by("-response_id")
                .values_list("text", flat=True)[:LATEST_TEXTS]
            )
        result.append(item)

    stats = SurveyStats(total=total, questions=result)
    if survey.province_wide:
        stats.units = _units(survey, unit_ids)
    if breakdown:
        _add_breakdown(stats, survey, answers, breakdown, unit_ids)
    return stats


def _units(survey, unit_ids):
    responses = SurveyResponse.objects.filter(survey=survey)
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
    per_unit = dict(responses.values_list("unit_id").annotate(n=Count("id")).order_by())
    names = dict(Unit.objects.filter(pk__in=per_unit).values_list("pk", "name"))
    return sorted(((names[pk], n) for pk, n in per_unit.items()), key=lambda row: (-row[1], row[0]))


def _add_breakdown(stats, survey, answers, breakdown, unit_ids):
    if breakdown == BY_UNIT:
        group_field = "response__unit_id"
        sizes = dict(
            SurveyResponse.objects.filter(
                survey=survey, **({"unit_id__in": unit_ids} if unit_ids is not None else {})
            )
            .values_list("unit_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        names = dict(Unit.objects.filter(pk__in=sizes).values_list("pk", "name"))
        group_keys = sorted(sizes, key=lambda pk: names[pk])
        stats.groups = [(names[pk], sizes[pk]) for pk in group_keys]
        stats.breakdown_label = _("Đơn vị nơi trả lời")
    else:
        question = next(q for q in survey.question_list() if q.key == breakdown)
        group_field = "response__answers__choice"
        answers = answers.filter(response__answers__question=breakdown)
        sizes = dict(
            Answer.objects.filter(
                survey=survey,
                question=breakdown,
                **({"response__unit_id__in": unit_ids} if unit_ids is not None else {}),
            )
            .values_list("choice")
            .annotate(n=Count("id"))
            .order_by()
        )
        group_keys = list(question.choices)
        stats.groups = [(label, sizes.get(label, 0)) for label in group_keys]
        stats.breakdown_label = f"{question.number}. {question.label}"
    stats.breakdown = breakdown

    cross = {
        (question, choice, group): n
        for question, choice, group, n in answers.exclude(choice="")
        .values_list("question", "choice", group_field)
        .annotate(n=Count("id"))
        .order_by()
    }
    averages = {
        (question, group): avg
        for question, group, avg in answers.filter(number__isnull=False)
        .values_list("question", group_field)
        .annotate(avg=Avg("number"))
        .order_by()
    }
    sizes_in_order = [sizes.get(g, 0) for g in group_keys]
    for item in stats.questions:
        q = item.question
        if q.counted:
            item.cross = [
                (
                    row.label,
                    [
                        (
                            cross.get((q.key, row.label, g), 0),
                            percent(cross.get((q.key, row.label, g), 0), size),
                        )
                        for g, size in zip(group_keys, sizes_in_order, strict=True)
                    ],
                )
                for row in item.rows
            ]
        if q.numeric:
            item.group_averages = [
                round(_number(averages[(q.key, g)]), 2) if (q.key, g) in averages else None
                for g in group_keys
            ]
