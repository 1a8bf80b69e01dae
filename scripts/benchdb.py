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
