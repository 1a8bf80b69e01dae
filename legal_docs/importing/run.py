"""The import loop: lines are planned, written in batches, and indexed."""

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.text import normal_key

from .index import indexing_job
from .plan import ImportContext, ImportProblem, parse_record, plan_line, read_lines
from .write import Batch, Status, complete_relations, write_plan

logger = logging.getLogger(__name__)
BATCH_SIZE = 100


@dataclass
class LineResult:
    """What happened to one input line."""

    line: int
    status: str
    document_number: str = ""
    errors: list = field(default_factory=list)
    page_id: int | None = None

    @property
    def message(self):
        return _("Dòng %(line)d: %(reasons)s") % {"line": self.line, "reasons": "; ".join(self.errors)}


def import_records(
    records, unit, publish=True, base_dir=None, user=None, batch_size=BATCH_SIZE, list_on_unit=False
):
    """Import ``records`` — an iterable of (line number, JSON text or dict) — for ``unit``.

    A document already in the province (same number and issuing body) is
    updated wherever it lives; a new one goes to the shared repository when it
    is central or provincial, else to the unit's section. ``list_on_unit``
    lists every imported document the unit does not own on the unit.

    Yields one LineResult per line. Each line is written in its own savepoint
    inside a batch transaction; each committed batch goes to the search engine
    in bulk while the next one is written. A line whose relation points to a
    document later in the input is written after it; documents that refer to
    each other are written together (``_import_cycle``). A document (number
    and issuing body) that comes twice is refused on its second line.
    """
    context = ImportContext(unit, publish=publish, base_dir=base_dir, user=user, list_on_unit=list_on_unit)
    parsed = []
    upcoming = Counter()
    first_lines = {}
    for line, raw in records:
        try:
            record = parse_record(raw)
        except ImportProblem as problem:
            parsed.append((line, None, str(problem)))
            continue
        duplicate = _duplicate_of(record, line, first_lines, context)
        parsed.append((line, record, duplicate))
        if not duplicate and isinstance(record, dict) and isinstance(record.get("document_number"), str):
            upcoming[normal_key(record["document_number"])] += 1

    with indexing_job() as indexer:
        pending = parsed
        while pending:
            postponed = []
            for start in range(0, len(pending), batch_size):
                batch = pending[start : start + batch_size]
                results = _import_batch(batch, context, upcoming, postponed, indexer)
                if start + batch_size >= len(pending):
                    indexer.wait()  # the last batch is in the index before it is reported
                yield from results
            if postponed and len(postponed) == len(pending):
                # Nothing moved: documents that refer to each other.
                results, postponed = _import_cycle(postponed, context, upcoming, indexer)
                yield from results
                if not results:
                    upcoming.clear()  # the targets never arrive: "not found"
            pending = postponed


def _import_batch(lines, context, upcoming, postponed, indexer):
    """Write one batch in a transaction and hand its pages to ``indexer``; returns the line results."""
    results, touched, written = [], [], []
    batch = Batch(context)
    with transaction.atomic(), disable_reference_index_auto_update():
        batch.start()
        for line, record, parse_error in lines:
            if parse_error:  # not JSON, or a document already on an earlier line
                number = record.get("document_number", "") if isinstance(record, dict) else ""
                results.append(LineResult(line, Status.INVALID, str(number), errors=[parse_error]))
                continue
            number = record.get("document_number", "") if isinstance(record, dict) else ""
            try:
                plan = plan_line(line, record, context, upcoming)
            except ImportProblem as problem:
                results.append(LineResult(line, Status.INVALID, str(number), errors=[str(problem)]))
                _consume(upcoming, number)
                continue
            if plan is None:
                postponed.append((line, record, None))
                continue
            if normal_key(plan.number) in batch.pending_numbers:
                batch.flush_new_pages()  # the same document twice in a batch: revisions first
            mark = batch.mark()
            try:
                with transaction.atomic():
                    status, page, docs = write_plan(plan, context, batch)
            except Exception as error:  # noqa: BLE001 - a line must never stop the import
                logger.exception("Import of line %s failed", line)
                batch.rollback(mark)
                results.append(
                    LineResult(
                        line, Status.INVALID, plan.number, errors=[_("lỗi khi ghi: %(e)s") % {"e": error}]
                    )
                )
                _consume(upcoming, number)
                continue
            context.documents_by_hash().update(dict(docs))
            if status == Status.CREATED:
                context.remember_document(page.pk, page.document_number, page.issuing_body_id)
                context.remember_slug(page)
            if status != Status.UNCHANGED:
                touched.append(page)
            written.append(page)
            _consume(upcoming, number)
            results.append(LineResult(line, status, plan.number, page_id=page.pk))
        batch.end()
        context.list_on_unit_section(written)
    indexer.add(touched)
    return results


def _duplicate_of(record, line, first_lines, context):
    """The reason to refuse ``record`` when its document (number and issuing
    body) is already on an earlier line of the input, else None."""
    if not isinstance(record, dict):
        return None
    number, body = record.get("document_number"), record.get("issuing_body")
    if not (isinstance(number, str) and number.strip() and isinstance(body, str) and body.strip()):
        return None
    key = (normal_key(number), context.body_identity(body))
    if key in first_lines:
        return _("số, ký hiệu “%(number)s” đã có ở dòng %(first)d của tệp") % {
            "number": number,
            "first": first_lines[key],
        }
    first_lines[key] = line
    return None


