"""Vietnamese text folding and normalisation: the one module search, importers
and registers use to compare what people type with what is stored.

``fold`` mirrors the search engine's lowercase + asciifolding chain for
Vietnamese: it keeps one character per input character, so positions in the
folded text are positions in the original (used to highlight without the
engine). ``ascii_key`` transliterates any script (anyascii) for keys stored in
the database (names, decision numbers); ``normal_key`` only unifies Unicode
form, case and spacing, for names that must keep their diacritics apart.
"""

import html
import re
import unicodedata

from anyascii import anyascii

_SPECIAL = {"đ": "d", "Đ": "d"}


def fold_char(char):
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char.lower()[:1] or char


class _FoldTable(dict):
    """fold_char for str.translate, computed once per character."""

    def __missing__(self, code):
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text):
    """Lowercase ``text`` and strip Vietnamese diacritics (đ→d), same length."""
    return unicodedata.normalize("NFC", text or "").translate(_FOLD_TABLE)


_TAG_RE = re.compile(r"<[^>]*>")


def html_to_text(value):
    """The words of an HTML fragment (rich text), quickly: tags become spaces."""
    return " ".join(html.unescape(_TAG_RE.sub(" ", value or "")).split())


def normalise_document_number(text):
    """The form document numbers are compared in: folded, without whitespace."""
    return re.sub(r"\s+", "", fold(text))


def clean_text(value):
    """``value`` as text in NFC with runs of whitespace made single spaces."""
    return unicodedata.normalize("NFC", " ".join(str(value or "").split()))


def normal_key(value):
    """Case-, space- and Unicode-form-insensitive key ("Bộ  Tư pháp" = "bộ tư pháp")."""
    return clean_text(value).casefold()


def ascii_key(value):
    """Lower-case ASCII transliteration, single-spaced ("Nguyễn Văn Ấn" → "nguyen van an")."""
    return " ".join(anyascii(value or "").lower().split())


def compact_ascii_key(value):
    """Upper-case ASCII without any whitespace ("12 / QĐ-UBND" → "12/QD-UBND")."""
    return "".join(anyascii(value or "").upper().split())


def ascii_slug(value, max_length=100, fallback="van-ban"):
    """An ASCII slug for Vietnamese text: "43/2025/NĐ-CP" → "43-2025-nd-cp"."""
    from django.utils.text import slugify

    value = str(value).replace("đ", "d").replace("Đ", "D")
    return slugify(value.replace("/", "-"))[:max_length].strip("-") or fallback
