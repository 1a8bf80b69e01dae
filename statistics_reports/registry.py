"""What statistics reports declare to the portal (core.registries): the
published figures on the "Số liệu thống kê" pages and the demo data."""

from django.utils.translation import gettext_lazy as _

from core import registries


def published_figures(unit_info, request):
    from .public import published_figures_context

    return published_figures_context(unit_info)


def seed_demo(unit, index):
    from .demo import seed_reports

    seed_reports(unit, index)


def register():
    registries.statistics_blocks.register(
        registries.StatisticsBlock(
            "bao-cao-thong-ke",
            _("Số liệu báo cáo định kỳ"),
            "statistics_reports/includes/published_figures.html",
            published_figures,
            order=50,
        )
    )
    registries.demo_seeders.register(registries.DemoSeeder("statistics_reports", seed_demo, order=90))
