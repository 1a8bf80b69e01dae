"""Import published Q&A from the Ministry of Justice's shared database (JSON Lines).

Every line is checked against ``schema/shared_qa.schema.json`` and the portal's
lists first; one bad line stops the import with every problem reported by line
number, and nothing is written. Good files become published QuestionAnswerPages
(source: the Ministry) under one unit's Q&A section, the portal's by default;
every unit can list them ("Kèm hỏi đáp dùng chung"). Ids already imported are skipped.
"""

import datetime
import html
import json
import re
from pathlib import Path

import nh3
from django.db import transaction
from jsonschema import Draft202012Validator, FormatChecker

from core.models import LegalField

from .models import AnswerSource, QuestionAnswerPage

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "shared_qa.schema.json"
ANSWER_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h3", "h4"}
MAX_ERRORS = 200


class ImportRefused(Exception):
    """The file has bad lines: ``errors`` is a list of (line number, Vietnamese message)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} dòng lỗi")
        self.errors = errors


def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def answer_html(value):
    if "<" in value:
        return nh3.clean(value, tags=ANSWER_TAGS, attributes={"a": {"href"}}, link_rel=None).strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs)


def _message(error):
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "required":
        return f"thiếu trường bắt buộc: {error.message.split(chr(39))[1]}"
    if error.validator == "additionalProperties":
        return f"có trường không được phép ({error.message})"
    if error.validator == "format":
        return f"trường “{where}” sai định dạng ({error.validator_value})"
    if error.validator in {"maxLength", "minLength"}:
        return f"trường “{where}” có độ dài không hợp lệ"
    if error.validator == "type":
        return f"trường “{where or 'dòng'}” sai kiểu dữ liệu (cần {error.validator_value})"
    return f"trường “{where}”: {error.message}"


def read_lines(path):
    """The valid entries of the file as (line number, dict); raises ImportRefused."""
    check = validator()
    fields = dict(LegalField.objects.values_list("slug", "pk"))
    errors, entries, seen = [], [], {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ImportRefused([(0, "tệp không phải văn bản UTF-8")]) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError as error:
            errors.append((number, f"không phải JSON hợp lệ ({error.msg})"))
            continue
        problems = [
            _message(e) for e in sorted(check.iter_errors(entry), key=lambda e: list(e.absolute_path))
        ]
        if isinstance(entry, dict):
            if entry.get("field") and isinstance(entry["field"], str) and entry["field"] not in fields:
                problems.append(f"lĩnh vực “{entry['field']}” không có trong danh sách")
            if isinstance(entry.get("id"), str):
                if entry["id"] in seen:
                    problems.append(f"mã “{entry['id']}” trùng với dòng {seen[entry['id']]}")
                seen.setdefault(entry["id"], number)
        errors += [(number, problem) for problem in problems]
        if not problems:
            entry["field_id"] = fields.get(entry.get("field"))
            entries.append((number, entry))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise ImportRefused(errors)
    return entries


def import_file(path, section, source=AnswerSource.MINISTRY):
    """Import every line or nothing; returns (created, skipped)."""
    entries = read_lines(path)
    existing = set(
        QuestionAnswerPage.objects.filter(
            source=source, source_ref__in=[e["id"] for _n, e in entries]
        ).values_list("source_ref", flat=True)
    )
    created = 0
    with transaction.atomic():
        for _number, entry in entries:
            if entry["id"] in existing:
                continue
            page = QuestionAnswerPage(
                title=entry["title"],
                question_text=entry["question"],
                answer=answer_html(entry["answer"]),
                field_id=entry["field_id"],
                date=datetime.date.fromisoformat(entry["answered_on"])
                if entry.get("answered_on")
                else datetime.date.today(),
                source=source,
                source_ref=entry["id"],
            )
            section.add_child(instance=page)
            page.save_revision().publish()
            created += 1
    return created, len(entries) - created
