"""Test set-up shared by every test package.

With REQUIRE_SERVICES=1 (as in CI) the run fails unless it really uses
PostgreSQL and the configured search engine: an unreachable service is a
failure, never a skip.
"""

import pytest
from django.conf import settings
from django.db import connection


def search_engine_is_external():
    return settings.SEARCH_BACKEND in {"opensearch", "elasticsearch"}


@pytest.fixture(scope="session", autouse=True)
def require_services(django_db_setup, django_db_blocker):
    """Fail fast when CI asked for real services and did not get them."""
    if not settings.REQUIRE_SERVICES:
        return
    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", (
            f"REQUIRE_SERVICES=1 but the database is {connection.vendor}; set DATABASE_URL to PostgreSQL"
        )
    assert search_engine_is_external(), "REQUIRE_SERVICES=1 but SEARCH_BACKEND is the database backend"
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert backend.es.ping(), (
        f"REQUIRE_SERVICES=1 but the search engine at {settings.SEARCH_URL} is unreachable"
    )


def index_prefix():
    return settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]


@pytest.fixture(scope="session", autouse=True)
def fresh_search_index(require_services):
    """Start every run from empty indexes carrying the portal's mappings."""
    if not search_engine_is_external():
        return
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    backend = get_search_backend()
    backend.es.indices.delete(index=f"{index_prefix()}*", ignore_unavailable=True)
    created = set()
    for model in get_indexed_models():
        search_index = backend.get_index_for_model(model)
        if search_index.name not in created:
            search_index.put()
            created.add(search_index.name)
        search_index.add_model(model)


@pytest.fixture(autouse=True)
def empty_search_index_after_test():
    """Tests roll their database back, but an external engine keeps what was
    indexed; remove every document so no test sees another test's data."""
    yield
    if not search_engine_is_external():
        return
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    es = backend.es
    pattern = f"{index_prefix()}*"
    es.indices.refresh(index=pattern)
    hits = es.search(index=pattern, body={"query": {"match_all": {}}, "_source": False, "size": 10000})
    actions = [
        {"_op_type": "delete", "_index": hit["_index"], "_id": hit["_id"]} for hit in hits["hits"]["hits"]
    ]
    if actions:
        backend.bulk(es, actions, refresh=True, raise_on_error=False)


@pytest.fixture
def province(db):
    from tests.factories import ProvinceFactory

    return ProvinceFactory()


@pytest.fixture
def unit_a(province):
    from tests.factories import UnitFactory

    return UnitFactory(code="xa-a", name="Xã An Phú")


@pytest.fixture
def unit_b(province):
    from tests.factories import UnitFactory

    return UnitFactory(code="xa-b", name="Xã Bình Hòa")


@pytest.fixture
def editor_a(unit_a):
    from tests.factories import staff_user

    return staff_user(unit_a, "editor")


@pytest.fixture
def moderator_a(unit_a):
    from tests.factories import staff_user

    return staff_user(unit_a, "moderator")


@pytest.fixture
def admin_a(unit_a):
    from tests.factories import staff_user

    return staff_user(unit_a, "admin")


@pytest.fixture
def editor_b(unit_b):
    from tests.factories import staff_user

    return staff_user(unit_b, "editor")


@pytest.fixture(autouse=True)
def fresh_cache():
    """The local-memory cache outlives each test's rolled-back database rows; on
    PostgreSQL ids are not reused, so a stale entry (unit map, feeds) would point
    at rows that no longer exist. Start and end every test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
