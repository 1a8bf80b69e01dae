from django.urls import path

from . import views

app_name = "publicapi"
urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", views.schema, name="schema"),
    path("standard/<str:name>.schema.json", views.standard, name="standard"),
    path("<slug:key>/", views.collection, name="collection"),
    path("<slug:key>/<int:pk>/", views.detail, name="detail"),
]
