"""The relevance test set (tests/search/relevance) on the real engine: prints
hit@1, hit@3 and MRR and fails if any falls below the recorded figures."""

import pytest

from .conftest import api, needs_engine, refresh
from .relevance import harness

pytestmark = [pytest.mark.django_db, needs_engine]


def test_relevance_does_not_drop_below_the_recorded_figures(client, province, capsys):
    harness.create_documents(province)
    refresh()

    def search(query):
        return [result["document_number"] for result in api(client, province, query)["results"]]

    figures, details = harness.evaluate(search)
    recorded = harness.baseline()
    misses = [
        f"  {query!r}: rank {rank} (expected {expected})" for query, expected, rank in details if rank != 1
    ]
    with capsys.disabled():
        print(f"\nrelevance: {figures}")
        print("not first:\n" + "\n".join(misses))
    assert figures["queries"] >= 60
    for key in ("hit_at_1", "hit_at_3", "mrr"):
        assert figures[key] >= recorded[key], f"{key} fell to {figures[key]} (recorded {recorded[key]})"
