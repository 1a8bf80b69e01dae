"""What the coordination council app declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries

SECTION = registries.SectionSpec(
    "council", _("Hội đồng phối hợp PBGDPL"), "hoi-dong-phoi-hop", "council.CouncilPage", order=80
)
# The council's standing body at each level (a department's page names its members
# of the province's council, whose standing body is the Department of Justice).
JUSTICE_OFFICE = {
    "province": "Sở Tư pháp",
    "district": "Phòng Tư pháp",
    "commune": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "department": "Sở Tư pháp",
}


def seed_demo(unit, index):
    from .demo import seed_council

    if unit.kind in JUSTICE_OFFICE:
        seed_council(unit, justice_name=JUSTICE_OFFICE[unit.kind])


def register():
    from . import api, report_sources

    report_sources.register()

    api.register()
    registries.sections.register(SECTION)
    registries.demo_seeders.register(registries.DemoSeeder("council", seed_demo, order=30))
