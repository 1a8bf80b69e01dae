"""The Excel export of a period, laid out like the form: the form's sections and
indicators down the side, the total and every reporting unit across; a second
sheet tells who has reported. Text is neutralised (core.exports) so that no
cell runs as a formula."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.exports import neutralise

from . import tables
from .models import ReportStatus


def _cell(value):
    if value is None:
        return None
    if isinstance(value, str):
        return neutralise(value)
    return float(value)


def period_workbook(period, root):
    """The .xlsx bytes of ``period`` for ``root`` and the units below it."""
    table = tables.period_table(period, root.pk)
    values = tables.unit_values(period, table["unit_ids"])
    reporting = table["status_rows"]
    bold = Font(bold=True)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Biểu tổng hợp")[:31]
    sheet.append([neutralise(period.form.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            neutralise(
                _("Kỳ báo cáo: %(period)s (%(start)s – %(end)s); hạn gửi %(deadline)s")
                % {
                    "period": period.title,
                    "start": f"{period.start:%d/%m/%Y}",
                    "end": f"{period.end:%d/%m/%Y}",
                    "deadline": f"{period.deadline:%d/%m/%Y}",
                }
            )
        ]
    )
    sheet.append(
        [
            neutralise(
                _("Đơn vị tổng hợp: %(unit)s; đã gửi %(counted)s/%(expected)s báo cáo; xuất ngày %(today)s")
                % {
                    "unit": root.name,
                    "counted": table["counted"],
                    "expected": table["expected"],
                    "today": f"{timezone.localdate():%d/%m/%Y}",
                }
            )
        ]
    )
    sheet.append([])
    header = [_("Mã"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Tổng hợp")] + [
        neutralise(row["name"]) for row in reporting
    ]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    section = None
    for indicator in table["indicators"]:
        if indicator.section and indicator.section != section:
            sheet.append([None, neutralise(indicator.section)])
            sheet.cell(row=sheet.max_row, column=2).font = bold
        section = indicator.section
        sheet.append(
            [
                neutralise(indicator.code),
                neutralise(indicator.name),
                neutralise(indicator.unit_of_measure),
                _cell(table["totals"].get(indicator.pk)),
            ]
            + [_cell(values.get(row["unit_id"], {}).get(indicator.pk)) for row in reporting]
        )
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 14
    for column in range(4, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=5)

    status_sheet = workbook.create_sheet(_("Tình hình gửi báo cáo")[:31])
    status_sheet.append([_("Đơn vị"), _("Tình trạng"), _("Ngày gửi"), _("Trễ hạn")])
    for cell in status_sheet[1]:
        cell.font = bold
    for row in reporting:
        submitted = row["submitted_at"]
        status_sheet.append(
            [
                neutralise(row["name"]),
                str(ReportStatus(row["status"]).label),
                timezone.localtime(submitted).strftime("%d/%m/%Y %H:%M") if submitted else None,
                _("Trễ hạn") if row["late"] else None,
            ]
        )
    status_sheet.column_dimensions["A"].width = 40
    status_sheet.column_dimensions["B"].width = 24
    status_sheet.column_dimensions["C"].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
