"""Public URLs outside the page tree: the JSON API."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/questions/", api.submit_question, name="api_questions_submit"),
    path("api/v1/questions/status/", api.question_status, name="api_questions_status"),
    path("api/v1/questions/similar/", api.similar, name="api_questions_similar"),
]
