from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsReportsConfig(AppConfig):
    name = "statistics_reports"
    verbose_name = _("Báo cáo thống kê")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .registry import register

        register()
