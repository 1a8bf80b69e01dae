"""The relevance test set: real Vietnamese legal documents (numbers, titles and
dates are public facts; the summaries were written for this project) and
queries typed the way citizens type them, each with the documents that must
come first. Used by tests/search/test_relevance.py and scripts/bench_search.py.
"""

import datetime
import json
from pathlib import Path

HERE = Path(__file__).parent
DOCUMENTS = HERE / "documents.json"
QUERIES = HERE / "queries.json"
BASELINE = HERE / "baseline.json"


def documents():
    """[{number, document_type, issuing_body, issue_date, effect_status, fields, title, summary}]."""
    keys = (
        "number",
        "document_type",
        "issuing_body",
        "issue_date",
        "effect_status",
        "fields",
        "title",
        "summary",
    )
    rows = [dict(zip(keys, row, strict=True)) for row in json.loads(DOCUMENTS.read_text(encoding="utf-8"))]
    for row in rows:
        row["issue_date"] = datetime.date.fromisoformat(row["issue_date"])
    return rows


def queries():
    """[(query, [document numbers that must come first])]."""
    return [(query, expected) for query, expected in json.loads(QUERIES.read_text(encoding="utf-8"))]


def baseline():
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def create_documents(unit):
    """The set's documents, published in ``unit``'s legal documents section."""
    from tests.factories import legal_document

    return [
        legal_document(
            unit,
            number=row["number"],
            title=row["title"],
            summary=row["summary"],
            document_type=row["document_type"],
            issuing_body=row["issuing_body"],
            effect_status=row["effect_status"],
            fields=row["fields"],
            issue_date=row["issue_date"],
        )
        for row in documents()
    ]


def evaluate(search):
    """Run every query through ``search(query) -> [document numbers, best first]``.

    Returns ({"queries", "hit_at_1", "hit_at_3", "mrr"}, [(query, expected, rank or None)]).
    """
    details = []
    hit1 = hit3 = reciprocal = 0.0
    for query, expected in queries():
        found = search(query)
        rank = next((index + 1 for index, number in enumerate(found) if number in expected), None)
        details.append((query, expected, rank))
        if rank == 1:
            hit1 += 1
        if rank is not None and rank <= 3:
            hit3 += 1
        if rank is not None:
            reciprocal += 1.0 / rank
    total = len(details)
    figures = {
        "queries": total,
        "hit_at_1": round(hit1 / total, 4),
        "hit_at_3": round(hit3 / total, 4),
        "mrr": round(reciprocal / total, 4),
    }
    return figures, details
