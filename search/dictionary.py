"""The dictionary of equivalent terms, applied by rewriting the query.

Why rewriting and not the engine's synonym filters: an entry the Department of
Justice saves must change results at once. Synonyms in the index analysers
would need the index closed and re-analysed (or every document re-indexed) on
each change; a query rewritten with the entries in force needs nothing, works
the same on every backend (the engine and both database searches) and costs a
few extra clauses only for queries that contain a dictionary term.

The compiled dictionary ({folded phrase: [alternatives]}) is kept in the shared
cache and dropped when an entry is saved or deleted (signals in apps.py), so
every process sees a change on its next search.
"""

import csv
import itertools
import re
from pathlib import Path

from django.core.cache import cache

from core.text import fold

CACHE_KEY = "search:dictionary:v1"
CACHE_SECONDS = 24 * 3600
MAX_VARIANTS = 6
MAX_TERM_WORDS = 8
DATA_FILE = Path(__file__).parent / "data" / "dictionary.csv"
# Words around what people look for, left out of one of the query's variants (folded).
FILLER = {
    "lam",
    "cach",
    "thu tuc",
    "xin",
    "hoi",
    "muon",
    "can",
    "gi",
    "toi",
    "minh",
    "the nao",
    "nhu the nao",
    "o dau",
    "bao nhieu",
    "nhung",
    "cac",
    "thi",
    "ve",
}


def _phrase(text):
    """A phrase as compared: folded words separated by single spaces."""
    return " ".join(re.findall(r"\w+", fold(text)))


def compile_entries(entries):
    """{folded phrase: [alternative phrases, as written]} from (term, equivalents, two_way)."""
    compiled = {}
    for term, equivalents, two_way in entries:
        group = [term, *equivalents]
        sources = group if two_way else [term]
        for source in sources:
            key = _phrase(source)
            if not key:
                continue
            alternatives = compiled.setdefault(key, [])
            for other in group:
                if _phrase(other) != key and other not in alternatives:
                    alternatives.append(other)
    return {key: value for key, value in compiled.items() if value}


def load_compiled():
    """The compiled dictionary, from the cache or the database."""
    compiled = cache.get(CACHE_KEY)
    if compiled is None:
        from .models import DictionaryEntry

        rows = DictionaryEntry.objects.values_list("term", "equivalents", "direction")
        compiled = compile_entries(
            (term, DictionaryEntry(equivalents=equivalents).equivalent_list(), direction == "two_way")
            for term, equivalents, direction in rows
        )
        cache.set(CACHE_KEY, compiled, CACHE_SECONDS)
    return compiled


def forget(**kwargs):
    """Drop the cached dictionary (an entry was saved or deleted)."""
    cache.delete(CACHE_KEY)


def matches(query_string, compiled=None):
    """[(start word, end word, alternatives)] of the dictionary phrases in a
    query, longest first and not overlapping."""
    compiled = load_compiled() if compiled is None else compiled
    words = re.findall(r"\w+", fold(query_string or ""))
    found, index = [], 0
    while index < len(words):
        for size in range(min(MAX_TERM_WORDS, len(words) - index), 0, -1):
            alternatives = compiled.get(" ".join(words[index : index + size]))
            if alternatives:
                found.append((index, index + size, alternatives))
                index += size
                break
        else:
            index += 1
    return found


def without_filler(query_string):
    """The query without the words people add around what they look for
    ("làm sổ hồng", "thủ tục ly hôn như thế nào"), or "" if it has none."""
    words = re.findall(r"\w+", query_string or "")
    folded = [fold(word) for word in words]
    kept, index = [], 0
    while index < len(words):
        for size in (3, 2, 1):
            if " ".join(folded[index : index + size]) in FILLER:
                index += size
                break
        else:
            kept.append(words[index])
            index += 1
    return " ".join(kept) if kept and len(kept) < len(words) else ""


def variants(query_string, compiled=None):
    """The query rewritten with the dictionary, and without filler words: other
    ways of saying the same thing (at most MAX_VARIANTS, the original not included)."""
    if '"' in (query_string or ""):
        return []  # a quoted phrase means the words as typed
    found = _dictionary_variants(query_string, compiled)
    reduced = without_filler(query_string)
    if reduced:
        found = [reduced, *_dictionary_variants(reduced, compiled), *found]
    return list(dict.fromkeys(found))[:MAX_VARIANTS]


def _dictionary_variants(query_string, compiled=None):
    found = matches(query_string, compiled)
    if not found:
        return []
    words = re.findall(r"\w+", query_string)
    if len(words) != len(re.findall(r"\w+", fold(query_string))):
        words = re.findall(r"\w+", fold(query_string))
    choices = []
    for start, end, alternatives in found:
        choices.append([" ".join(words[start:end]), *alternatives])
    results = []
    for combination in itertools.product(*choices):
        if all(choice == options[0] for choice, options in zip(combination, choices, strict=True)):
            continue
        parts, cursor = [], 0
        for (start, end, _alternatives), choice in zip(found, combination, strict=True):
            parts += words[cursor:start] + [choice]
            cursor = end
        parts += words[cursor:]
        results.append(" ".join(parts))
        if len(results) >= MAX_VARIANTS:
            break
    return results


def vocabulary(compiled=None):
    """Every folded word of the dictionary, for term-based suggestions."""
    compiled = load_compiled() if compiled is None else compiled
    words = set()
    for key, alternatives in compiled.items():
        words.update(key.split())
        for alternative in alternatives:
            words.update(_phrase(alternative).split())
    return words


def read_data_file(path=DATA_FILE):
    """The shipped starting dictionary: [(term, [equivalents], direction, field slug)]."""
    with open(path, encoding="utf-8") as handle:
        return [
            (
                row["term"].strip(),
                [e.strip() for e in row["equivalents"].split("|") if e.strip()],
                row["direction"].strip(),
                row["field"].strip(),
            )
            for row in csv.DictReader(handle)
        ]


def load_data_file(entry_model, field_model, path=DATA_FILE):
    """Add the shipped entries whose term is not in the dictionary yet; returns
    how many were added. Used by the data migration and ``load_search_dictionary``
    (works with a migration's historical models)."""
    existing = {_phrase(term) for term in entry_model.objects.values_list("term", flat=True)}
    fields = dict(field_model.objects.values_list("slug", "pk"))
    new = [
        entry_model(
            term=term,
            equivalents="\n".join(equivalents),
            direction=direction if direction in ("two_way", "one_way") else "two_way",
            field_id=fields.get(slug),
        )
        for term, equivalents, direction, slug in read_data_file(path)
        if _phrase(term) not in existing
    ]
    entry_model.objects.bulk_create(new)
    cache.delete(CACHE_KEY)
    return len(new)
