"""Importing a unit's register from an Excel workbook (.xlsx).

The template's columns are listed in ``COLUMNS`` (and in the README). Every row
is checked; bad rows are reported with their row number and every reason, good
rows are imported, in batches of one transaction with a savepoint per row. A
sheet is refused whole, before anything is written, if it is unreadable, lacks a
required column or holds more than REPORTERS_IMPORT_MAX_ROWS rows; a formula in a
cell is reported with its cell address. A person already in the unit's
register (same recognition decision number and same name, ignoring case,
spacing and diacritics) is skipped, so importing a file twice changes nothing.
"""

import datetime
import io
import itertools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from core.models import LegalField
from core.text import ascii_key
from multisite.models import UnitKind

from .models import Person, PersonKind, PersonStatus, RecognitionLevel


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    note: str = ""


COLUMNS = (
    Column("full_name", gettext_lazy("Họ và tên"), True),
    Column("kind", gettext_lazy("Loại"), True, gettext_lazy("Báo cáo viên hoặc Tuyên truyền viên")),
    Column(
        "decision_number", gettext_lazy("Số quyết định công nhận"), True, gettext_lazy("Ví dụ: 125/QĐ-UBND")
    ),
    Column("decision_date", gettext_lazy("Ngày quyết định"), True, gettext_lazy("dd/mm/yyyy")),
    Column("decision_issuer", gettext_lazy("Cơ quan ra quyết định")),
    Column(
        "level",
        gettext_lazy("Cấp công nhận"),
        False,
        gettext_lazy("Tỉnh, Huyện hoặc Xã; để trống theo cấp của đơn vị"),
    ),
    Column("agency", gettext_lazy("Cơ quan công tác")),
    Column("position", gettext_lazy("Chức vụ")),
    Column(
        "fields",
        gettext_lazy("Lĩnh vực"),
        False,
        gettext_lazy("Tên lĩnh vực theo danh mục, cách nhau bằng dấu ;"),
    ),
    Column(
        "status",
        gettext_lazy("Tình trạng"),
        False,
        gettext_lazy("Đang hoạt động (mặc định), Tạm đình chỉ, Đã thu hồi công nhận"),
    ),
    Column(
        "status_date",
        gettext_lazy("Ngày thay đổi tình trạng"),
        False,
        gettext_lazy("dd/mm/yyyy; bắt buộc khi đã thu hồi"),
    ),
    Column("status_reason", gettext_lazy("Lý do")),
    Column("phone", gettext_lazy("Điện thoại")),
    Column("email", gettext_lazy("Thư điện tử")),
    Column("address", gettext_lazy("Địa chỉ")),
    Column(
        "contact_public",
        gettext_lazy("Đồng ý công khai liên hệ"),
        False,
        gettext_lazy("Có hoặc Không (mặc định Không)"),
    ),
)

BATCH_SIZE = 200
DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
YES = {"co", "x", "yes", "1", "dong y"}
NO = {"", "khong", "no", "0"}


def _choice_lookup(enum, extra=None):
    """Accept a choice's value, its label or a short form, ignoring case and diacritics."""
    table = {}
    for choice in enum:
        table[ascii_key(choice.value)] = choice.value
        table[ascii_key(str(choice.label))] = choice.value
    for alias, value in (extra or {}).items():
        table[ascii_key(alias)] = value
    return table


