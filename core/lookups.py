"""``field__folded_contains=term``: a case- and diacritic-insensitive "contains"
that behaves the same on SQLite and PostgreSQL ("dat dai" finds "Đất đai").

``icontains`` leaves diacritics alone, and on SQLite it folds case for ASCII
only. Both sides are folded the way ``core.text.fold`` folds (lower case,
Vietnamese marks removed, đ → d): on SQLite by that very function, registered
on every connection; on PostgreSQL by ``translate(lower(…))`` over the
Vietnamese letters, which needs no extension (``unaccent`` needs a superuser).
"""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, TextField

from .text import fold

# Every Vietnamese letter with a mark (both cases) and what it folds to.
_MARKED = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
_PLAIN = "".join(fold(char) for char in _MARKED)
SQLITE_FUNCTION = "pbgdpl_fold"


def _escape_like(value):
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class FoldedContains(Lookup):
    lookup_name = "folded_contains"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", ["%" + _escape_like(fold(str(value))) + "%"])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "sqlite":
            folded = f"{SQLITE_FUNCTION}({lhs})"
            return f"{folded} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]
        if connection.vendor == "postgresql":
            folded = f"translate(lower({lhs}), %s, %s)"
            return f"{folded} LIKE {rhs}", [*lhs_params, _MARKED, _PLAIN, *rhs_params]
        # Other databases: their own case folding, marks kept.
        return f"UPPER({lhs}) LIKE UPPER({rhs})", [*lhs_params, *rhs_params]


def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def install():
    CharField.register_lookup(FoldedContains)
    TextField.register_lookup(FoldedContains)
    connection_created.connect(_register_sqlite_function, dispatch_uid="core-sqlite-fold")
