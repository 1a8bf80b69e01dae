from django.urls import reverse

from statistics_reports.models import UnitReport


def report_of(period, unit):
    return UnitReport.objects.select_related("period").get(period=period, unit=unit)


def report_url(report, name="report"):
    return reverse(f"statistics_reports:{name}", args=[report.pk])


def fill(client, report, values, action="save", notes=None, files=None):
    """POST the report form: ``values`` maps indicator codes to the typed text."""
    data = {"action": action}
    for indicator in report.period.requested_indicators():
        data[f"v{indicator.pk}"] = values.get(indicator.code, "")
        if notes and indicator.code in notes:
            data[f"n{indicator.pk}"] = notes[indicator.code]
    data.update(files or {})
    return client.post(report_url(report), data)


def figures(report):
    """{code: number or text} of a report's stored values."""
    return {
        value.indicator.code: (value.number if value.number is not None else value.text)
        for value in report.values.select_related("indicator")
    }


def denied(response):
    """Wagtail's admin answers a refused view with a redirect to the dashboard (or a 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")
