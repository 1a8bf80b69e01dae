"""search.indexing: the bulk-indexing API importers use."""

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.internals import connect_index_on_save, disconnect_index_on_save
from legal_docs.models import LegalDocumentPage
from search.indexing import bulk_indexing, is_bulk_indexed
from search.models import IndexQueueEntry

from .conftest import legal_document, refresh
from .test_fault_isolation import UNREACHABLE

pytestmark = pytest.mark.django_db


def found(word):
    refresh()
    return {page.pk for page in get_search_backend().search(word, LegalDocumentPage)}


def test_a_job_indexes_its_pages_itself_and_is_searchable_when_it_ends(unit_a):
    with bulk_indexing(LegalDocumentPage) as indexer:
        assert is_bulk_indexed(LegalDocumentPage) and not is_bulk_indexed(Page)
        page = legal_document(unit_a, "7/2025/QĐ-UBND", "Quy chế quản lý chợ đêm Bạch Đằng")
        assert is_bulk_indexed(page)
        assert page.pk not in found("Bạch Đằng")  # neither the save nor the publication indexed it
        indexer.add([page])
    assert page.pk in found("Bạch Đằng")

    assert not is_bulk_indexed(LegalDocumentPage)
    later = legal_document(unit_a, "8/2025/QĐ-UBND", "Quy chế quản lý bến xe Hàm Rồng")
    assert later.pk in found("Hàm Rồng")  # indexing on save is back


def test_nested_jobs_turn_indexing_on_save_back_on_with_the_last(unit_a):
    with bulk_indexing(LegalDocumentPage):
        with bulk_indexing(LegalDocumentPage):
            pass
        assert is_bulk_indexed(LegalDocumentPage)
        assert disconnect_index_on_save(LegalDocumentPage) is False  # still off
    assert disconnect_index_on_save(LegalDocumentPage) is True  # on again
    connect_index_on_save(LegalDocumentPage)


def test_a_failed_request_is_queued_and_does_not_stop_the_job(unit_a):
    pages = [legal_document(unit_a, f"{n}/2025/NQ-HĐND", f"Nghị quyết số {n}") for n in (1, 2)]
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        with bulk_indexing(LegalDocumentPage) as indexer:
            indexer.add(pages[:1])
            indexer.add(pages[1:])  # waits for the first request, which failed
    assert set(IndexQueueEntry.objects.values_list("object_id", "action")) == {
        (str(page.pk), "add") for page in pages
    }


def test_objects_of_another_model_are_refused(unit_a):
    with bulk_indexing(LegalDocumentPage) as indexer, pytest.raises(ValueError, match="not indexed by this"):
        indexer.add([unit_a.site.root_page])
