"""The query as the database searches see it: the dictionary's other ways of
saying it, typed numbers and years, and their order afterwards.

The engine gets the same understanding as clauses of its one request
(search.backends); the database backend of ``make run`` and the fallback used
while the engine is down get it here, as a Wagtail query object any backend
compiles (an ``Or`` of the ways of saying it) and a sort of the candidates.
"""

import difflib
import re

from modelsearch.query import Or, PlainText

from core.text import fold, normalise_document_number

from . import dictionary
from .facets import document_number, facet_values
from .numbers import document_number_parts, is_year, parse_query_numbers


def database_query(parsed, query_string):
    """``parsed`` (the query as typed) or'ed with its rewritten forms."""
    typed = _words(query_string)
    # A variant with every word typed and more finds nothing the query does not: left out,
    # as each word costs the database searches a subquery per page type.
    alternatives = [
        PlainText(variant, operator="and")
        for variant in dictionary.variants(query_string)
        if not typed <= _words(variant)
    ]
    numbers = parse_query_numbers(query_string)
    for typed in numbers.numbers:
        alternatives.append(PlainText(" ".join(filter(None, [typed.head, typed.year])), operator="and"))
    if numbers.years:
        rest = " ".join(word for word in query_string.split() if not is_year(word))
        if re.search(r"\w", rest):
            alternatives.append(PlainText(rest, operator="and"))
    if not alternatives:
        return parsed
    return Or([parsed, *alternatives])


def _words(text):
    return set(re.findall(r"\w+", fold(text)))


def number_score(page, query_string, numbers=None):
    """How well the page's document number matches what the query typed (0 = not at all)."""
    number = document_number(page)
    if not number:
        return 0
    if normalise_document_number(number) == normalise_document_number(query_string):
        return 100
    parts = document_number_parts(number)
    if parts is None:
        return 0
    numbers = numbers if numbers is not None else parse_query_numbers(query_string)
    best = 0
    suffix = set(parts.suffix_terms())
    for typed in numbers.numbers:
        if typed.head != parts.head:
            continue
        score = 3 if typed.explicit else 1
        if typed.year and typed.year == parts.year:
            score += 10
        if suffix & {*typed.kinds, *typed.parts.suffix}:
            score += 3
        best = max(best, score)
    return best


def sort_candidates(pages, query_string):
    """Pages whose number the query typed first, then those of a year it typed;
    otherwise the backend's order."""
    numbers = parse_query_numbers(query_string)
    if not numbers.numbers and not numbers.years and not normalise_document_number(query_string):
        return pages
    years = set(numbers.years)

    def key(page):
        page_years = facet_values(page).get("year", [])
        year_match = bool(years & set(page_years)) if years else False
        score = number_score(page, query_string, numbers)
        # Of the documents with the number typed, the recent ones first.
        recency = -int(page_years[0]) if score and page_years else 0
        return (-score, not year_match, recency)

    return sorted(pages, key=key)


def suggestion_from_terms(query_string):
    """ "Có phải bạn muốn tìm …" without the engine: long words that are not in the
    dictionary replaced by its closest word."""
    vocabulary = dictionary.vocabulary()
    if not vocabulary:
        return ""
    words = re.findall(r"\w+", query_string or "")
    changed, out = False, []
    for word in words:
        folded = fold(word)
        if len(folded) >= 5 and not folded.isdigit() and folded not in vocabulary:
            close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.8)
            if close:
                out.append(close[0])
                changed = True
                continue
        out.append(word)
    return " ".join(out) if changed else ""
