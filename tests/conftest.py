"""Test set-up shared by every test package.

With REQUIRE_SERVICES=1 (as in CI) the run fails unless it really uses
PostgreSQL and the configured search engine: an unreachable service is a
failure, never a skip.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
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


@pytest.fixture(scope="session", autouse=True)
def fresh_search_index(django_db_setup, django_db_blocker, require_services):
    """Start every run from an empty index with the portal's mappings."""
    if not search_engine_is_external():
        return
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)


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
