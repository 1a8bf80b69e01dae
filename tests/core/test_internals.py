"""core.internals: the versions its wrappers were checked against, and each
wrapper exercised against the installed Wagtail, treebeard, modelcluster,
modelsearch and Django."""

from importlib.metadata import version

import pytest
from django.test import RequestFactory
from wagtail.models import Page, ReferenceIndex, Site

from core import internals
from legal_docs.importing import import_records
from legal_docs.models import LegalDocumentPage
from tests.legal_docs.conftest import record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("distribution", sorted(internals.CHECKED_VERSIONS))
def test_installed_version_is_the_one_core_internals_was_checked_against(distribution):
    checked = internals.CHECKED_VERSIONS[distribution]
    installed = version(distribution)
    compared = ".".join(installed.split(".")[: len(checked.split("."))])
    assert compared == checked, (
        f"{distribution} {installed} is installed but core/internals.py was checked against {checked}. "
        "Re-check every wrapper in core/internals.py against the new version (the private names it "
        "relies on may have changed), then update CHECKED_VERSIONS."
    )


@pytest.fixture
def document_with_attachment(unit_a, tmp_path):
    pdf = tmp_path / "nghi-dinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% core internals\n")
    (result,) = import_records([(1, record(attachments=[str(pdf)]))], unit_a, base_dir=tmp_path)
    assert result.status == "created", result.errors
    return LegalDocumentPage.objects.get(pk=result.page_id)


def test_references_and_their_hash_match_what_wagtail_stores(document_with_attachment):
    page = document_with_attachment
    ReferenceIndex.create_or_update_for_object(page)
    stored = ReferenceIndex.objects.filter(object_id=str(page.pk))
    extracted = internals.extract_references(page)
    assert extracted == {
        (row.to_content_type_id, row.to_object_id, row.model_path, row.content_path) for row in stored
    }
    assert any(model_path == "attachments.item.document" for _ct, _id, model_path, _cp in extracted)
    for row in stored:
        assert internals.content_path_hash(row.content_path) == row.content_path_hash


def test_path_step_and_child_path_agree_with_the_tree(unit_a, document_with_attachment):
    parent = document_with_attachment.get_parent()
    children = list(parent.get_children())
    assert children
    for number, child in enumerate(children, start=1):
        assert internals.path_step(child.path) == number
        assert internals.child_path(parent, number) == child.path
    added = parent.add_child(instance=Page(title="Trang thêm", slug="trang-them"))
    assert added.path == internals.child_path(parent, len(children) + 1)


def test_a_primed_new_page_knows_its_parent_without_a_query(unit_a, django_assert_num_queries):
    parent = unit_a.site.root_page
    page = Page(title="Mới", slug="moi", path=internals.child_path(parent, 99), depth=parent.depth + 1)
    internals.prime_new_page(page, parent)
    with django_assert_num_queries(0):
        assert page.get_parent() is parent
        assert page.is_site_root() is False


def test_child_relations_set_in_memory_are_read_without_a_query(
    document_with_attachment, django_assert_num_queries
):
    page = LegalDocumentPage.objects.get(pk=document_with_attachment.pk)
    attachments = list(page.attachments.all())
    fresh = LegalDocumentPage.objects.get(pk=page.pk)
    internals.set_child_relations(fresh, {"attachments": attachments, "relations": [], "fields": []})
    with django_assert_num_queries(0):
        assert list(fresh.attachments.all()) == attachments
        assert list(fresh.relations.all()) == []
        assert list(fresh.fields.all()) == []


def test_indexing_on_save_is_disconnected_and_connected_again():
    assert internals.disconnect_index_on_save(LegalDocumentPage) is True
    try:
        assert internals.disconnect_index_on_save(LegalDocumentPage) is False  # really gone
    finally:
        internals.connect_index_on_save(LegalDocumentPage)
    assert internals.disconnect_index_on_save(LegalDocumentPage) is True  # really back
    internals.connect_index_on_save(LegalDocumentPage)


def test_site_of_a_request(unit_a, django_assert_num_queries):
    site = unit_a.site
    request = RequestFactory().get("/", HTTP_HOST=f"{site.hostname}:{site.port}")
    assert internals.raw_host(request) == f"{site.hostname}:{site.port}"
    assert internals.find_site_for_request(request) == site
    other = RequestFactory().get("/", HTTP_HOST=site.hostname)
    internals.cache_site_on_request(other, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(other) is site


def test_admin_api_endpoints_are_found_by_name():
    from django.urls import get_resolver
    from wagtail.admin.api.urls import admin_api

    get_resolver().url_patterns  # the admin API registers its endpoints when URLs load
    assert "Pages" in internals.admin_api_endpoint(admin_api, "pages").__name__
    assert internals.admin_api_endpoint(admin_api, "nothing") is None


def test_page_types_usage_is_annotated_for_one_tree(unit_a):
    from django.contrib.contenttypes.models import ContentType

    from home.models import SectionPage

    queryset = ContentType.objects.filter(model="sectionpage")
    annotated = internals.annotate_last_edit_info(queryset, None, unit_a.site.root_page.path)
    [row] = list(annotated)
    assert row.count == SectionPage.objects.descendant_of(unit_a.site.root_page).count()
