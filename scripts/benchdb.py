"""The throw-away database every benchmark in scripts/ runs in."""

from django.db import connection
from django.test.utils import setup_test_environment


def create_throwaway_database(name):
    """Create an empty, migrated database for the benchmark ``name`` and switch to it;
    returns the configured database name (for ``destroy_test_db``). On a server it is
    ``<NAME>_<name>``, never the test database of a test run going on at the same time."""
    setup_test_environment()
    configured = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"{configured}_{name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return configured


def fresh_search_indexes():
    """Empty indexes for every indexed model on an external engine: (backend,
    index prefix, whether it is an engine, the pages' index name or None)."""
    from django.conf import settings
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    backend = get_search_backend()
    prefix = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX", "")
    engine = hasattr(backend, "es")
    if not engine:
        return backend, prefix, False, None
    backend.es.indices.delete(index=f"{prefix}*", ignore_unavailable=True)
    created = set()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index.name not in created:
            index.put()
            created.add(index.name)
        index.add_model(model)
    return backend, prefix, True, backend.get_index_for_model(Page).name


def start_gunicorn(database_name, port, **environment):
    """gunicorn (2 workers) on the loopback ``port`` serving the throw-away database,
    in its own process group (stop it with ``os.killpg``)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{settings_dict['HOST']}:"
        f"{settings_dict['PORT']}/{database_name}"
    )
    env = dict(
        os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="site_config.settings.test", **environment
    )
    command = [str(Path(sys.executable).parent / "gunicorn"), "site_config.wsgi", "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "-w", "2", "--log-level", "warning"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        start_new_session=True,
    )
