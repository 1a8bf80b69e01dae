"""Running large register imports outside the upload request.

A sheet with more rows than ``REPORTERS_IMPORT_BACKGROUND_ROWS`` is stored as an
``ImportJob`` and imported by a thread started once the upload is committed; its
admin page shows the progress. ``manage.py run_import_jobs`` (every minute from
the scheduler) runs jobs no thread took — e.g. after a restart — and picks up
jobs interrupted mid-way: the import skips people already imported, so running
a job again adds only what is missing.
"""

import datetime
import io
import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .importer import ImportFileError, import_people
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)
STALE_AFTER = datetime.timedelta(minutes=30)


def serialise(result):
    return {
        "created": len(result.created),
        "existing": len(result.existing),
        "errors": [[number, [str(reason) for reason in reasons]] for number, reasons in result.errors],
    }


def queue(content, filename, unit, user):
    """Store the upload as a job; it starts once the surrounding transaction commits."""
    job = ImportJob.objects.create(unit=unit, user=user, filename=filename[:255], content=content)
    if settings.REPORTERS_IMPORT_THREADS:
        transaction.on_commit(
            lambda: threading.Thread(target=run_in_thread, args=(job.pk,), daemon=True).start()
        )
    return job


def run_in_thread(job_pk):
    try:
        run(job_pk)
    finally:
        connection.close()


def claim(job_pk):
    """Take the job if it is waiting (or was left running long ago); False if another runner has it."""
    stale = timezone.now() - STALE_AFTER
    taken = ImportJob.objects.filter(pk=job_pk).filter(status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    ) or ImportJob.objects.filter(pk=job_pk, status=ImportStatus.RUNNING, started_at__lt=stale).update(
        started_at=timezone.now()
    )
    return bool(taken)


def run(job_pk):
    """Import one job's sheet, recording progress after every batch."""
    if not claim(job_pk):
        return None
    job = ImportJob.objects.select_related("unit", "user").get(pk=job_pk)

    def progress(done, total):
        ImportJob.objects.filter(pk=job_pk).update(done_rows=done, total_rows=total)

    try:
        result = import_people(io.BytesIO(bytes(job.content)), job.unit, user=job.user, progress=progress)
    except ImportFileError as error:
        status, outcome = ImportStatus.FAILED, {"error": str(error)}
    except Exception:
        logger.exception("Register import job %s failed", job_pk)
        status, outcome = (
            ImportStatus.FAILED,
            {"error": _("Lỗi hệ thống khi nhập tệp; xin liên hệ quản trị viên.")},
        )
    else:
        status, outcome = ImportStatus.DONE, serialise(result)
    ImportJob.objects.filter(pk=job_pk).update(
        status=status, result=outcome, content=b"", finished_at=timezone.now()
    )
    return status


def run_pending():
    """Run every waiting or interrupted job; returns how many ran."""
    stale = timezone.now() - STALE_AFTER
    pending = ImportJob.objects.filter(status=ImportStatus.QUEUED) | ImportJob.objects.filter(
        status=ImportStatus.RUNNING, started_at__lt=stale
    )
    return sum(1 for pk in pending.order_by("pk").values_list("pk", flat=True) if run(pk))
