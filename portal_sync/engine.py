"""Receiving objects of the data standard from another portal, pulled or pushed.

The collection's app says how an object becomes local content
(``core.registries.sync_receivers``); this module decides, per object, whether
to apply it at all. An object is applied when it is new, or when it changed
at its source and nobody edited the local copy since the last sync. A local
edit, or a local copy that did not come from this source, makes a conflict:
the remote version is kept beside the copy for an editor, who takes it or
keeps the local one (``resolve``). Nothing an editor wrote is overwritten.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from core.registries import api_resources, sync_receivers
from publicapi.openapi import standard_schema

from .models import SyncedCopy

# Fields that change without the object changing: left out of its fingerprint.
VOLATILE = ("id", "listed_by", "last_published_at", "first_published_at", "unit")


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    INVALID = "invalid"


@dataclass
class Report:
    """What one call of ``receive`` did, with a Vietnamese reason per refused object."""

    counts: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)

    def add(self, other):
        self.counts.update(other.counts)
        self.problems += other.problems

    @property
    def total(self):
        return sum(self.counts.values())


class SyncProblem(Exception):
    """Sync cannot go on (unknown collection, unreachable source …): a Vietnamese reason."""


@cache
def validator(resource_key):
    resource = api_resources.get(resource_key)
    if resource is None or sync_receivers.get(resource_key) is None:
        return None
    return Draft202012Validator(standard_schema(resource.schema))


def fingerprint(item):
    stable = {key: value for key, value in item.items() if key not in VOLATILE}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _label(item):
    return str(item.get("number") or item.get("title") or item.get("id") or "?")[:200]


def invalid_reasons(resource_key, item):
    """Vietnamese reasons why ``item`` is not an object of the standard's collection."""
    check = validator(resource_key)
    if check is None:
        return [_("tập dữ liệu “%(key)s” không đồng bộ được") % {"key": resource_key}]
    if not isinstance(item, dict):
        return [_("đối tượng phải là một đối tượng JSON")]
    reasons = []
    for error in sorted(check.iter_errors(item), key=str)[:5]:
        where = "/".join(str(part) for part in error.absolute_path) or _("đối tượng")
        reasons.append(
            _("%(where)s không đúng chuẩn dữ liệu (%(rule)s)") % {"where": where, "rule": error.validator}
        )
    return reasons


def receive(origin, resource_key, items, unit, user=None):
    """Apply ``items`` (objects of the standard) received from ``origin`` as
    content of ``unit`` (the province); returns a Report. Each object's
    outcome is one of ``Outcome``."""
    receiver = sync_receivers.get(resource_key)
    if receiver is None or api_resources.get(resource_key) is None:
        raise SyncProblem(_("Tập dữ liệu “%(key)s” không đồng bộ được.") % {"key": resource_key})
    report = Report()
    valid = []
    for item in items:
        reasons = invalid_reasons(resource_key, item)
        if reasons:
            report.counts[Outcome.INVALID] += 1
            report.problems.append(f"{_label(item) if isinstance(item, dict) else '?'}: {'; '.join(reasons)}")
        else:
            valid.append(item)
    if not valid:
        return report
    copies = {
        copy.remote_id: copy
        for copy in SyncedCopy.objects.filter(
            origin=origin, resource=resource_key, remote_id__in=[str(item["id"]) for item in valid]
        )
    }
    local = _local_objects(copies.values())
    unknown = [item for item in valid if str(item["id"]) not in copies]
    located = receiver.locate(unknown) if unknown else {}
    located = {str(unknown[index]["id"]): obj for index, obj in located.items()}
    to_apply, conflicts = [], []
    for item in valid:
        remote_id, digest = str(item["id"]), fingerprint(item)
        copy = copies.get(remote_id)
        if copy is None:
            existing = located.get(remote_id)
            if existing is not None and getattr(existing, "source_url", None) != item.get("url"):
                conflicts.append(
                    (item, digest, None, existing, _("đã có bản tại chỗ không lấy từ nguồn này"))
                )
            else:
                to_apply.append((item, digest, None))
            continue
        obj = local.get(copy.pk)
        if copy.remote_hash == digest and copy.status != SyncedCopy.Status.CONFLICT:
            report.counts[Outcome.UNCHANGED] += 1
        elif obj is None:
            conflicts.append((item, digest, copy, None, _("bản tại chỗ đã bị xoá")))
        elif receiver.state(obj) != copy.local_state:
            conflicts.append(
                (item, digest, copy, obj, _("bản tại chỗ đã được biên tập sau lần đồng bộ trước"))
            )
        else:
            to_apply.append((item, digest, copy))
    with transaction.atomic():
        _record_conflicts(origin, resource_key, unit, conflicts)
    report.counts[Outcome.CONFLICT] += len(conflicts)
    if to_apply:
        report.add(_apply(origin, resource_key, unit, receiver, to_apply, user))
    return report


