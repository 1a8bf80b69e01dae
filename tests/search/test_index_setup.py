"""The engine's indexes set themselves up with the portal's mappings (issue 11, part 4)."""

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search import setup
from tests.conftest import index_prefix
from tests.factories import article

from .conftest import needs_engine

pytestmark = [needs_engine, pytest.mark.django_db]


def drop_indexes(backend):
    """What a fresh install looks like to the engine: no index of ours."""
    backend.es.indices.delete(index=f"{index_prefix()}*", ignore_unavailable=True)
    setup.forget_known_indexes()


@pytest.fixture
def backend():
    """The engine; every index of this run is set up again afterwards."""
    backend = get_search_backend()
    yield backend
    drop_indexes(backend)
    setup.ensure_indexes(backend)


def page_index(backend):
    from wagtail.models import Page

    return backend.get_index_for_model(Page)


def field_mapping(backend, field):
    index = page_index(backend)
    mapping = next(iter(backend.es.indices.get_mapping(index=index.name).values()))["mappings"]
    return mapping["properties"].get(field)


def test_migrate_creates_missing_indexes_with_the_portal_mappings(unit_a, backend):
    article(unit_a, title="Hội nghị phổ biến Luật Đất đai")
    drop_indexes(backend)
    assert not page_index(backend).exists()

    call_command("migrate", verbosity=0)

    assert field_mapping(backend, "_document_number") == {"type": "keyword", "normalizer": "document_number"}
    assert field_mapping(backend, "_facet_unit") == {"type": "keyword"}
    backend.refresh_indexes()
    titles = [page.title for page in backend.search("dat dai", unit_a.site.root_page.get_descendants())]
    assert "Hội nghị phổ biến Luật Đất đai" in titles


def test_the_first_write_creates_a_missing_index_not_a_dynamic_one(unit_a, backend):
    drop_indexes(backend)
    assert not page_index(backend).exists()

    article(unit_a, title="Tuyên truyền phòng, chống ma túy")

    assert field_mapping(backend, "_document_number")["type"] == "keyword"
    assert setup.ensure_indexes(backend)[page_index(backend).name] == setup.OK


def test_an_index_with_wrong_mappings_is_rebuilt_and_refilled(unit_a, backend):
    article(unit_a, title="Ngày Pháp luật Việt Nam")
    index = page_index(backend)
    backend.es.indices.delete(index=index.name, ignore_unavailable=True)
    # What the engine does when someone writes before the index exists: dynamic mappings.
    backend.es.index(index=index.name, body={"title": "x", "_document_number": "43/2025/NĐ-CP"}, refresh=True)
    assert field_mapping(backend, "_document_number")["type"] == "text"

    actions = setup.ensure_indexes(backend)

    assert actions[index.name] == setup.REBUILT
    assert field_mapping(backend, "_document_number")["type"] == "keyword"
    backend.refresh_indexes()
    titles = [page.title for page in backend.search("phap luat", unit_a.site.root_page.get_descendants())]
    assert "Ngày Pháp luật Việt Nam" in titles


def test_the_command_reports_each_index(backend, capsys):
    call_command("ensure_search_index")
    out = capsys.readouterr().out
    assert f"{page_index(backend).name}: " in out
