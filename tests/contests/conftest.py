"""Fixtures of the contests tests: an open contest of unit A with a question bank, and the browser."""

import pytest

from tests.browser import browser  # noqa: F401 - fixture
from tests.contests.helpers import contest_page


@pytest.fixture
def contest(unit_a):
    """Unit A's published contest: one round open now, a bank of 8 questions, 5 per attempt."""
    return contest_page(unit_a)


@pytest.fixture
def contest_round(contest):
    return contest.rounds.get()