KIND_LOOKUP = _choice_lookup(
    PersonKind,
    {
        "Báo cáo viên": PersonKind.REPORTER,
        "BCV": PersonKind.REPORTER,
        "Tuyên truyền viên": PersonKind.PROPAGANDIST,
        "TTV": PersonKind.PROPAGANDIST,
    },
)
LEVEL_LOOKUP = _choice_lookup(
    RecognitionLevel,
    {"Tỉnh": RecognitionLevel.PROVINCE, "Huyện": RecognitionLevel.DISTRICT, "Xã": RecognitionLevel.COMMUNE},
)
STATUS_LOOKUP = _choice_lookup(
    PersonStatus,
    {
        "Hoạt động": PersonStatus.ACTIVE,
        "Đình chỉ": PersonStatus.SUSPENDED,
        "Thu hồi": PersonStatus.WITHDRAWN,
        "Đã thu hồi": PersonStatus.WITHDRAWN,
    },
)
DEFAULT_LEVEL = {
    UnitKind.PROVINCE: RecognitionLevel.PROVINCE,
    UnitKind.DEPARTMENT: RecognitionLevel.PROVINCE,
    UnitKind.DISTRICT: RecognitionLevel.DISTRICT,
    UnitKind.COMMUNE: RecognitionLevel.COMMUNE,
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Vietnamese."""


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (row number, [reasons])

    @property
    def rows(self):
        return len(self.created) + len(self.existing) + len(self.errors)


def build_template():
    """The blank workbook to fill in: a header row and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách")
    sheet.append([str(column.header) + (" (*)" if column.required else "") for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[cell_letter(index)].width = 24
        if column.key in {"decision_date", "status_date"}:
            for row in range(2, 1002):
                sheet.cell(row=row, column=index).number_format = "DD/MM/YYYY"
    kinds = DataValidation(type="list", formula1='"Báo cáo viên,Tuyên truyền viên"', allow_blank=True)
    sheet.add_data_validation(kinds)
    kinds.add("B2:B1001")
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([str(column.header), _("Có") if column.required else "", str(column.note)])
    guide.append([])
    guide.append([_("Danh mục lĩnh vực")])
    for name in LegalField.objects.values_list("name", flat=True):
        guide.append([name])
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["C"].width = 70

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _open_sheet(source):
    """The workbook, the first sheet's rows (as cells) and {column key: position} from its header."""
    from openpyxl import load_workbook

    if hasattr(source, "seek"):
        source.seek(0)
    try:
        # Formulas as written (not their cached values), so that they can be reported.
        workbook = load_workbook(source, read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a non-xlsx file
        raise ImportFileError(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.")) from error
    rows = sheet.iter_rows()
    header = next(rows, None)
    if not header or all(cell.value is None for cell in header):
        workbook.close()
        raise ImportFileError(_("Tệp không có dòng tiêu đề."))
    by_header = {ascii_key(str(column.header)): column.key for column in COLUMNS}
    positions = {}
    for position, cell in enumerate(header):
        key = by_header.get(ascii_key(str(cell.value or "")).replace("(*)", "").strip())
        if key:
            positions[key] = position
    missing = [str(column.header) for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        workbook.close()
        raise ImportFileError(
            _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu.") % {"columns": ", ".join(missing)}
        )
    return workbook, rows, positions


def _data_rows(rows, positions):
    """(row number, {key: cell}) for every row with something in a template column."""
    for number, cells in enumerate(rows, start=2):
        record = {
            key: cells[position] if position < len(cells) else None for key, position in positions.items()
        }
        if all(
            cell is None or cell.value is None or str(cell.value).strip() == "" for cell in record.values()
        ):
            continue
        yield number, record


def count_rows(source, limit=None):
    """How many rows the sheet holds (counting stops past ``limit``); reads, writes nothing."""
    limit = limit or settings.REPORTERS_IMPORT_MAX_ROWS
    workbook, rows, positions = _open_sheet(source)
    count = 0
    for count, _row in enumerate(_data_rows(rows, positions), start=1):  # noqa: B007
        if count > limit:
            break
    workbook.close()
    return count


def read_rows(source):
    """Yield (row number, {column key: raw value}, [formula problems]) from the first sheet."""
    workbook, rows, positions = _open_sheet(source)
    columns = {key: position + 1 for key, position in positions.items()}
    for number, record in _data_rows(rows, positions):
        formulas = [
            _("Ô %(cell)s (%(column)s) chứa công thức “%(formula)s”; hãy nhập giá trị thay cho công thức.")
            % {"cell": f"{cell_letter(columns[key])}{number}", "column": HEADERS[key], "formula": cell.value}
            for key, cell in record.items()
            if cell is not None and cell.data_type == "f"
        ]
        yield number, {key: None if cell is None else cell.value for key, cell in record.items()}, formulas
    workbook.close()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value, key, problems):
    """The date of a cell (an Excel date or dd/mm/yyyy text); None if empty or
    wrong (then reported under ``key``)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None  # a missing required date is reported by the model
    match = DATE_RE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    problems.append(
        (
            key,
            _("%(column)s “%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).")
            % {"column": HEADERS[key], "value": text},
        )
    )
    return None


HEADERS = {column.key: str(column.header) for column in COLUMNS}

# How the model's generic field errors read in a row's reasons, by error code;
# messages of the model's own rules are shown as they are.
MISSING = {
    "full_name": gettext_lazy("Thiếu họ và tên."),
    "kind": gettext_lazy("Thiếu loại (Báo cáo viên hoặc Tuyên truyền viên)."),
    "decision_number": gettext_lazy("Thiếu số quyết định công nhận."),
}
# Person fields a row sets, checked by the model's own validation.
VALIDATED_FIELDS = (
    "full_name",
    "kind",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "level",
    "agency",
    "position",
    "status",
    "status_date",
    "status_reason",
    "phone",
    "email",
    "address",
)


def _field_problem(key, error, values):
    column = HEADERS.get(key, "")
    if error.code in {"blank", "null", "required"}:
        return str(MISSING.get(key) or _("Thiếu %(column)s.") % {"column": column})
    if error.code == "max_length":
        return _("%(column)s dài quá %(limit)s ký tự.") % {
            "column": column,
            "limit": error.params["limit_value"],
        }
    if error.code == "invalid" and values.get(key):
        return _("%(column)s “%(value)s” không hợp lệ.") % {"column": column, "value": values[key]}
    message = " ".join(error.messages)
    return _("%(column)s: %(message)s") % {"column": column, "message": message} if column else message


def person_problems(person, values, reported):
    """The Person model's validation of a row's person (its fields and
    ``validate_status``), skipping columns already reported; Vietnamese reasons."""
    exclude = [f.name for f in Person._meta.fields if f.name not in VALIDATED_FIELDS or f.name in reported]
    problems = []
    for check in (lambda: person.clean_fields(exclude=exclude), person.validate_status):
        try:
            check()
        except ValidationError as error:
            for key, errors in error.error_dict.items():
                if key not in reported:
                    problems += [_field_problem(key, e, values) for e in errors]
    return problems


def parse_row(record, unit, fields_by_name):
    """Return (unsaved person, field ids, problems) for one row."""
    problems = []  # (column key, reason)
    values = {key: _text(record.get(key)) for key in HEADERS}

    kind = KIND_LOOKUP.get(ascii_key(values["kind"]))
    if values["kind"] and kind is None:
        problems.append(
            (
                "kind",
                _("Loại “%(value)s” không hợp lệ; ghi Báo cáo viên hoặc Tuyên truyền viên.")
                % {"value": values["kind"]},
            )
        )
    decision_date = _date(record.get("decision_date"), "decision_date", problems)
    if decision_date and decision_date > datetime.date.today():
        problems.append(
            (
                "decision_date",
                _("Ngày quyết định %(date)s ở tương lai.") % {"date": decision_date.strftime("%d/%m/%Y")},
            )
        )

    level = DEFAULT_LEVEL.get(unit.kind, RecognitionLevel.COMMUNE)
    if values["level"]:
        level = LEVEL_LOOKUP.get(ascii_key(values["level"]))
        if level is None:
            problems.append(
                (
                    "level",
                    _("Cấp công nhận “%(value)s” không hợp lệ; ghi Tỉnh, Huyện hoặc Xã.")
                    % {"value": values["level"]},
                )
            )

    status = PersonStatus.ACTIVE
    if values["status"]:
        status = STATUS_LOOKUP.get(ascii_key(values["status"]))
        if status is None:
            problems.append(
                (
                    "status",
                    _(
                        "Tình trạng “%(value)s” không hợp lệ; ghi Đang hoạt động, Tạm đình chỉ hoặc Đã thu hồi công nhận."
                    )
                    % {"value": values["status"]},
                )
            )
    status_date = _date(record.get("status_date"), "status_date", problems)

    field_ids = []
    for name in filter(None, (part.strip() for part in re.split(r"[;\n]", values["fields"]))):
        field_id = fields_by_name.get(ascii_key(name))
        if field_id is None:
            problems.append(("fields", _("Lĩnh vực “%(value)s” không có trong danh mục.") % {"value": name}))
        else:
            field_ids.append(field_id)

    consent = ascii_key(values["contact_public"])
    if consent not in YES | NO:
        problems.append(("contact_public", _("Cột đồng ý công khai liên hệ chỉ ghi Có hoặc Không.")))

    person = Person(
        unit=unit,
        full_name=values["full_name"],
        kind=kind or "",
        decision_number=values["decision_number"],
        decision_date=decision_date,
        decision_issuer=values["decision_issuer"],
        level=level or "",
        agency=values["agency"],
        position=values["position"],
        status=status or "",
        status_date=status_date,
        status_reason=values["status_reason"],
        phone=values["phone"],
        email=values["email"],
        address=values["address"],
        contact_public=consent in YES,
    )
    reasons = [reason for _key, reason in problems]
    reasons += person_problems(person, values, {key for key, _reason in problems})
    return person, field_ids, reasons


def import_people(source, unit, user=None, progress=None):
    """Import the workbook ``source`` (path or file) into ``unit``'s register.

    A sheet with more rows than REPORTERS_IMPORT_MAX_ROWS is refused before
    anything is written. Rows are written in batches (one transaction each,
    a savepoint per row); ``progress(done, total)`` is called after each batch.
    """
    limit = settings.REPORTERS_IMPORT_MAX_ROWS
    total = count_rows(source, limit)
    if total > limit:
        raise ImportFileError(
            _(
                "Tệp có hơn %(limit)s dòng dữ liệu; mỗi lần chỉ nhập tối đa %(limit)s dòng. "
                "Hãy chia danh sách thành nhiều tệp."
            )
            % {"limit": limit}
        )
    result = ImportResult()
    fields_by_name = {}
    for pk, name, slug in LegalField.objects.values_list("pk", "name", "slug"):
        fields_by_name[ascii_key(name)] = pk
        fields_by_name[ascii_key(slug)] = pk
    rows = read_rows(source)
    done = 0
    while batch := list(itertools.islice(rows, BATCH_SIZE)):
        with transaction.atomic():
            for number, record, formulas in batch:
                _import_row(number, record, formulas, unit, user, fields_by_name, result)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return result


def _import_row(number, record, formulas, unit, user, fields_by_name, result):
    person, field_ids, problems = parse_row(record, unit, fields_by_name)
    problems = formulas + problems
    if problems:
        result.errors.append((number, problems))
        return
    with transaction.atomic():
        existing = person.duplicate()
        if existing is not None:
            result.existing.append((number, existing))
            return
        person.save()
        person.fields.set(field_ids)
        log(instance=person, action="wagtail.create", user=user)
    result.created.append((number, person))
