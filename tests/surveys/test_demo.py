"""The demo seeder: a province-wide survey with responses from several units."""

import pytest

from surveys.demo import DEMO_SLUG, seed_survey
from surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_survey_is_seeded_once_with_responses(province, unit_a, unit_b):
    seed_survey(province, 0)
    seed_survey(unit_a, 1)
    seed_survey(unit_b, 2)
    survey = SurveyPage.objects.get(slug=DEMO_SLUG)
    assert survey.live and survey.province_wide and survey.is_open
    counts = {
        unit.pk: SurveyResponse.objects.filter(survey=survey, unit=unit).count()
        for unit in (province, unit_a, unit_b)
    }
    assert counts == {province.pk: 8, unit_a.pk: 8, unit_b.pk: 8}
    seed_survey(province, 0)
    seed_survey(unit_a, 1)
    assert SurveyPage.objects.filter(slug=DEMO_SLUG).count() == 1
    assert SurveyResponse.objects.filter(survey=survey).count() == 24
