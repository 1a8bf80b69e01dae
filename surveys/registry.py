"""What the surveys app declares to the portal (core.registries).

Surveys live in a section of their own, "Khảo sát ý kiến", next to the Q&A
section: new units get it when provisioned, existing units with
``manage.py upgrade_sections`` (which ``seed_demo`` also runs). Keeping it a
separate section (rather than pages under the Q&A section) keeps this app
independent of ``questions``, and a province-wide survey is offered in every
unit's section.
"""

from django.utils.translation import gettext_lazy as _

from core import registries

SECTION = registries.SectionSpec(
    "surveys",
    _("Khảo sát ý kiến"),
    "khao-sat-y-kien",
    "surveys.SurveyIndexPage",
    intro=_("Tham gia khảo sát, đánh giá hiệu quả công tác phổ biến, giáo dục pháp luật."),
    order=75,
)


def seed_demo(unit, index):
    from .demo import seed_survey

    seed_survey(unit, index)


def register():
    registries.sections.register(SECTION)
    from . import report_sources

    report_sources.register()
    registries.demo_seeders.register(registries.DemoSeeder("surveys", seed_demo, order=45))
