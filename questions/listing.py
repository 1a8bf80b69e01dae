"""The published answers a Q&A section shows: its unit's and, rolled up, those of
the units below it (the whole province on the portal), queried where they live."""

from django.db.models import Q
from django.db.models.functions import ExtractYear

from core.feeds import under_roots
from multisite.lookup import unit_info_for_path, unit_root_paths
from multisite.models import Unit, UnitKind

from .models import AnswerSource, QuestionAnswerPage


def scope_paths(page):
    """Root paths of the units whose answers ``page`` shows (None: every unit)."""
    info = page.unit_info
    if info is None:
        return [page.get_parent().path]
    if info["kind"] == UnitKind.PROVINCE:
        return None
    return unit_root_paths(info["id"]) or [page.get_parent().path]


def answers_in_scope(page, include_shared=False):
    """Live public answers in ``page``'s scope; ``include_shared`` adds the
    Ministry's shared Q&A (imported under the portal) to a unit's view."""
    answers = QuestionAnswerPage.objects.live().public()
    paths = scope_paths(page)
    if paths is not None:
        condition = under_roots(paths)
        if include_shared:
            condition |= Q(source=AnswerSource.MINISTRY)
        answers = answers.filter(condition)
    return answers


def scope_units(page):
    """(code, name) of the units in ``page``'s scope that have a site."""
    paths = scope_paths(page)
    if paths is None:
        return list(Unit.objects.filter(site__isnull=False).order_by("name").values_list("code", "name"))
    infos = [info for info in (unit_info_for_path(path) for path in paths) if info]
    return sorted(((info["code"], info["name"]) for info in infos), key=lambda pair: pair[1])


def years_of(answers):
    return list(
        answers.annotate(year=ExtractYear("date")).order_by("-year").values_list("year", flat=True).distinct()
    )


def filter_answers(answers, data):
    """Apply the cleaned AnswerFilterForm ``data``."""
    if data.get("linh_vuc"):
        answers = answers.filter(field=data["linh_vuc"])
    if data.get("nam"):
        answers = answers.filter(date__year=data["nam"])
    if data.get("don_vi"):
        path = (
            Unit.objects.filter(code=data["don_vi"]).values_list("site__root_page__path", flat=True).first()
        )
        answers = answers.filter(path__startswith=path) if path else answers.none()
    if data.get("q"):
        words = data["q"].split()
        for word in words[:8]:
            answers = answers.filter(Q(question_text__icontains=word) | Q(title__icontains=word))
    return answers
