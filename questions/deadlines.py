"""Deadlines counted in working days (Monday to Friday, less the configured holidays)."""

import datetime

from django.conf import settings


def holidays():
    """The dates in QUESTIONS_HOLIDAYS (ISO strings), as a set of dates."""
    return {datetime.date.fromisoformat(value) for value in getattr(settings, "QUESTIONS_HOLIDAYS", [])}


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (a date)."""
    off = holidays()
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            remaining -= 1
    return current


def deadline_from(start):
    return add_working_days(start, settings.QUESTIONS_DEADLINE_DAYS)
