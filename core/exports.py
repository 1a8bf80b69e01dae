"""Spreadsheet exports that cannot run formulas (CSV and Excel, every exporter).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by spreadsheet programs: a citizen's question, a failed
login's user name or a reporter's name could then run ``=HYPERLINK(...)`` or
``=cmd|...`` on the computer of the official who opens the export. Every
admin export goes through Wagtail's ``SpreadsheetExportMixin`` (reports,
snippet and model listings, form submissions); ``install()`` makes its one
preprocessing step neutralise such text, so exporters present and future are
covered without each one opting in.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def install():
    """Wrap SpreadsheetExportMixin.preprocess_field_value once (idempotent)."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