def _local_objects(copies):
    """SyncedCopy pk -> its local object, one query per content type."""
    by_type = {}
    for copy in copies:
        if copy.content_type_id and copy.object_id:
            by_type.setdefault(copy.content_type_id, []).append(copy)
    found = {}
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        objects = model.objects.in_bulk([copy.object_id for copy in group])
        for copy in group:
            if copy.object_id in objects:
                found[copy.pk] = objects[copy.object_id]
    return found


def _remote_modified(item):
    value = item.get("last_published_at")
    return parse_datetime(value) if isinstance(value, str) else None


def _record_conflicts(origin, resource_key, unit, conflicts):
    now = timezone.now()
    for item, _digest, copy, obj, reason in conflicts:
        if copy is None:
            copy = SyncedCopy(origin=origin, resource=resource_key, remote_id=str(item["id"]), unit=unit)
            if obj is not None:
                copy.content_type = ContentType.objects.get_for_model(obj)
                copy.object_id = obj.pk
        copy.status = SyncedCopy.Status.CONFLICT
        copy.conflict_reason = reason
        copy.pending = item
        copy.remote_url = item.get("url", "")[:500]
        copy.remote_modified = _remote_modified(item)
        copy.title = str(item.get("title", ""))[:500]
        copy.synced_at = now
        copy.save()


def _apply(origin, resource_key, unit, receiver, to_apply, user):
    report = Report()
    results = receiver.apply([item for item, _digest, _copy in to_apply], unit, user)
    now = timezone.now()
    for (item, digest, copy), (obj, reasons, outcome) in zip(to_apply, results, strict=True):
        if obj is None:
            report.counts[Outcome.INVALID] += 1
            report.problems.append(f"{_label(item)}: {'; '.join(reasons)}")
            continue
        report.counts[outcome] += 1
        if copy is None:
            copy = SyncedCopy(origin=origin, resource=resource_key, remote_id=str(item["id"]))
        copy.unit = unit
        copy.content_type = ContentType.objects.get_for_model(obj)
        copy.object_id = obj.pk
        copy.local_state = receiver.state(obj)
        copy.remote_hash = digest
        copy.remote_url = item.get("url", "")[:500]
        copy.remote_modified = _remote_modified(item)
        copy.title = str(item.get("title", ""))[:500]
        copy.status = SyncedCopy.Status.SYNCED
        copy.conflict_reason = ""
        copy.pending = None
        copy.synced_at = now
        copy.save()
    return report


def resolve(copy, take_remote, user=None):
    """Settle a conflict: apply the remote version kept beside the copy, or keep
    the local one (a later remote change is flagged again). Returns a Report."""
    receiver = sync_receivers.get(copy.resource)
    if copy.status != SyncedCopy.Status.CONFLICT or copy.pending is None or receiver is None:
        return Report()
    item = copy.pending
    if not take_remote:
        copy.status = SyncedCopy.Status.KEPT_LOCAL
        copy.remote_hash = fingerprint(item)
        copy.pending = None
        copy.conflict_reason = ""
        copy.save()
        return Report(counts=Counter({Outcome.UNCHANGED: 1}))
    return _apply(copy.origin, copy.resource, copy.unit, receiver, [(item, fingerprint(item), copy)], user)
