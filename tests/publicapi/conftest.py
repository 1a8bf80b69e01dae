"""Fixtures shared by the open API tests."""

from tests.publicapi.test_api import library  # noqa: F401 - used by test_changes too
