"""The database search backend of ``make run``, with Vietnamese folding on SQLite.

Wagtail's SQLite full-text index keeps words as written (its tokenizer folds
some diacritics but not "đ" nor letters with two marks, e.g. "ậ"), so "dat dai"
would not find "đất đai". This backend stores a folded copy of each entry's text
next to the original, so queries with or without diacritics both match. Other
databases get Wagtail's backend unchanged.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.utils import get_content_type_pk

from core.text import fold

FOLDED_MARK = "\u2063"  # invisible separator before the folded copy, so it is added once


def _with_folded_copy(value):
    if not value or FOLDED_MARK in value:
        return value
    folded = fold(value)
    if folded == value.lower():
        return value
    return f"{value} {FOLDED_MARK} {folded}"


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    backend = vendor_backend(params)
    if connection.vendor != "sqlite":
        return backend
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

    if not isinstance(backend, SQLiteSearchBackend):
        return backend

    class FoldingSQLiteIndex(SQLiteIndex):
        def add_items(self, model, objs):
            objs = list(objs)
            super().add_items(model, objs)
            entries = self.entries.filter(
                content_type_id=get_content_type_pk(model), object_id__in=[str(obj.pk) for obj in objs]
            )
            for entry in entries.only("pk", "title", "body", "autocomplete"):
                changes = {
                    name: _with_folded_copy(getattr(entry, name))
                    for name in ("title", "body", "autocomplete")
                    if _with_folded_copy(getattr(entry, name)) != getattr(entry, name)
                }
                if changes:
                    self.entries.filter(pk=entry.pk).update(**changes)

    class FoldingSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = FoldingSQLiteIndex

    return FoldingSQLiteSearchBackend(params)
