"""Fixtures of the surveys tests: the browser."""

from tests.browser import browser  # noqa: F401 - fixture
