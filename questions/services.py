"""Every move of a question: stored first, logged (log_actions), then the citizen
told through the outbox. Views and the API call these; nothing else changes a
question's status or unit."""

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.cache import content_version
from multisite.models import Unit, UnitKind, UnitSection

from . import log_actions
from .models import Question, QuestionAnswerPage, QuestionStatus
from .outbox import queue_mail

SECTION_KEY = "qa"


def province_unit():
    """The province: its Department of Justice takes in questions asked on the portal."""
    return Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()


def qa_section(unit_id):
    """The unit's "Hỏi đáp" section page (specific), or None."""
    row = UnitSection.objects.filter(unit_id=unit_id, key=SECTION_KEY).select_related("page").first()
    return row.page.specific if row else None


def status_page_url(unit_id):
    """The full URL of the status page on ``unit_id``'s site ("" if it has no Q&A
    section); cached until pages move (the content version), as every question
    submitted there needs it."""
    key = f"questions:status-url:{unit_id}:{content_version()}"
    url = cache.get(key)
    if url is None:
        section = qa_section(unit_id)
        url = section.get_full_url() + section.reverse_subpage("status") if section is not None else ""
        cache.set(key, url, 3600)
    return url


def status_url(question):
    """The public status page of ``question``, on the site it was asked on."""
    base = status_page_url(question.asked_at_id or question.unit_id)
    return f"{base}?ma={question.tracking_code}" if base else ""


def _notify(question, template, subject, **context):
    if not question.email:
        return
    body = render_to_string(
        f"questions/email/{template}.txt",
        {"question": question, "status_url": status_url(question), **context},
    )
    queue_mail(question.email, subject, body, question=question)


@transaction.atomic
def submit(data, asked_at, attachment=None):
    """Store a citizen's question asked on ``asked_at``'s site (the province's
    intake when asked on the portal); returns the question."""
    question = Question(
        unit=asked_at,
        asked_at=asked_at,
        asker_name=data["asker_name"],
        email=data.get("email") or "",
        phone=data.get("phone") or "",
        field=data["field"],
        text=data["text"],
        consent_to_publish=bool(data.get("consent_to_publish")),
    )
    if attachment is not None:
        question.attachment = attachment
    question.save()
    log(instance=question, action=log_actions.RECEIVE, data={"unit": asked_at.name})
    _notify(
        question,
        "received",
        _("Đã nhận câu hỏi của bạn – mã tra cứu %(code)s") % {"code": question.tracking_code},
    )
    return question


def _move(question, user, action, target, status, reason=""):
    source = question.unit
    question.unit = target
    question.status = status
    question.assignee = None
    question.save(update_fields=["unit", "status", "assignee"])
    log(
        instance=question,
        action=action,
        user=user,
        data={"from": source.name, "to": target.name, "reason": reason},
    )


@transaction.atomic
def route(question, target, user):
    """The Department of Justice sends a question from its intake to ``target``."""
    _move(question, user, log_actions.ROUTE, target, QuestionStatus.ROUTED)
    _notify(
        question,
        "routed",
        _("Câu hỏi %(code)s đã được chuyển đơn vị trả lời") % {"code": question.tracking_code},
    )


@transaction.atomic
def forward(question, target, user, reason=""):
    """A unit passes a question on to another unit that should answer it."""
    _move(question, user, log_actions.FORWARD, target, QuestionStatus.ROUTED, reason)


@transaction.atomic
def send_back(question, user, reason=""):
    """A unit returns a question to the province's intake, to be routed again."""
    _move(question, user, log_actions.SEND_BACK, province_unit(), QuestionStatus.RECEIVED, reason)


@transaction.atomic
def assign(question, assignee, user):
    question.assignee = assignee
    question.save(update_fields=["assignee"])
    log(
        instance=question,
        action=log_actions.ASSIGN,
        user=user,
        data={"assignee": assignee.get_full_name() or assignee.get_username() if assignee else ""},
    )


@transaction.atomic
def decline(question, reason, user):
    question.status = QuestionStatus.DECLINED
    question.decline_reason = reason
    question.save(update_fields=["status", "decline_reason"])
    log(instance=question, action=log_actions.DECLINE, user=user, data={"reason": reason})
    _notify(question, "declined", _("Câu hỏi %(code)s không được trả lời") % {"code": question.tracking_code})


def answer_title(question):
    words = question.text.split()
    title = " ".join(words[:18])
    return title + ("…" if len(words) > 18 else "")


@transaction.atomic
def start_answer(question, user):
    """The draft answer page of ``question`` under its unit's Q&A section (created
    on first call); the question is then being answered."""
    page = QuestionAnswerPage.objects.filter(question=question).order_by("pk").first()
    if page is not None:
        return page
    section = qa_section(question.unit_id)
    if section is None:
        raise ValueError(f"unit {question.unit_id} has no Q&A section")
    published_question = question.text if question.consent_to_publish else ""
    title = (
        answer_title(question)
        if question.consent_to_publish
        else _("Hỏi đáp về %(field)s")
        % {"field": question.field.name.lower() if question.field else _("pháp luật")}
    )
    page = QuestionAnswerPage(
        title=title[:255],
        question_text=published_question,
        field=question.field,
        answer="",
        question=question,
        live=False,
        owner=user,
    )
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    question.status = QuestionStatus.ANSWERING
    if question.assignee_id is None:
        question.assignee = user
    question.save(update_fields=["status", "assignee"])
    log(instance=question, action=log_actions.START_ANSWER, user=user, data={"title": page.title})
    return page


@transaction.atomic
def mark_answered(page, user=None):
    """Called when an answer page is published: the question is answered and its asker told."""
    question = Question.objects.select_for_update().filter(pk=page.question_id).first()
    if question is None or question.status == QuestionStatus.ANSWERED:
        return
    question.status = QuestionStatus.ANSWERED
    question.answered_at = timezone.now()
    question.answer_page = page
    question.save(update_fields=["status", "answered_at", "answer_page"])
    log(instance=question, action=log_actions.ANSWER, user=user, data={"title": page.title})
    _notify(
        question,
        "answered",
        _("Câu hỏi %(code)s đã được trả lời") % {"code": question.tracking_code},
        answer_url=page.get_full_url(),
    )
