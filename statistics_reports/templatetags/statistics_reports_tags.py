from django import template

from statistics_reports.models import format_number

register = template.Library()


@register.filter
def vn_number(value):
    """1.234,5 for a number; text as it is; an en dash for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value
    return format_number(value)


@register.filter
def signed(value):
    """A change with its sign: +12, -3."""
    if value is None:
        return "–"
    text = format_number(value)
    return f"+{text}" if value > 0 else text


@register.filter
def report_status(value):
    from statistics_reports.tables import status_label

    return status_label(value)
