"""The contests' JSON API (before the open API's catch-all collections)."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/contests/<int:pk>/", api.contest_detail, name="api_contest"),
    path("api/v1/contests/rounds/<int:round_id>/start/", api.start, name="api_contest_start"),
    path("api/v1/contests/attempts/<str:token>/", api.attempt_detail, name="api_contest_attempt"),
    path("api/v1/contests/attempts/<str:token>/submit/", api.submit, name="api_contest_submit"),
]
