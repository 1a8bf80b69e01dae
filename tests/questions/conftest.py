"""Fixtures of the questions tests: the browser."""

from tests.browser import browser  # noqa: F401 - fixture
