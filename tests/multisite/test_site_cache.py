"""The request's site comes from a cache (multisite.middleware) that follows site changes."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_cache"}
}


@pytest.fixture(params=["locmem", "database"])
def each_cache(request):
    """The per-process cache of the default settings, and the shared database cache
    of CACHE_BACKEND=database (a real table)."""
    if request.param == "locmem":
        yield
        return
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        yield


def home_page_at(client, hostname):
    response = client.get("/", HTTP_HOST=hostname)
    assert response.status_code == 200
    return response.context["page"].pk


def test_a_site_moved_to_a_new_hostname_is_served_there_at_once(each_cache, client, unit_a, unit_b):
    site = unit_a.site
    old_hostname = site.hostname
    assert home_page_at(client, old_hostname) == site.root_page_id
    site.hostname = "xa-an-phu-moi.localhost"
    site.save()
    assert home_page_at(client, "xa-an-phu-moi.localhost") == site.root_page_id
    # The old hostname no longer reaches the unit (it falls back to the default site).
    assert home_page_at(client, old_hostname) != site.root_page_id


def test_the_site_is_not_looked_up_in_the_database_on_every_request(client, unit_a):
    client.get("/", HTTP_HOST=unit_a.site.hostname)
    with CaptureQueriesContext(connection) as queries:
        client.get("/", HTTP_HOST=unit_a.site.hostname)
    assert not [q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
