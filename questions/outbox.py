"""E-mails to citizens and staff go through an outbox: stored with the change that
causes them, sent once the transaction commits, retried by ``send_question_outbox``.
A failing mail server therefore loses nothing and never fails the citizen's request."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 10


def queue_mail(to, subject, body, question=None):
    """Store an e-mail and send it after the current transaction commits."""
    if not to:
        return None
    mail = OutboxEmail.objects.create(to=to, subject=subject[:255], body=body, question=question)
    transaction.on_commit(lambda: send_pending(ids=[mail.pk]))
    return mail


def send_pending(ids=None, limit=500):
    """Try to send pending e-mails (those in ``ids`` only, when given); returns (sent, failed).

    Each row is claimed by raising its attempt count first, so two senders running
    at once do not send the same mail twice in the common case."""
    pending = OutboxEmail.objects.filter(status=OutboxStatus.PENDING)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    for mail in pending.order_by("pk")[:limit]:
        claimed = OutboxEmail.objects.filter(
            pk=mail.pk, status=OutboxStatus.PENDING, attempts=mail.attempts
        ).update(attempts=mail.attempts + 1)
        if not claimed:
            continue
        attempts = mail.attempts + 1
        try:
            send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
        except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
            logger.warning("Question e-mail %s not sent: %s", mail.pk, error)
            OutboxEmail.objects.filter(pk=mail.pk).update(
                last_error=str(error)[:2000],
                status=OutboxStatus.FAILED if attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING,
            )
            failed += 1
        else:
            OutboxEmail.objects.filter(pk=mail.pk).update(
                status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""
            )
            sent += 1
    return sent, failed
