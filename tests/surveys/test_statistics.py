"""Automatic statistics: counts, percentages, averages, SVG charts with tables,
a breakdown by one question or by unit, published after closing if chosen."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys import services
from surveys.models import SurveyPage
from surveys.statistics import BY_UNIT, survey_stats

from .helpers import AGE, CHANNELS, COUNT, NAME, REMARKS, SCALE, get, make_survey

pytestmark = pytest.mark.django_db

RESPONSES = [
    # age, channels, scale, count
    ("Dưới 30 tuổi", ["Mạng xã hội"], 5, 2),
    ("Dưới 30 tuổi", ["Mạng xã hội", "Cổng thông tin điện tử"], 4, 0),
    ("Trên 50 tuổi", ["Loa truyền thanh"], 3, 6),
    ("Trên 50 tuổi", ["Loa truyền thanh", "Hội nghị, buổi tuyên truyền"], 2, None),
]


def answer_all(survey, unit, rows=RESPONSES):
    questions = survey.question_list()
    for age, channels, scale, count in rows:
        answers = {AGE: age, CHANNELS: channels, SCALE: scale, NAME: "Thôn Đông"}
        if count is not None:
            answers[COUNT] = count
        services.submit(survey, unit, questions, answers)


def by_key(stats):
    return {item.question.key: item for item in stats.questions}


def test_counts_percentages_and_averages(unit_a):
    survey = make_survey(unit_a)
    answer_all(survey, unit_a)
    stats = survey_stats(survey)
    items = by_key(stats)
    assert stats.total == 4
    age = {row.label: (row.count, row.percent) for row in items[AGE].rows}
    assert age == {"Dưới 30 tuổi": (2, 50.0), "Từ 30 đến 50 tuổi": (0, 0.0), "Trên 50 tuổi": (2, 50.0)}
    channels = {row.label: (row.count, row.percent) for row in items[CHANNELS].rows}
    assert items[CHANNELS].answered == 4
    assert channels["Mạng xã hội"] == (2, 50.0) and channels["Cổng thông tin điện tử"] == (1, 25.0)
    assert [row.count for row in items[SCALE].rows] == [0, 1, 1, 1, 1]
    assert items[SCALE].average == 3.5
    assert items[COUNT].answered == 3 and items[COUNT].average == pytest.approx(2.67, abs=0.01)
    assert (items[COUNT].minimum, items[COUNT].maximum) == (0, 6)
    assert items[REMARKS].answered == 0 and items[NAME].answered == 4


def test_the_statistics_cost_a_fixed_number_of_queries(unit_a):
    survey = make_survey(unit_a)
    answer_all(survey, unit_a)
    with CaptureQueriesContext(connection) as few:
        survey_stats(SurveyPage.objects.get(pk=survey.pk), AGE)
    answer_all(survey, unit_a, RESPONSES * 10)
    with CaptureQueriesContext(connection) as many:
        survey_stats(SurveyPage.objects.get(pk=survey.pk), AGE)
    assert len(many) == len(few) <= 10


def test_breakdown_by_a_chosen_question(unit_a):
    survey = make_survey(unit_a)
    answer_all(survey, unit_a)
    stats = survey_stats(survey, AGE)
    assert stats.groups == [("Dưới 30 tuổi", 2), ("Từ 30 đến 50 tuổi", 0), ("Trên 50 tuổi", 2)]
    cross = dict(by_key(stats)[CHANNELS].cross)
    assert cross["Mạng xã hội"] == [(2, 100.0), (0, 0.0), (0, 0.0)]
    assert cross["Loa truyền thanh"] == [(0, 0.0), (0, 0.0), (2, 100.0)]
    assert by_key(stats)[SCALE].group_averages == [4.5, None, 2.5]
    assert survey_stats(survey, "khong-co").breakdown is None


def test_a_new_response_shows_at_once_despite_the_cache(unit_a):
    survey = make_survey(unit_a)
    answer_all(survey, unit_a)
    assert survey_stats(survey).total == 4
    answer_all(survey, unit_a, RESPONSES[:1])
    assert survey_stats(survey).total == 5


def test_a_province_wide_survey_is_answered_on_every_units_site_and_broken_down_by_unit(
    client, province, unit_a, unit_b
):
    survey = make_survey(province, province_wide=True)
    listing = get(client, unit_a, "/khao-sat-y-kien/").content.decode()
    shared_url = f"/khao-sat-y-kien/toan-tinh/{survey.pk}/"
    assert shared_url in listing and "Khảo sát toàn tỉnh" in listing
    from .helpers import answers, post

    assert post(client, unit_a, shared_url, answers()).status_code == 302
    assert post(client, unit_b, shared_url, answers(age="Trên 50 tuổi")).status_code == 302
    assert post(client, province, "/khao-sat-y-kien/khao-sat-thu/", answers()).status_code == 302
    stats = survey_stats(survey, BY_UNIT)
    assert sorted(stats.units) == sorted([(unit_a.name, 1), (unit_b.name, 1), (province.name, 1)])
    groups = dict(stats.groups)
    assert groups == {unit_a.name: 1, unit_b.name: 1, province.name: 1}
    names = [name for name, _size in stats.groups]
    age = dict(by_key(stats)[AGE].cross)
    assert age["Trên 50 tuổi"][names.index(unit_b.name)] == (1, 100.0)
    assert age["Trên 50 tuổi"][names.index(unit_a.name)] == (0, 0.0)
    # A unit's own survey is not offered on other units' sites.
    own = make_survey(unit_a, slug="rieng")
    assert get(client, unit_b, f"/khao-sat-y-kien/toan-tinh/{own.pk}/").status_code == 404


def test_results_are_public_only_after_closing_and_if_the_unit_chooses(client, unit_a):
    today = timezone.localdate()
    open_survey = make_survey(unit_a, results_public=True)
    answer_all(open_survey, unit_a)
    assert get(client, unit_a, "/khao-sat-y-kien/khao-sat-thu/ket-qua/").status_code == 404
    closed = make_survey(
        unit_a,
        slug="da-dong",
        results_public=True,
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    answer_all(closed, unit_a)
    services.submit(closed, unit_a, closed.question_list(), {AGE: "Dưới 30 tuổi", REMARKS: "Ý kiến riêng tư"})
    response = get(client, unit_a, "/khao-sat-y-kien/da-dong/ket-qua/?theo=" + AGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng số phiếu trả lời: 5" in body
    assert 'role="img"' in body and "<svg" in body and "<table" in body and "<script" not in body
    assert '<th scope="row">Dưới 30 tuổi</th><td>3</td><td>60,0%</td>' in body
    assert "Phân tích theo:" in body
    assert "Ý kiến riêng tư" not in body  # free text stays with staff
    private = make_survey(
        unit_a,
        slug="khong-cong-khai",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today - datetime.timedelta(days=1),
    )
    assert get(client, unit_a, f"/khao-sat-y-kien/{private.slug}/ket-qua/").status_code == 404


def test_unchanged_statistics_come_from_the_cache_for_one_query(unit_a):
    survey = make_survey(unit_a)
    answer_all(survey, unit_a)
    survey_stats(SurveyPage.objects.get(pk=survey.pk), AGE)
    with CaptureQueriesContext(connection) as cached:
        stats = survey_stats(SurveyPage.objects.get(pk=survey.pk), AGE)
    assert len(cached) == 2  # the page and the version (count, latest id)
    assert stats.total == 4 and stats.groups[0] == ("Dưới 30 tuổi", 2)
