"""Pushing marked content to the national portal's intake (``push_portal``).

A publication of a marked page is queued as an ``OutboundDelivery`` holding
the object as the data standard describes it at that moment. ``deliver``
sends what is due, each delivery signed with HMAC-SHA256 over its timestamp
and body; a failure keeps the row and doubles the wait before the next try
(``SYNC_RETRY_BASE`` … ``SYNC_RETRY_MAX``), so nothing is lost while the
receiver is down. The receiver applies a delivery id once.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext as _

from core.registries import api_resources
from multisite.lookup import unit_info_for_page
from multisite.models import Unit

from .models import NationalShare, OutboundDelivery

SIGNATURE_HEADER = "X-PBGDPL-Signature"
KEY_HEADER = "X-PBGDPL-Key"
TIMESTAMP_HEADER = "X-PBGDPL-Timestamp"


def sign(secret, timestamp, body):
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sendable(page):
    """Whether ``page``'s type is a collection of the open API (without serializing it)."""
    request = RequestFactory().get("/")
    return any(resource.queryset(request).model is page.specific_class for resource in api_resources)


def resource_for(page):
    """(resource, the page as its collection's object) for a page the open API publishes, else (None, None)."""
    specific = page.specific
    for resource in api_resources:
        request = _request_for(specific)
        queryset = resource.queryset(request)
        if queryset.model is not type(specific):
            continue
        obj = queryset.filter(pk=page.pk).first()
        if obj is None:
            return resource, None
        if resource.prepare is not None:
            resource.prepare([obj], request)
        data = resource.serialize(obj, request)
        if resource.full is not None:
            data |= resource.full(obj, request)
        return resource, data
    return None, None


def _request_for(page):
    site = page.get_site()
    host = site.hostname if site else "localhost"
    return RequestFactory().get("/", HTTP_HOST=host, SERVER_NAME=host)


def unit_for_page(page):
    info = unit_info_for_page(page)
    return Unit.objects.filter(pk=info["id"]).first() if info else None


def enqueue(page):
    """Queue the live version of ``page``; returns the delivery, or None when the
    page is not live or not an object of the open API."""
    if not page.live:
        return None
    resource, data = resource_for(page)
    if resource is None or data is None:
        return None
    unit = unit_for_page(page)
    if unit is None:
        return None
    return OutboundDelivery.objects.create(
        unit=unit, page=page, title=page.title[:500], resource=resource.key, payload=data
    )


def mark(page, user):
    """Mark ``page`` for the national portal and queue its live version."""
    unit = unit_for_page(page)
    share, created = NationalShare.objects.get_or_create(
        page=page, defaults={"unit": unit, "marked_by": user}
    )
    delivery = enqueue(page)
    return share, created, delivery


def is_marked(page):
    return NationalShare.objects.filter(page_id=page.pk).exists()


def _backoff(attempts):
    return min(settings.SYNC_RETRY_MAX, settings.SYNC_RETRY_BASE * 2 ** max(attempts - 1, 0))


def deliver(limit=500, now=None):
    """Send the deliveries that are due; returns a Counter of outcomes
    (delivered, failed, refused). Stops early when the receiver is unreachable."""
    counts = Counter()
    if not (settings.SYNC_PUSH_URL and settings.SYNC_PUSH_KEY_ID and settings.SYNC_PUSH_SECRET):
        counts["not_configured"] = OutboundDelivery.objects.filter(
            status=OutboundDelivery.Status.PENDING
        ).count()
        return counts
    now = now or timezone.now()
    due = OutboundDelivery.objects.filter(
        status=OutboundDelivery.Status.PENDING, next_attempt_at__lte=now
    ).order_by("created_at", "pk")
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            delivery = (
                OutboundDelivery.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OutboundDelivery.Status.PENDING)
                .first()
            )
            if delivery is None:
                continue
            outcome, reason = _send(delivery)
            delivery.attempts += 1
            if outcome == "delivered":
                delivery.status = OutboundDelivery.Status.DELIVERED
                delivery.delivered_at = timezone.now()
                delivery.last_error = ""
            elif outcome == "refused":
                delivery.status = OutboundDelivery.Status.REFUSED
                delivery.last_error = reason[:500]
            else:
                delivery.next_attempt_at = timezone.now() + timedelta(seconds=_backoff(delivery.attempts))
                delivery.last_error = reason[:500]
            delivery.save()
        counts[outcome] += 1
        if outcome == "unreachable":
            # The receiver is down: the rest waits for the next run, untouched.
            break
    return counts


def _send(delivery):
    """("delivered" | "refused" | "failed" | "unreachable", Vietnamese reason)."""
    body = json.dumps(
        {"id": str(delivery.uuid), "resource": delivery.resource, "object": delivery.payload},
        ensure_ascii=False,
        sort_keys=True,
    ).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - the configured intake
        settings.SYNC_PUSH_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            KEY_HEADER: settings.SYNC_PUSH_KEY_ID,
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(settings.SYNC_PUSH_SECRET, timestamp, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SYNC_TIMEOUT):  # noqa: S310 - configured URL
            return "delivered", ""
    except urllib.error.HTTPError as error:
        detail = ""
        try:
            detail = json.loads(error.read(4096).decode()).get("error", "")
        except (ValueError, AttributeError, UnicodeDecodeError):
            pass
        reason = _("Cổng nhận trả lời mã %(code)s %(detail)s") % {"code": error.code, "detail": detail}
        if 400 <= error.code < 500 and error.code not in (408, 409, 425, 429):
            return "refused", reason
        return "failed", reason
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return "unreachable", _("Không kết nối được tới cổng nhận (%(error)s)") % {"error": error}
