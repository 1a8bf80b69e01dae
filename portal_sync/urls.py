from django.urls import path

from . import views

urlpatterns = [path("api/v1/intake/", views.intake, name="portal_sync_intake")]