def _import_cycle(lines, context, upcoming, indexer):
    """Write the new documents of ``lines`` — every one waiting for a target
    later in the input — together in one transaction: each page first with the
    relations whose targets exist, then with all of them. A line whose deferred
    target is refused is refused too, so no document is left without part of
    its relations. Lines of documents already stored wait for the next pass.

    Returns (results, lines still to import); no results when nothing could be written.
    """
    results, plans, rest = [], [], []
    for line, record, _error in lines:
        number = record.get("document_number", "")
        try:
            plan = plan_line(line, record, context, upcoming, defer=True)
        except ImportProblem as problem:
            results.append(LineResult(line, Status.INVALID, str(number), errors=[str(problem)]))
            _consume(upcoming, number)
            continue
        if plan.deferred and context.existing_document(plan.number, plan.body_name) is not None:
            rest.append((line, record, None))  # its targets are new: written in this pass
        else:
            plans.append(plan)
    while plans:
        refused = _refuse_unresolved(plans, context)
        for plan, reason in refused:
            results.append(LineResult(plan.line, Status.INVALID, plan.number, errors=[reason]))
            _consume(upcoming, plan.number)
        gone = {id(plan) for plan, _reason in refused}
        plans = [plan for plan in plans if id(plan) not in gone]
        if not plans:
            break
        written, failed = _write_cycle(plans, context, indexer)
        if failed is None:
            for plan, status, page in written:
                _consume(upcoming, plan.number)
                results.append(LineResult(plan.line, status, plan.number, page_id=page.pk))
            break
        plan, error = failed
        results.append(
            LineResult(
                plan.line, Status.INVALID, plan.number, errors=[_("lỗi khi ghi: %(e)s") % {"e": error}]
            )
        )
        _consume(upcoming, plan.number)
        plans = [p for p in plans if p is not plan]
    return results, rest


def _target_of(relation, plan, plans, context):
    """The plan among ``plans`` a deferred relation points to, or (None, reason)."""
    key = normal_key(relation["document_number"])
    wanted = relation.get("issuing_body")
    matches = [
        p
        for p in plans
        if normal_key(p.number) == key
        and (not wanted or context.body_identity(p.body_name) == context.body_identity(wanted))
    ]
    if len(matches) == 1 and matches[0] is plan:
        return None, _("văn bản không thể liên quan đến chính nó")
    if len(matches) == 1:
        return matches[0], None
    if matches:
        return None, _(
            "có nhiều văn bản số “%(number)s”; ghi thêm issuing_body trong quan hệ để chỉ rõ văn bản"
        ) % {"number": relation["document_number"]}
    return None, _("không tìm thấy văn bản liên quan số “%(number)s”") % {
        "number": relation["document_number"]
    }


def _refuse_unresolved(plans, context):
    """(plan, reason) for every plan with a deferred target that is not one of
    the other plans, repeated until none is left (a refusal may refuse others)."""
    refused, alive = [], list(plans)
    while True:
        newly = []
        for plan in alive:
            for _position, relation in plan.deferred:
                _target, reason = _target_of(relation, plan, alive, context)
                if reason:
                    newly.append((plan, reason))
                    break
        if not newly:
            return refused
        refused += newly
        gone = {id(plan) for plan, _reason in newly}
        alive = [plan for plan in alive if id(plan) not in gone]


def _write_cycle(plans, context, indexer):
    """Write ``plans`` in one transaction; ([(plan, status, page)], None), or
    ([], (plan, error)) after rolling everything back when one of them fails."""
    written, remembered, slugs, current = [], [], [], None
    try:
        with transaction.atomic(), disable_reference_index_auto_update():
            batch = Batch(context)
            batch.start()
            for plan in plans:
                current = plan
                status, page, docs = write_plan(plan, context, batch)
                context.documents_by_hash().update(dict(docs))
                if status == Status.CREATED:
                    context.remember_document(page.pk, page.document_number, page.issuing_body_id)
                    remembered.append((page.pk, page.document_number, page.issuing_body_id))
                    context.remember_slug(page)
                    slugs.append(page)
                written.append((plan, status, page))
            pages = {id(plan): page for plan, _status, page in written}
            for plan, _status, page in written:
                if not plan.deferred:
                    continue
                current = plan
                relations = list(plan.relations)
                for position, relation in plan.deferred:
                    target, _reason = _target_of(relation, plan, plans, context)
                    relations[position] = (relations[position][0], pages[id(target)].pk)
                complete_relations(page, relations, batch)
            batch.end()
            context.list_on_unit_section([page for _plan, _status, page in written])
    except Exception as error:  # noqa: BLE001 - a line must never stop the import
        logger.exception("Import of line %s failed", current.line if current else "?")
        for pk, number, body_id in remembered:
            context.forget_document(pk, number, body_id)
        for page in slugs:
            context.forget_slug(page)
        context.reload_lookups()
        return [], (current or plans[0], error)
    indexer.add([page for _plan, status, page in written if status != Status.UNCHANGED])
    return written, None


def _consume(upcoming, number):
    if isinstance(number, str):
        key = normal_key(number)
        if upcoming.get(key):
            upcoming[key] -= 1


def import_file(path, unit, publish=True, user=None, list_on_unit=False):
    """Import a JSON Lines file; yields LineResult (blank lines are skipped)."""
    path = Path(path)
    yield from import_records(
        read_lines(path), unit, publish=publish, base_dir=path.parent, user=user, list_on_unit=list_on_unit
    )
