"""Geometry of the inline SVG bar charts (computed here, so templates stay simple)."""

from django import template
from django.utils.formats import number_format

register = template.Library()

ROW_HEIGHT = 28
BAR_X = 250
BAR_MAX = 300


@register.simple_tag
def chart_rows(rows):
    """Bars of a horizontal chart: widths proportional to the percentages."""
    bars = []
    for position, row in enumerate(rows):
        width = round(BAR_MAX * row.percent / 100, 1)
        bars.append(
            {
                "y": position * ROW_HEIGHT,
                "label": row.label,
                "count": row.count,
                "percent_text": number_format(row.percent, 1),
                "width": width,
                "text_x": BAR_X + width + 6,
            }
        )
    return {"rows": bars, "height": max(len(bars), 1) * ROW_HEIGHT}
