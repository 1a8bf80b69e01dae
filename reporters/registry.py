"""What the register of legal reporters declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries

SECTIONS = (
    registries.SectionSpec(
        "reporters",
        _("Báo cáo viên – Tuyên truyền viên"),
        "bao-cao-vien-tuyen-truyen-vien",
        "reporters.DirectoryPage",
        order=90,
    ),
    registries.SectionSpec(
        "statistics", _("Số liệu thống kê"), "so-lieu-thong-ke", "reporters.StatisticsPage", order=100
    ),
)


def seed_demo(unit, index):
    from .demo import seed_register

    seed_register(unit)


def register():
    from . import report_sources

    report_sources.register()
    for spec in SECTIONS:
        registries.sections.register(spec)
    registries.unit_snippets.register("reporters.Person")
    registries.unit_snippets.register("reporters.Activity")
    registries.demo_seeders.register(registries.DemoSeeder("register", seed_demo, order=20))
