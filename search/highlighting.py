"""Highlighting and query terms, shared by the engine backends and the database fallback."""

import html
import re

from core.text import fold, normalise_document_number

from .synonyms import SYNONYMS

# A document number or its start, as typed: "43/2011/NĐ-CP", "43 / 2011", "15/CT-UBND".
DOCUMENT_NUMBER_RE = re.compile(r"\d+(?:\s*/\s*[\w\-.]+)+", re.UNICODE)


def document_number_candidates(query_string):
    """Number-like fragments of a query, normalised (may be partial numbers)."""
    return [normalise_document_number(m.group(0)) for m in DOCUMENT_NUMBER_RE.finditer(query_string or "")]


def _synonym_groups():
    return [[fold(term.strip()) for term in rule.split(",")] for rule in SYNONYMS]


def query_terms(query_string):
    """Folded words and phrases of a query, with abbreviations expanded both ways."""
    text = fold(query_string or "")
    phrases = re.findall(r'"([^"]+)"', text)
    words = re.findall(r"\w+", re.sub(r'"[^"]*"', " ", text))
    terms = set(phrases) | set(words)
    for group in _synonym_groups():
        if any(re.search(r"(?<!\w)" + re.escape(member) + r"(?!\w)", text) for member in group):
            terms.update(group)
    return sorted((t for t in terms if len(t) > 1), key=len, reverse=True)


def highlight(text, query_string, size=200):
    """An HTML-escaped snippet of ``text`` around the first query term, terms in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    terms = query_terms(query_string)
    folded = fold(text)
    # One pattern, longest terms first: matches never overlap, and only the
    # window is scanned for marks (bodies can hold hundreds of matches).
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")(?!\w)") if terms else None
    )
    first = pattern.search(folded) if pattern else None
    start = 0
    if first and first.start() > size // 3:
        start = text.rfind(" ", 0, first.start() - size // 3) + 1
    end = min(len(text), start + size)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + size // 2)
    out, cursor = [], start
    for match in pattern.finditer(folded, start) if first else ():
        s, e = match.span()
        if e > end:
            break
        out.append(html.escape(text[cursor:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out) + suffix
