"""A round's question bank from an Excel workbook (.xlsx): one question a row.

Columns (first row, any order): Câu hỏi, Phương án A, Phương án B, Phương án C,
Phương án D, Đáp án đúng (A–D), Lĩnh vực (a name from the legal-field list,
optional), Giải thích (optional). Every row is checked first; one bad row refuses
the whole file with every problem listed by row number, and nothing is imported.
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import LegalField
from core.text import ascii_key

from .models import ContestQuestion

COLUMNS = (
    ("text", gettext_lazy("Câu hỏi"), True),
    ("option_a", gettext_lazy("Phương án A"), True),
    ("option_b", gettext_lazy("Phương án B"), True),
    ("option_c", gettext_lazy("Phương án C"), True),
    ("option_d", gettext_lazy("Phương án D"), True),
    ("correct", gettext_lazy("Đáp án đúng"), True),
    ("field", gettext_lazy("Lĩnh vực"), False),
    ("explanation", gettext_lazy("Giải thích"), False),
)
HEADERS = {key: header for key, header, _required in COLUMNS}
MAX_LENGTH = {"option_a": 1000, "option_b": 1000, "option_c": 1000, "option_d": 1000}
MAX_ERRORS = 200


class ImportRefused(Exception):
    """The file cannot be imported: ``errors`` is a list of (row number or 0, Vietnamese message)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


def _open(source):
    from openpyxl import load_workbook

    if hasattr(source, "seek"):
        source.seek(0)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a non-xlsx file
        raise ImportRefused(
            [(0, _("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng."))]
        ) from error
    return workbook, sheet.iter_rows()


def _text(cell):
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_rows(source):
    """[(row number, {field: value})] of a valid file; raises ImportRefused."""
    workbook, rows = _open(source)
    try:
        header = next(rows, None)
        by_header = {ascii_key(str(header_text)): key for key, header_text, _r in COLUMNS}
        positions = {}
        for position, cell in enumerate(header or ()):
            key = by_header.get(ascii_key(str(cell.value or "")).replace("(*)", "").strip())
            if key:
                positions[key] = position
        missing = [
            str(header_text) for key, header_text, required in COLUMNS if required and key not in positions
        ]
        if missing:
            raise ImportRefused(
                [(1, _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})]
            )
        fields = {ascii_key(name): pk for pk, name in LegalField.objects.values_list("pk", "name")}
        errors, entries, seen = [], [], {}
        max_rows = settings.CONTESTS_IMPORT_MAX_ROWS
        for number, cells in enumerate(rows, start=2):
            record = {key: cells[pos] if pos < len(cells) else None for key, pos in positions.items()}
            values = {key: _text(cell) for key, cell in record.items()}
            if not any(values.values()):
                continue
            if len(entries) + len(errors) >= max_rows:
                errors.append((number, _("Tệp có quá %(count)s câu hỏi.") % {"count": max_rows}))
                break
            problems = [
                _("ô “%(column)s” chứa công thức; hãy nhập giá trị.") % {"column": HEADERS[key]}
                for key, cell in record.items()
                if cell is not None and cell.data_type == "f"
            ]
            for key, header_text, required in COLUMNS:
                if required and not values.get(key) and key != "correct":
                    problems.append(_("thiếu “%(column)s”.") % {"column": header_text})
                if key in MAX_LENGTH and len(values.get(key, "")) > MAX_LENGTH[key]:
                    problems.append(
                        _("“%(column)s” dài quá %(n)s ký tự.") % {"column": header_text, "n": MAX_LENGTH[key]}
                    )
            correct = values.get("correct", "").upper().removeprefix("PHƯƠNG ÁN ").strip()
            if correct not in {"A", "B", "C", "D"}:
                problems.append(
                    _("“Đáp án đúng” phải là A, B, C hoặc D (đang là “%(value)s”).")
                    % {"value": values.get("correct", "")}
                )
            field_id = None
            if values.get("field"):
                field_id = fields.get(ascii_key(values["field"]))
                if field_id is None:
                    problems.append(
                        _("lĩnh vực “%(field)s” không có trong danh mục.") % {"field": values["field"]}
                    )
            key = ascii_key(values.get("text", ""))
            if key and key in seen:
                problems.append(_("câu hỏi trùng với dòng %(row)s.") % {"row": seen[key]})
            seen.setdefault(key, number)
            if problems:
                errors += [(number, problem) for problem in problems]
                if len(errors) >= MAX_ERRORS:
                    break
                continue
            entries.append(
                (
                    number,
                    {
                        "text": values["text"],
                        "option_a": values["option_a"],
                        "option_b": values["option_b"],
                        "option_c": values["option_c"],
                        "option_d": values["option_d"],
                        "correct": correct,
                        "field_id": field_id,
                        "explanation": values.get("explanation", ""),
                    },
                )
            )
    finally:
        workbook.close()
    if errors:
        raise ImportRefused(errors)
    if not entries:
        raise ImportRefused([(0, _("Tệp không có câu hỏi nào."))])
    return entries


def import_questions(source, contest_round):
    """Add every question of the file to the round's bank, or none; returns how many."""
    entries = read_rows(source)
    unit_id = contest_round.page.unit_id
    with transaction.atomic():
        ContestQuestion.objects.bulk_create(
            [ContestQuestion(unit_id=unit_id, round=contest_round, **values) for _number, values in entries],
            batch_size=500,
        )
    return len(entries)


def format_errors(errors):
    return [
        (_("Dòng %(row)s: %(message)s") % {"row": row, "message": message}) if row else message
        for row, message in errors
    ]
