"""Survey responses pre-fill statistics reports (core.registries.report_indicator_sources)."""

import datetime

from django.utils import timezone

from core.registries import report_indicator_sources
from tests.surveys.helpers import answers, make_survey, post, survey_url


def test_responses_given_on_the_units_site_in_the_period_are_counted(client, unit_a, unit_b):
    survey = make_survey(unit_a)
    post(client, unit_a, survey_url(survey), answers())
    post(client, unit_a, survey_url(survey), answers(), ip="198.51.100.21")
    count = report_indicator_sources.get("surveys.responses").count
    today = timezone.localdate()
    assert count(unit_a, today - datetime.timedelta(days=1), today) == 2
    assert count(unit_b, today - datetime.timedelta(days=1), today) == 0
    assert count(unit_a, today - datetime.timedelta(days=30), today - datetime.timedelta(days=1)) == 0
