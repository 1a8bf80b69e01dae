"""Admin registrations: the "Khảo sát trực tuyến" menu, its screens, and a
"Kết quả" button on survey pages in the page explorer."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton

from . import admin_views
from .models import SurveyPage

urls = [
    path("", admin_views.SurveyListView.as_view(), name="index"),
    path("<int:survey_id>/", admin_views.SurveyResultsView.as_view(), name="results"),
    path("<int:survey_id>/bao-cao/", admin_views.report_view, name="report"),
    path("<int:survey_id>/xuat-csv/", admin_views.export_csv_view, name="export_csv"),
    path("<int:survey_id>/xuat-excel/", admin_views.export_xlsx_view, name="export_xlsx"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("khao-sat/", include((urls, "surveys_admin")))]


class SurveysMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def surveys_menu_item():
    return SurveysMenuItem(_("Khảo sát"), reverse("surveys_admin:index"), icon_name="list-ul", order=450)


@hooks.register("register_page_listing_buttons")
def results_button(page, user, next_url=None):
    if issubclass(page.specific_class or object, SurveyPage):
        yield ListingButton(
            _("Kết quả"), reverse("surveys_admin:results", args=[page.pk]), priority=15, icon_name="list-ul"
        )
