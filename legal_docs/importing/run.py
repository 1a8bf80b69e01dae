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
from .write import Batch, Status, write_plan

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


def import_records(records, unit, publish=True, base_dir=None, user=None, batch_size=BATCH_SIZE):
    """Import ``records`` — an iterable of (line number, JSON text or dict) — into ``unit``.

    Yields one LineResult per line. Each line is written in its own savepoint
    inside a batch transaction; each committed batch goes to the search engine
    in bulk while the next one is written. A line whose relation points to a
    document later in the input is written after it.
    """
    context = ImportContext(unit, publish=publish, base_dir=base_dir, user=user)
    parsed = []
    upcoming = Counter()
    for line, raw in records:
        try:
            record = parse_record(raw)
        except ImportProblem as problem:
            parsed.append((line, None, str(problem)))
            continue
        parsed.append((line, record, None))
        if isinstance(record, dict) and isinstance(record.get("document_number"), str):
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
            if len(postponed) == len(pending):
                # Nothing moved: the targets never arrived (or refer to each other).
                upcoming.clear()
            pending = postponed


def _import_batch(lines, context, upcoming, postponed, indexer):
    """Write one batch in a transaction and hand its pages to ``indexer``; returns the line results."""
    results, touched = [], []
    batch = Batch(context)
    with transaction.atomic(), disable_reference_index_auto_update():
        batch.start()
        for line, record, parse_error in lines:
            if parse_error:
                results.append(LineResult(line, Status.INVALID, errors=[parse_error]))
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
                context.slugs.add(page.slug)
            if status != Status.UNCHANGED:
                touched.append(page)
            _consume(upcoming, number)
            results.append(LineResult(line, status, plan.number, page_id=page.pk))
        batch.end()
    indexer.add(touched)
    return results


def _consume(upcoming, number):
    if isinstance(number, str):
        key = normal_key(number)
        if upcoming.get(key):
            upcoming[key] -= 1


def import_file(path, unit, publish=True, user=None):
    """Import a JSON Lines file; yields LineResult (blank lines are skipped)."""
    path = Path(path)
    yield from import_records(read_lines(path), unit, publish=publish, base_dir=path.parent, user=user)
