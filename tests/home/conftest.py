"""Fixtures of the home tests: the browser and a web server of another origin."""

from tests.browser import browser, other_origin  # noqa: F401 - fixtures
