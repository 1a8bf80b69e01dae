"""What the Q&A and dialogues app declares to the portal (core.registries).

The "Hỏi đáp – Đối thoại chính sách" section is declared by ``home`` as a plain
list of articles; this app replaces it under the same key, so new units get a
QuestionIndexPage and ``upgrade_sections`` (or this app's migration) converts
the existing units' section pages in place.
"""

from django.utils.translation import gettext_lazy as _

from core import registries

SECTION = registries.SectionSpec(
    "qa",
    _("Hỏi đáp – Đối thoại chính sách"),
    "hoi-dap-doi-thoai-chinh-sach",
    "questions.QuestionIndexPage",
    intro=_("Gửi câu hỏi pháp luật, tra cứu câu trả lời và tham gia đối thoại chính sách."),
    order=70,
)


def seed_demo(unit, index):
    from .demo import seed_questions

    seed_questions(unit, index)


def register():
    from . import open_api, report_sources

    open_api.register()
    report_sources.register()
    registries.sections.replace(SECTION)
    registries.unit_snippets.register("questions.Question")
    registries.unit_snippets.register("questions.DialogueComment")
    registries.demo_seeders.register(registries.DemoSeeder("questions", seed_demo, order=40))
