"""Storing a response (all or nothing) and the one-response-per-person checks."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import blocks as qb
from .models import Answer, EmailCode, SurveyResponse

BROWSER_COOKIE = "khaosat_trinhduyet"


class AlreadyAnswered(Exception):
    """The person (verified e-mail or browser) has already answered this survey."""


def respondent_key(survey, identity):
    """A keyed hash of an e-mail address or browser token, per survey: the raw
    value is never stored next to the answers."""
    message = f"survey:{survey.pk}:{identity.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def has_answered(survey, identity):
    return SurveyResponse.objects.filter(
        survey=survey, respondent_key=respondent_key(survey, identity)
    ).exists()


def new_browser_token():
    return secrets.token_urlsafe(24)


def answer_rows(survey, questions, answers):
    """The Answer rows of one response (not saved)."""
    kinds = {q.key: q.kind for q in questions}
    rows = []
    for key, value in answers.items():
        kind = kinds[key]
        if kind == qb.MULTIPLE:
            rows += [Answer(survey=survey, question=key, choice=option) for option in value]
        elif kind == qb.SINGLE:
            rows.append(Answer(survey=survey, question=key, choice=value))
        elif kind == qb.SCALE:
            rows.append(Answer(survey=survey, question=key, choice=str(value), number=value))
        elif kind == qb.NUMBER:
            rows.append(Answer(survey=survey, question=key, number=value))
        else:
            rows.append(Answer(survey=survey, question=key, text=value))
    return rows


def submit(survey, unit, questions, answers, contact=None, identity=""):
    """Store one response and its answers in one transaction; raises
    AlreadyAnswered when ``identity`` has answered before (checked by the
    database's unique constraint, so it holds under concurrent submissions)."""
    contact = contact or {}
    response = SurveyResponse(
        survey=survey,
        unit=unit,
        name=contact.get("name", ""),
        email=contact.get("email", ""),
        phone=contact.get("phone", ""),
        respondent_key=respondent_key(survey, identity) if identity else "",
    )
    rows = answer_rows(survey, questions, answers)
    try:
        with transaction.atomic():
            response.save()
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        if identity and has_answered(survey, identity):
            raise AlreadyAnswered() from None
        raise
    return response


def _code_hash(code):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()


def send_code(survey, email, survey_url):
    """Mail a fresh six-digit code to ``email`` (earlier codes stop working)."""
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        EmailCode.objects.filter(survey=survey, email__iexact=email).delete()
        EmailCode.objects.create(survey=survey, email=email.lower(), code_hash=_code_hash(code))
    send_mail(
        _("Mã xác minh khảo sát: %(title)s") % {"title": survey.title},
        _(
            "Mã xác minh của bạn là %(code)s (có hiệu lực 30 phút).\n"
            "Nhập mã này tại %(url)s để trả lời khảo sát “%(title)s”.\n"
            "Nếu bạn không yêu cầu mã này, vui lòng bỏ qua thư."
        )
        % {"code": code, "url": survey_url, "title": survey.title},
        None,
        [email],
    )


def check_code(survey, email, code):
    """True if ``code`` is the live code mailed to ``email``; a wrong try counts."""
    entry = EmailCode.objects.filter(survey=survey, email__iexact=email).order_by("-created_at").first()
    if entry is None or entry.expired:
        return False
    if hmac.compare_digest(entry.code_hash, _code_hash(code.strip())):
        entry.delete()
        return True
    EmailCode.objects.filter(pk=entry.pk).update(attempts=entry.attempts + 1)
    return False


def purge_expired_codes():
    EmailCode.objects.filter(created_at__lt=timezone.now() - EmailCode.LIFETIME).delete()
