"""Document numbers as people type them.

A document number such as ``168/2024/NĐ-CP`` has three parts: the running
number (head, ``168``), the year (``2024``) and the kind suffix (``NĐ-CP``).
Citizens type them every way but the right one: "nd168", "nđ 168/2024",
"168 2024", "nghi dinh 168 2024", "168/2024", or with a slip in the suffix
("168/2024/ND-C"). Both sides are reduced to the same parts here: the index
keeps a document's parts in keyword fields (search.backends) and the database
search compares them in Python (search.service), so a typed number matches on
its head and year whatever became of the suffix.
"""

import re
from dataclasses import dataclass, field

from core.text import fold

from .synonyms import ABBREVIATIONS

# Kinds of documents and issuing bodies, as abbreviations people put before a number.
KIND_ABBREVIATIONS = {fold(short) for short, _full in ABBREVIATIONS} | {
    "l",
    "bl",
    "pl",
    "cv",
    "hd",
    "tb",
    "ttlt",
    "ttg",
    "cp",
}
# Full forms typed before a number ("nghi dinh 168") mean their abbreviation.
KIND_FULL_FORMS = {fold(full): fold(short) for short, full in ABBREVIATIONS} | {
    "luat": "l",
    "bo luat": "bl",
    "phap lenh": "pl",
    "cong van": "cv",
    "thong bao": "tb",
}
YEAR_RE = re.compile(r"^(19[4-9]\d|20\d\d)$")
_WORD_RE = re.compile(r"[a-z]+\d+|\d+[a-z]+|[a-z]+|\d+")


def is_year(text):
    return bool(YEAR_RE.match(text or ""))


@dataclass(frozen=True)
class NumberParts:
    """The parts of a document number (folded): head, year and suffix words."""

    head: str = ""
    year: str = ""
    suffix: tuple = field(default_factory=tuple)

    def suffix_terms(self):
        """The suffix as indexed: whole ("nd-cp"), glued ("ndcp") and word by word."""
        if not self.suffix:
            return []
        terms = ["-".join(self.suffix), "".join(self.suffix), *self.suffix]
        # "QH13" is also the kind "qh": the legislature's term is a slip people make.
        terms += [re.sub(r"\d+$", "", word) for word in self.suffix if re.search(r"[a-z]\d+$", word)]
        return list(dict.fromkeys(term for term in terms if term))


def document_number_parts(number):
    """The parts of a stored document number ("168/2024/NĐ-CP"), or None."""
    text = fold(number or "").strip()
    match = re.match(r"^(\d+)\s*(?:/\s*(\d{4})(?!\d))?\s*(?:/\s*(.*))?$", text)
    if not match:
        return None
    head, year, rest = match.groups()
    if year and not is_year(year):
        return None
    suffix = tuple(word for word in re.split(r"[^a-z0-9]+", rest or "") if word)
    return NumberParts(head=str(int(head)), year=year or "", suffix=suffix)


@dataclass
class TypedNumber:
    """A document number found in a query: its parts and how sure we are."""

    parts: NumberParts
    kinds: tuple = ()  # kind abbreviations typed next to it ("nd")
    explicit: bool = False  # typed with a slash or glued to a kind: surely a number

    @property
    def head(self):
        return self.parts.head

    @property
    def year(self):
        return self.parts.year


@dataclass
class QueryNumbers:
    """What a query says about numbers and years."""

    numbers: list = field(default_factory=list)
    years: list = field(default_factory=list)  # years typed alone ("luật đất đai 2013")


def _kind_before(words, index):
    """The kind abbreviation typed just before word ``index``, if any."""
    if index >= 1 and words[index - 1] in KIND_ABBREVIATIONS:
        return words[index - 1]
    for size in (2, 1):
        if index >= size:
            phrase = " ".join(words[index - size : index])
            if phrase in KIND_FULL_FORMS:
                return KIND_FULL_FORMS[phrase]
    return ""


def parse_query_numbers(query_string):
    """Document numbers and years in a query, however they were typed."""
    text = fold(query_string or "")
    found = QueryNumbers()
    # Typed with slashes: "168/2024/nd-cp", "168/2024", "1575/qd-ubnd", "nd 168/2024".
    for match in re.finditer(r"(?<![\w/])([a-z]*)\s*(\d+\s*/\s*[\w\-./]+)", text):
        prefix, typed = match.groups()
        parts = document_number_parts(typed)
        if parts is None:
            continue
        kinds = (prefix,) if prefix in KIND_ABBREVIATIONS else ()
        if not kinds:
            before = text[: match.start(2)].split()
            words = re.findall(r"[a-z0-9]+", " ".join(before))
            kind = _kind_before(words, len(words))
            kinds = (kind,) if kind else ()
        found.numbers.append(TypedNumber(parts, kinds=kinds, explicit=True))
    rest = re.sub(r"(?<![\w/])([a-z]*)\s*(\d+\s*/\s*[\w\-./]+)", " ", text)
    words = _WORD_RE.findall(rest)
    # Split words that glue a kind to a number: "nd168", "168nd".
    split = []
    for word in words:
        glued = re.fullmatch(r"([a-z]+)(\d+)", word) or re.fullmatch(r"(\d+)([a-z]+)", word)
        if glued and (set(glued.groups()) & KIND_ABBREVIATIONS):
            letters, digits = sorted(glued.groups(), key=str.isdigit)
            split += [letters, digits]
        else:
            split.append(word)
    index = 0
    while index < len(split):
        word = split[index]
        if not word.isdigit():
            index += 1
            continue
        kind = _kind_before(split, index)
        following = split[index + 1] if index + 1 < len(split) else ""
        if is_year(word) and not kind:
            found.years.append(word)
            index += 1
            continue
        year = following if is_year(following) else ""
        parts = NumberParts(head=str(int(word)), year=year)
        found.numbers.append(TypedNumber(parts, kinds=(kind,) if kind else (), explicit=bool(kind)))
        index += 2 if year else 1
    return found
