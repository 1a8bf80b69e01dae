"""Imports within limits: a row limit checked before writing, formulas reported by
cell, batches with progress, and large sheets imported in the background (issue 11)."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from reporters.importer import ImportFileError, import_people
from reporters.models import ImportJob, ImportStatus, Person
from tests.factories import xlsx_file

from .test_import import GOOD_ROWS, row

pytestmark = pytest.mark.django_db


def people(count):
    return [row(full_name=f"Người Thử {n}", decision_number=f"{n}/QĐ-UBND") for n in range(1, count + 1)]


@override_settings(REPORTERS_IMPORT_MAX_ROWS=5)
def test_a_sheet_over_the_row_limit_is_refused_before_anything_is_written(unit_a, tmp_path):
    before = Person.objects.count()
    with pytest.raises(ImportFileError, match="tối đa 5 dòng"):
        import_people(xlsx_file(people(6)), unit_a)
    assert Person.objects.count() == before

    path = tmp_path / "qua-nhieu.xlsx"
    path.write_bytes(xlsx_file(people(6)).read())
    with pytest.raises(CommandError, match="tối đa 5 dòng"):
        call_command("import_reporters", str(path), "--unit", unit_a.code)
    assert Person.objects.count() == before
    assert len(import_people(xlsx_file(people(5)), unit_a).created) == 5


def test_formula_cells_are_reported_with_their_address(unit_a):
    rows = [row(), row(full_name='=HYPERLINK("http://evil.example","x")', decision_number="2/QĐ-UBND")]
    result = import_people(xlsx_file(rows), unit_a)
    assert len(result.created) == 1
    [(number, reasons)] = result.errors
    assert number == 3
    assert reasons[0].startswith("Ô A3 (Họ và tên) chứa công thức")
    assert not Person.objects.filter(full_name__startswith="=").exists()


def test_progress_is_reported_after_each_batch(unit_a, monkeypatch):
    monkeypatch.setattr("reporters.importer.BATCH_SIZE", 2)
    calls = []
    result = import_people(
        xlsx_file(people(5)), unit_a, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(2, 5), (4, 5), (5, 5)]
    assert len(result.created) == 5


@override_settings(REPORTERS_IMPORT_BACKGROUND_ROWS=3, REPORTERS_IMPORT_THREADS=False)
def test_a_large_upload_runs_in_the_background_with_its_progress_shown(client, unit_a, editor_a, editor_b):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailsnippets_reporters_person:import"),
        {"unit": unit_a.pk, "file": xlsx_file(people(4) + [row(full_name="", decision_number="9/QĐ")])},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_reporters_person:import_job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ" in page and 'http-equiv="refresh"' in page
    assert not Person.objects.filter(full_name__startswith="Người Thử").exists()

    call_command("run_import_jobs")

    job.refresh_from_db()
    assert (
        job.status == ImportStatus.DONE and job.content == b"" and (job.done_rows, job.total_rows) == (5, 5)
    )
    page = client.get(response["Location"]).content.decode()
    assert "Đã thêm 4 người" in page and "1 dòng lỗi" in page and 'http-equiv="refresh"' not in page
    assert Person.objects.filter(unit=unit_a, full_name__startswith="Người Thử").count() == 4

    client.force_login(editor_b)  # another unit's staff cannot read the job
    assert client.get(response["Location"]).status_code in (403, 404)


def test_a_small_upload_is_still_imported_at_once(client, unit_a, editor_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailsnippets_reporters_person:import"), {"unit": unit_a.pk, "file": xlsx_file(GOOD_ROWS)}
    )
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
