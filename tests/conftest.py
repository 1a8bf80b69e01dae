"""Test set-up shared by every test package.

With REQUIRE_SERVICES=1 (as in CI) the run fails unless it really uses
PostgreSQL and the configured search engine: an unreachable service is a
failure, never a skip.

The demo province (tests.factories.build_shared_portal: the province, communes
xa-a and xa-b and their staff) is provisioned once per run, right after the
test database is created. Each test sees it inside its own rolled-back
transaction and gets fresh instances through the fixtures below; a test that
needs another unit provisions only that one.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import connection


def search_engine_is_external():
    return settings.SEARCH_BACKEND in {"opensearch", "elasticsearch"}


def index_prefix():
    return settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]


@dataclass
class SharedIndex:
    """The external engine's documents of the shared portal. Tests roll their
    database back but the engine keeps what they indexed: after each test every
    other document is removed and the shared ones are put back as they were."""

    documents: dict = field(default_factory=dict)

    @staticmethod
    def _engine():
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        return backend, backend.es, f"{index_prefix()}*"

    def _current(self):
        _backend, es, pattern = self._engine()
        es.indices.refresh(index=pattern)
        hits = es.search(index=pattern, body={"query": {"match_all": {}}, "size": 10000})["hits"]["hits"]
        return {(hit["_index"], hit["_id"]): hit["_source"] for hit in hits}

    def capture(self):
        self.documents = self._current()

    def restore(self):
        backend, es, _pattern = self._engine()
        current = self._current()
        actions = [
            {"_op_type": "delete", "_index": index, "_id": doc_id}
            for index, doc_id in current
            if (index, doc_id) not in self.documents
        ]
        actions += [
            {"_op_type": "index", "_index": index, "_id": doc_id, "_source": source}
            for (index, doc_id), source in self.documents.items()
            if current.get((index, doc_id)) != source
        ]
        if actions:
            backend.bulk(es, actions, refresh=True, raise_on_error=False)

    def clear(self):
        # Document by document: not every OpenSearch distribution has _delete_by_query
        # (the reindex module), and the test indexes are small.
        backend, es, _pattern = self._engine()
        actions = [
            {"_op_type": "delete", "_index": index, "_id": doc_id} for index, doc_id in self._current()
        ]
        if actions:
            backend.bulk(es, actions, refresh=True, raise_on_error=False)
        self.documents = {}


SHARED_INDEX = SharedIndex()
SHARED_PORTAL = pytest.StashKey()


@pytest.fixture(scope="session", autouse=True)
def require_services():
    """Fail fast when CI asked for real services and did not get them."""
    if not settings.REQUIRE_SERVICES:
        return
    assert connection.vendor == "postgresql", (
        f"REQUIRE_SERVICES=1 but the database is {connection.vendor}; set DATABASE_URL to PostgreSQL"
    )
    assert search_engine_is_external(), "REQUIRE_SERVICES=1 but SEARCH_BACKEND is the database backend"
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert backend.es.ping(), (
        f"REQUIRE_SERVICES=1 but the search engine at {settings.SEARCH_URL} is unreachable"
    )


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


def provision_shared_portal():
    """Create the shared portal (indexed on save, like any test data) and remember
    its search documents."""
    from tests.factories import build_shared_portal

    build_shared_portal()
    if search_engine_is_external():
        SHARED_INDEX.capture()


@dataclass
class SharedPortal:
    """What it takes to provision the shared portal again after a flush."""

    blocker: object
    migrated_rows: str | None  # the rows the migrations wrote, serialized


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, fresh_search_index, request):
    """The test database, with the shared portal committed in it once per run."""
    migrated_rows = None
    with django_db_blocker.unblock():
        if any(is_transactional(item) for item in request.session.items):
            migrated_rows = content_types_first(connection.creation.serialize_db_to_string())
        provision_shared_portal()
    request.config.stash[SHARED_PORTAL] = SharedPortal(django_db_blocker, migrated_rows)


def content_types_first(rows):
    """Serialized rows with the content types moved to the front: saving the
    others may look a content type up, and would create it with another id."""
    import json

    rows = json.loads(rows)
    return json.dumps(sorted(rows, key=lambda row: row["model"] != "contenttypes.contenttype"))


def is_transactional(item):
    """Whether Django flushes the whole database after ``item`` (pytest-django's rule)."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush of every table: put back the rows
    the migrations wrote (as Django's serialized rollback does) and provision the
    shared portal again, for the tests that follow."""
    result = yield
    if nextitem is None:
        return result  # the last test: the test database is already gone, nothing follows
    portal = item.config.stash.get(SHARED_PORTAL, None)
    if portal is not None and portal.migrated_rows is not None and is_transactional(item):
        from django.core.management import call_command

        from multisite.models import Unit
        from tests.factories import PROVINCE_CODE

        with portal.blocker.unblock():
            if not Unit.objects.filter(code=PROVINCE_CODE).exists():
                if search_engine_is_external():
                    SHARED_INDEX.clear()
                call_command(
                    "flush", interactive=False, reset_sequences=False, inhibit_post_migrate=True, verbosity=0
                )
                connection.creation.deserialize_db_from_string(portal.migrated_rows)
                provision_shared_portal()
    return result


@pytest.fixture(autouse=True)
def empty_search_index_after_test():
    """Tests roll their database back, but an external engine keeps what was
    indexed: after each test, remove every document but the shared portal's, and
    put those back as they were, so no test sees another test's data."""
    yield
    if search_engine_is_external():
        SHARED_INDEX.restore()


def shared_unit(name):
    """A fresh instance of a shared unit: "province" or a key of SHARED_UNITS."""
    from multisite.models import Unit
    from tests.factories import PROVINCE_CODE, SHARED_UNITS

    code = PROVINCE_CODE if name == "province" else SHARED_UNITS[name][0]
    return Unit.objects.select_related("site").get(code=code)


def shared_staff(name):
    """A fresh instance (no memoised unit) of a shared staff account."""
    from django.contrib.auth import get_user_model

    from tests.factories import SHARED_STAFF, staff_username

    return get_user_model().objects.get(username=staff_username(*SHARED_STAFF[name]))


@pytest.fixture
def province(db):
    """The shared province (a fresh instance for each test)."""
    return shared_unit("province")


@pytest.fixture
def unit_a(db):
    """Shared commune “Xã An Phú” (xa-a)."""
    return shared_unit("unit_a")


@pytest.fixture
def unit_b(db):
    """Shared commune “Xã Bình Hòa” (xa-b)."""
    return shared_unit("unit_b")


@pytest.fixture
def editor_a(db):
    return shared_staff("editor_a")


@pytest.fixture
def moderator_a(db):
    return shared_staff("moderator_a")


@pytest.fixture
def admin_a(db):
    return shared_staff("admin_a")


@pytest.fixture
def editor_b(db):
    return shared_staff("editor_b")


def remove_unit(unit):
    """Delete ``unit`` with everything its provisioning created."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    get_user_model().objects.filter(staff_profile__unit=unit).delete()
    groups = list(Group.objects.filter(unit_role__unit=unit).values_list("pk", flat=True))
    root_page, collection, workflow = unit.site.root_page_id, unit.collection, unit.workflow
    unit.delete()
    Page.objects.get(pk=root_page).delete()
    Group.objects.filter(pk__in=groups).delete()
    workflow.delete()
    collection.delete()


def keep_only_units(*kept):
    """Remove every other unit (and what its provisioning created) in this test's transaction."""
    from multisite.models import Unit

    others = Unit.objects.exclude(pk__in=[unit.pk for unit in kept]).order_by("-pk")
    for unit in others.select_related("site", "collection", "workflow"):
        remove_unit(unit)


@pytest.fixture
def bare_province(province):
    """The province alone, as on a newly installed portal, for tests that count
    the units under it: the shared communes are removed in this test's transaction."""
    keep_only_units(province)
    return shared_unit("province")


@pytest.fixture
def without_unit_b(province, unit_a):
    """Only the province and unit A, for tests that count every unit's pages."""
    keep_only_units(province, unit_a)


@pytest.fixture(autouse=True)
def fresh_cache():
    """The local-memory cache outlives each test's rolled-back database rows; on
    PostgreSQL ids are not reused, so a stale entry (unit map, feeds) would point
    at rows that no longer exist. Start and end every test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
