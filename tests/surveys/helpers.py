"""Helpers shared by the surveys tests: a survey with one question of each kind."""

import datetime

from django.utils import timezone

from surveys import blocks as qb
from surveys.demo import demo_questions, survey_section
from surveys.models import SurveyPage

SURVEY_PATH = "/khao-sat-y-kien/"
AGE, CHANNELS, SCALE, COUNT, REMARKS = (q["id"] for q in demo_questions())
NAME = "b0000000-0000-4000-8000-000000000006"


def questions():
    """The demo questions plus a required short text."""
    return demo_questions() + [
        {
            "type": qb.SHORT_TEXT,
            "id": NAME,
            "value": {"label": "Bạn sống ở thôn, tổ dân phố nào?", "help_text": "", "required": True},
        }
    ]


def make_survey(unit, title="Khảo sát thử nghiệm", slug="khao-sat-thu", **fields):
    today = timezone.localdate()
    values = {
        "title": title,
        "slug": slug,
        "questions": questions(),
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=7),
        **fields,
    }
    page = survey_section(unit).add_child(instance=SurveyPage(**values))
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def survey_url(survey):
    return SURVEY_PATH + survey.slug + "/"


def answers(**changes):
    """A complete, valid POST for the survey of make_survey()."""
    data = {
        f"q_{AGE}": "Từ 30 đến 50 tuổi",
        f"q_{CHANNELS}": ["Loa truyền thanh", "Mạng xã hội"],
        f"q_{SCALE}": "4",
        f"q_{COUNT}": "3",
        f"q_{REMARKS}": "Nên tổ chức thêm hội nghị ở thôn.",
        f"q_{NAME}": "Thôn Đông",
    }
    for key, value in changes.items():
        name = key if key.startswith(("contact_", "website_url")) else f"q_{globals()[key.upper()]}"
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def post(client, unit, path, data, ip="198.51.100.20"):
    return client.post(path, data, HTTP_HOST=unit.site.hostname, REMOTE_ADDR=ip)


def get(client, unit, path, ip="198.51.100.20"):
    return client.get(path, HTTP_HOST=unit.site.hostname, REMOTE_ADDR=ip)
