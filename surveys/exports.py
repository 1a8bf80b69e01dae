"""All responses of a survey as CSV or Excel, one row per response, one column
per question; text cells go through core.exports.neutralise so a citizen's
answer can never run as a formula. Answers are read in one ordered pass
(grouped by response), never one query per response."""

import csv
from itertools import groupby

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.exports import neutralise
from multisite.models import Unit

from . import blocks as qb
from .models import Answer, SurveyResponse

CHUNK = 2000


def header(questions):
    return [_("Mã phiếu"), _("Thời gian gửi"), _("Đơn vị"), _("Họ và tên"), _("E-mail"), _("Điện thoại")] + [
        f"{q.number}. {q.label}" for q in questions
    ]


def _cell(question, answers):
    """One question's cell from its (choice, number, text) answer tuples."""
    if question.kind == qb.MULTIPLE:
        return "; ".join(choice for choice, _number, _text in answers)
    if not answers:
        return ""
    choice, number, text = answers[0]
    if question.kind == qb.SCALE:
        return int(number) if number is not None else choice
    if question.kind == qb.NUMBER:
        return float(number) if number is not None else ""
    if question.kind == qb.SINGLE:
        return choice
    return text


def rows(survey, unit_ids=None):
    """Header then one list per response, oldest first (neutralised). Rows are read
    as tuples, a chunk of responses and their answers at a time."""
    questions = survey.question_list()
    yield header(questions)
    responses = SurveyResponse.objects.filter(survey=survey).order_by("pk")
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
    units = dict(Unit.objects.values_list("pk", "name"))
    last = 0
    while True:
        chunk = list(
            responses.filter(pk__gt=last).values_list(
                "pk", "submitted_at", "unit_id", "name", "email", "phone"
            )[:CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1][0]
        answers = (
            Answer.objects.filter(response_id__gte=chunk[0][0], response_id__lte=last, survey=survey)
            .order_by("response_id", "pk")
            .values_list("response_id", "question", "choice", "number", "text")
        )
        by_response = {
            pk: [row[1:] for row in group]
            for pk, group in groupby(answers.iterator(), key=lambda row: row[0])
        }
        for pk, submitted_at, unit_id, name, email, phone in chunk:
            per_question = {}
            for question, choice, number, text in by_response.get(pk, ()):
                per_question.setdefault(question, []).append((choice, number, text))
            row = [
                pk,
                date_format(timezone.localtime(submitted_at), "d/m/Y H:i"),
                units.get(unit_id, ""),
                name,
                email,
                phone,
            ] + [_cell(q, per_question.get(q.key, [])) for q in questions]
            yield [neutralise(value) for value in row]


def filename(survey, extension):
    return f"khao-sat-{slugify(survey.slug)[:60]}-{timezone.localdate():%Y%m%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(survey, unit_ids=None):
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so that Excel reads the Vietnamese as UTF-8
        for row in rows(survey, unit_ids):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(survey, "csv")}"'
    return response


def xlsx_response(survey, unit_ids=None):
    import tempfile

    from django.http import FileResponse
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Phiếu trả lời"))
    for row in rows(survey, unit_ids):
        sheet.append(row)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename(survey, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
