"""What the online legal contests app declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries

SECTION = registries.SectionSpec(
    "contests",
    _("Thi tìm hiểu pháp luật"),
    "thi-tim-hieu-phap-luat",
    "contests.ContestIndexPage",
    intro=_("Các cuộc thi tìm hiểu pháp luật trực tuyến."),
    order=78,
)


def seed_demo(unit, index):
    from .demo import seed_contest

    seed_contest(unit)


def register():
    registries.sections.register(SECTION)
    from . import report_sources

    report_sources.register()
    registries.unit_snippets.register("contests.ContestQuestion")
    registries.demo_seeders.register(registries.DemoSeeder("contests", seed_demo, order=60))
