"""The change feed of a collection: ``?changed_after=<cursor or date>``.

A portal that syncs from this one asks for what changed since it last looked.
Pages of a change feed are ordered by the date a change was made, then by id,
and carry ``next_cursor``: the position after their last object. A cursor is
opaque to the client (base64 of the date and id); a plain ISO date or
date-time starts the feed at that moment. Paging by position rather than by
page number keeps a long sync exact while objects change under it.
"""

import base64
import datetime
import json

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

PARAMETER = "changed_after"


def encode_cursor(moment, pk):
    raw = json.dumps([moment.isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value):
    """(aware datetime, pk or None) from a cursor or an ISO date/date-time; ValueError otherwise."""
    value = value.strip()
    moment = _moment(value)
    if moment is not None:
        return moment, None
    try:
        padded = value + "=" * (-len(value) % 4)
        text, pk = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        moment = _moment(text)
        if moment is None or not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise ValueError(
            _("changed_after phải là con trỏ do API trả về hoặc một ngày/giờ ISO 8601 (ví dụ 2026-01-31)")
        ) from None
    return moment, pk


def _moment(text):
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                return None
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def changed_after(queryset, field, value):
    """``queryset`` limited to what changed after the position ``value`` names, in feed order."""
    moment, pk = decode_cursor(value)
    if pk is None:
        after = Q(**{f"{field}__gt": moment})
    else:
        after = Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": pk})
    return queryset.filter(after).order_by(field, "pk")


def next_cursor(objects, field):
    if not objects:
        return None
    last = objects[-1]
    return encode_cursor(getattr(last, field), last.pk)
