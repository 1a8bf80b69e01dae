"""Migrating a database built on an older main keeps every row.

The fixtures are databases that the older commit built with its own `migrate` and
`seed_demo` (scripts/make_upgrade_fixture.sh). Each test restores one into a throw-away
database, snapshots every table (row count and a checksum of its rows in primary-key
order), runs the current code's `manage.py migrate` in a subprocess, snapshots again and
compares. Tables the migration may legitimately change are listed below with the reason
and checked by their own rule. A smoke check then reads every row through the current
models. The PostgreSQL variant runs when the test run's database is PostgreSQL (CI).
"""

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote as url_quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Rebuild with `scripts/make_upgrade_fixture.sh <commit>` and update this name.
FIXTURE = "main-bf0c6aa"

# Tables a migration renamed: old name -> new name. Moving a model between apps with
# SeparateDatabaseAndState keeps its table (e.g. LegalField keeps legal_docs_legalfield),
# so a move adds nothing here.
TABLE_RENAMES = {}

# Models moved between apps: (old app_label, model) -> new app_label. Their ContentType
# row keeps its id (pages, revisions, permissions and logs point at it) and changes only
# app_label. LegalField moved from legal_docs to core in issue 10.
CONTENT_TYPE_RENAMES = {("legal_docs", "legalfield"): "core"}

# Models the current code adds: (app_label, model). Migrating creates their ContentType
# row and default permissions; every other row of those tables must stay as it was.
NEW_MODELS = {
    ("library", "mediapage"),
    ("library", "lecturepage"),
    ("library", "lesson"),
    ("library", "publicationpage"),
    ("library", "bookcasepage"),
    ("library", "pdfrendering"),
    ("library", "pdfpageimage"),
    ("library", "downloadtally"),
    ("accounts", "securityalert"),
    ("reporters", "importjob"),
    ("legal_docs", "documentlisting"),
    ("legal_docs", "documentlistingrule"),
    ("home", "linkspage"),
    ("feeds", "feedsource"),
    ("feeds", "feeditem"),
    ("questions", "question"),
    ("questions", "routingrule"),
    ("questions", "outboxemail"),
    ("questions", "questionindexpage"),
    ("questions", "questionanswerpage"),
    ("questions", "dialoguepage"),
    ("questions", "dialoguepart"),
    ("questions", "dialogueattachment"),
    ("questions", "dialoguecomment"),
    ("portal_sync", "syncedcopy"),
    ("portal_sync", "synccursor"),
    ("portal_sync", "nationalshare"),
    ("portal_sync", "outbounddelivery"),
    ("portal_sync", "receiveddelivery"),
    ("search", "dictionaryentry"),
    ("search", "queryfeedback"),
    ("surveys", "surveyindexpage"),
    ("surveys", "surveypage"),
    ("surveys", "surveyresponse"),
    ("surveys", "answer"),
    ("surveys", "emailcode"),
    ("contests", "contestindexpage"),
    ("contests", "contestpage"),
    ("contests", "contestround"),
    ("contests", "contestquestion"),
    ("contests", "attempt"),
    ("contests", "winnerslist"),
    ("statistics_reports", "reportform"),
    ("statistics_reports", "indicator"),
    ("statistics_reports", "reportingperiod"),
    ("statistics_reports", "unitreport"),
    ("statistics_reports", "indicatorvalue"),
    ("statistics_reports", "reportattachment"),
    ("identity", "siteidentity"),
    ("home", "topicpage"),
    ("home", "topicitem"),
}

# Tables the merge of the units' copies of a document into the shared repository
# (legal_docs 0008, issue 12) and the sections' conversions change; check_merge(),
# check_links() and check_converted_sections() check what happened to them.
MERGED_TABLES = {
    "wagtailcore_page": "the merged copies' pages are deleted, their parents' numchild follows; each "
    'unit\'s "qa" and "links" sections change page type in place (CONVERTED_SECTIONS), nothing else',
    "legal_docs_legaldocumentpage": "the merged copies are deleted",
    "legal_docs_legaldocumentrelation": "relations of copies move to the kept document (no duplicates)",
    "legal_docs_legaldocumentattachment": "files of copies move to the kept document (each file once)",
    "legal_docs_legaldocumentpage_fields": "fields of copies are added to the kept document",
    "legal_docs_introductionmaterialpage": "materials about a copy are about the kept document",
    "wagtailcore_revision": "the copies' revisions are deleted with them; the Liên kết sections' "
    "revisions take the LinksPage content type",
    "home_sectionpage": "the qa and links sections' rows move to their new page types' tables (same "
    "intro); no other row changes",
    "multisite_unitlink": "every unit gets the national links (home 0005); old rows stay, checked below",
    "wagtailcore_referenceindex": "reference rows from and to the copies are deleted",
    "wagtailcore_workflowstate": "workflow states of the copies are deleted",
    "wagtailredirects_redirect": "each copy's address redirects to the kept document",
    "wagtailsearchpromotions_searchpromotion": "promotions of a copy promote the kept document",
    "auth_group_permissions": "unit groups get their role's permissions on NEW_MODELS' unit-owned "
    "models (new rows for those permissions only); old rows must stay",
}

# Tables whose rows the migration may change, each with why; each has its own check below.
CHANGING_TABLES = {
    "django_migrations": "gains a row per newly applied migration; its old rows must stay unchanged",
    "django_content_type": "moved models change app_label (CONTENT_TYPE_RENAMES), new models add rows "
    "(NEW_MODELS); nothing else may change",
    "auth_permission": "post_migrate adds the default permissions of NEW_MODELS; old rows must stay",
    "wagtailcore_workflow": "unit workflows' names lose the unit's code (multisite 0003); checked by "
    "check_workflow_names",
    "wagtailcore_task": "unit moderation tasks' names lose the unit's code (multisite 0003)",
    "wagtailcore_groupsitepermission": "unit administrators' groups may edit their site's identity "
    "(identity 0002); old rows stay",
    "auth_group": "unit groups' names lose the unit's code (multisite 0004); checked by check_unit_names",
    "wagtailcore_collection": "unit collections' names lose the unit's code (multisite 0004); checked by "
    "check_unit_names",
    **MERGED_TABLES,
}
# The section converted in place by this branch's migrations: key -> (app_label, model).
CONVERTED_SECTIONS = {"qa": ("questions", "questionindexpage"), "links": ("home", "linkspage")}

SUBPROCESS_TIMEOUT = 300


def quote(name):
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class TableState:
    columns: tuple
    primary_key: tuple
    count: int
    checksum: str


class SQLiteDatabase:
    vendor = "sqlite"

    def __init__(self, path):
        self.path = path
        self.url = f"sqlite:///{path}"

    def connect(self):
        import sqlite3

        return sqlite3.connect(self.path)

    def tables(self, conn):
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        return sorted(name for (name,) in rows)

    def columns(self, conn, table):
        """All columns and the primary key's, in key order."""
        info = conn.execute(f"PRAGMA table_info({quote(table)})").fetchall()
        columns = tuple(row[1] for row in info)
        key = tuple(row[1] for row in sorted((row for row in info if row[5]), key=lambda row: row[5]))
        return columns, key

    def measure(self, conn, table, columns, key):
        selected = ", ".join(quote(column) for column in columns)
        order = ", ".join(quote(column) for column in key) or selected
        digest = hashlib.md5()
        count = 0
        for row in conn.execute(f"SELECT {selected} FROM {quote(table)} ORDER BY {order}"):
            digest.update(repr(row).encode())
            digest.update(b"\n")
            count += 1
        return count, digest.hexdigest()

    def rows(self, conn, table, columns):
        selected = ", ".join(quote(column) for column in columns)
        return conn.execute(f"SELECT {selected} FROM {quote(table)}").fetchall()


class PostgresDatabase:
    vendor = "postgresql"

    def __init__(self, server, name):
        self.server = server
        self.name = name
        credentials = f"{url_quote(server['USER'], safe='')}:{url_quote(server['PASSWORD'], safe='')}"
        self.url = f"postgres://{credentials}@{server['HOST'] or 'localhost'}:{server['PORT'] or 5432}/{name}"

    def connect(self, name=None):
        import psycopg2

        conn = psycopg2.connect(
            dbname=name or self.name,
            user=self.server["USER"],
            password=self.server["PASSWORD"],
            host=self.server["HOST"] or "localhost",
            port=self.server["PORT"] or 5432,
        )
        conn.autocommit = True
        return conn

    def query(self, conn, sql, params=()):
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def tables(self, conn):
        rows = self.query(conn, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(name for (name,) in rows)

    def columns(self, conn, table):
        columns = self.query(
            conn,
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )
        key = self.query(
            conn,
            "SELECT a.attname FROM pg_index i"
            " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indrelid = %s::regclass AND i.indisprimary"
            " ORDER BY array_position(i.indkey::int2[], a.attnum)",
            (quote(table),),
        )
        return tuple(name for (name,) in columns), tuple(name for (name,) in key)

    def measure(self, conn, table, columns, key):
        row = "ROW(" + ", ".join(quote(column) for column in columns) + ")::text"
        order = ", ".join(quote(column) for column in key) or row
        ((count, checksum),) = self.query(
            conn,
            f"SELECT count(*), md5(coalesce(string_agg({row}, E'\\n' ORDER BY {order}), ''))"
            f" FROM {quote(table)}",
        )
        return count, checksum

    def rows(self, conn, table, columns):
        selected = ", ".join(quote(column) for column in columns)
        return self.query(conn, f"SELECT {selected} FROM {quote(table)}")


def snapshot(database):
    conn = database.connect()
    try:
        state = {}
        for table in database.tables(conn):
            columns, key = database.columns(conn, table)
            count, checksum = database.measure(conn, table, columns, key)
            state[table] = TableState(columns, key, count, checksum)
        return state
    finally:
        conn.close()


def remeasure(database, before):
    """The old tables measured again over their old columns, or why that is impossible."""
    conn = database.connect()
    try:
        tables = set(database.tables(conn))
        after, problems = {}, []
        for table, old in before.items():
            new_table = TABLE_RENAMES.get(table, table)
            if new_table not in tables:
                problems.append(f"{table}: table is gone")
                continue
            columns, _ = database.columns(conn, new_table)
            dropped = [column for column in old.columns if column not in columns]
            if dropped:
                problems.append(f"{table}: columns dropped: {', '.join(dropped)}")
                continue
            count, checksum = database.measure(conn, new_table, old.columns, old.primary_key)
            after[table] = TableState(old.columns, old.primary_key, count, checksum)
        return after, problems
    finally:
        conn.close()


def table_rows(database, table, columns):
    return keyed_rows(database, table, ("id", *columns))


def keyed_rows(database, table, columns):
    """{first column: (the other columns)} of every row of ``table``."""
    conn = database.connect()
    try:
        return {row[0]: tuple(row[1:]) for row in database.rows(conn, table, columns)}
    finally:
        conn.close()


def converted_rows(database, before):
    """What the section conversion checks compare: pages, section pages, group permissions."""
    page_columns = tuple(column for column in before["wagtailcore_page"].columns if column != "id")
    return {
        "pages": keyed_rows(database, "wagtailcore_page", ("id", *page_columns)),
        "page_columns": page_columns,
        "sections": keyed_rows(database, "home_sectionpage", ("page_ptr_id", "intro")),
        "group_permissions": keyed_rows(
            database, "auth_group_permissions", ("id", "group_id", "permission_id")
        ),
    }


def check_converted_sections(database, rows_before):
    """The converted sections (CONVERTED_SECTIONS) changed type and nothing else; unit groups
    only gained permissions."""
    problems = []
    content_types = {
        row: pk for pk, row in table_rows(database, "django_content_type", ("app_label", "model")).items()
    }
    unit_sections = keyed_rows(database, "multisite_unitsection", ("page_id", "key"))
    after = converted_rows(
        database, {"wagtailcore_page": SimpleNamespace(columns=("id", *rows_before["page_columns"]))}
    )
    type_column = rows_before["page_columns"].index("content_type_id")
    for page_id, row in rows_before["pages"].items():
        new = after["pages"].get(page_id)
        key = unit_sections.get(page_id, (None,))[0]
        if key in CONVERTED_SECTIONS:
            expected = list(row)
            expected[type_column] = content_types[CONVERTED_SECTIONS[key]]
            if new != tuple(expected):
                problems.append(f"wagtailcore_page {page_id}: changed beyond its section's conversion")
        elif new is not None and new[type_column] != row[type_column]:
            # Other migrations may delete pages or renumber children; none may change a page's type.
            problems.append(f"wagtailcore_page {page_id}: page type changed")
    converted_ids = {pk for pk, (key,) in unit_sections.items() if key in CONVERTED_SECTIONS}
    for section_key, (app_label, model) in CONVERTED_SECTIONS.items():
        new_rows = keyed_rows(database, f"{app_label}_{model}", ("page_ptr_id", "intro"))
        of_key = {pk for pk, (key,) in unit_sections.items() if key == section_key}
        for page_id in of_key & set(rows_before["sections"]):
            if new_rows.get(page_id) != rows_before["sections"][page_id]:
                problems.append(f"{app_label}_{model} {page_id}: intro not carried over")
    expected_sections = {pk: row for pk, row in rows_before["sections"].items() if pk not in converted_ids}
    if after["sections"] != expected_sections:
        problems.append("home_sectionpage: rows other than the converted sections changed")
    new_type_ids = {content_types[row] for row in NEW_MODELS if row in content_types}
    new_permissions = {
        pk
        for pk, (type_id, _codename, _name) in table_rows(
            database, "auth_permission", ("content_type_id", "codename", "name")
        ).items()
        if type_id in new_type_ids
    }
    for pk, row in rows_before["group_permissions"].items():
        if after["group_permissions"].get(pk) != row:
            problems.append(f"auth_group_permissions {pk}: changed or removed")
    problems += [
        f"auth_group_permissions {pk}: unexpected grant of permission {permission_id}"
        for pk, (_group, permission_id) in after["group_permissions"].items()
        if pk not in rows_before["group_permissions"] and permission_id not in new_permissions
    ]
    return problems


def manage(database, *args):
    """Run the current code's manage.py against the copy, as a deployment would."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.test",
        "DATABASE_URL": database.url,
        "SEARCH_BACKEND": "database",
        "CACHE_BACKEND": "locmem",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


# Runs in the migrated copy: Django's checks, then every model's rows through its
# default manager, every ContentType any row points at, and every page as its own class.
SMOKE_SCRIPT = """
import json
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models
from wagtail.models import Page

call_command("check", fail_level="ERROR")
counts, unresolved = {}, set()
for model in apps.get_models(include_auto_created=True):
    if model._meta.proxy or not model._meta.managed:
        continue
    counts[model._meta.label] = [model._meta.db_table, model._default_manager.count()]
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is ContentType:
            ids = model._base_manager.exclude(**{field.attname: None}).values_list(field.attname, flat=True)
            for content_type_id in set(ids):
                if ContentType.objects.get_for_id(content_type_id).model_class() is None:
                    unresolved.add(f"{model._meta.label}.{field.name} -> {content_type_id}")
not_specific = [
    page.pk for page in Page.objects.specific().iterator() if type(page) is Page and page.depth > 1
]
print(json.dumps({"counts": counts, "unresolved": sorted(unresolved), "not_specific": not_specific}))
"""


def check_changing_tables(database, before_rows):
    """Each allow-listed table changed only in the way its entry in CHANGING_TABLES allows."""
    problems = []
    migrations_before, content_types_before, permissions_before = before_rows
    migrations_after = table_rows(database, "django_migrations", ("app", "name", "applied"))
    problems += [
        f"django_migrations: row {pk} {row[:2]} changed or removed"
        for pk, row in migrations_before.items()
        if migrations_after.get(pk) != row
    ]

    content_types_after = table_rows(database, "django_content_type", ("app_label", "model"))
    unused_renames = set(CONTENT_TYPE_RENAMES) - set(content_types_before.values())
    problems += [f"CONTENT_TYPE_RENAMES: {old} is not in the fixture" for old in sorted(unused_renames)]
    for pk, (app_label, model) in content_types_before.items():
        expected = (CONTENT_TYPE_RENAMES.get((app_label, model), app_label), model)
        if content_types_after.get(pk) != expected:
            problems.append(
                f"django_content_type {pk}: {expected} expected, {content_types_after.get(pk)} found"
            )
    added = {row for pk, row in content_types_after.items() if pk not in content_types_before}
    if added != NEW_MODELS:
        problems.append(f"django_content_type: new rows {sorted(added)}, NEW_MODELS {sorted(NEW_MODELS)}")

    permissions_after = table_rows(database, "auth_permission", ("content_type_id", "codename", "name"))
    problems += [
        f"auth_permission: row {pk} {row[1]} changed or removed"
        for pk, row in permissions_before.items()
        if permissions_after.get(pk) != row
    ]
    new_type_ids = {pk for pk, row in content_types_after.items() if row in NEW_MODELS}
    problems += [
        f"auth_permission: unexpected new row {pk} {row[1]}"
        for pk, row in permissions_after.items()
        if pk not in permissions_before and row[0] not in new_type_ids
    ]
    return problems


def query(database, sql):
    conn = database.connect()
    try:
        if database.vendor == "sqlite":
            return conn.execute(sql).fetchall()
        return database.query(conn, sql)
    finally:
        conn.close()


def legal_facts(database):
    """What the merge must keep, read with plain SQL (the same on both databases)."""
    from core.text import normal_key

    documents = {
        pk: (normal_key(number)[:100], body_id, path, url_path)
        for pk, number, body_id, path, url_path in query(
            database,
            "SELECT d.page_ptr_id, d.document_number, d.issuing_body_id, p.path, p.url_path"
            " FROM legal_docs_legaldocumentpage d JOIN wagtailcore_page p ON p.id = d.page_ptr_id",
        )
    }
    return {
        "documents": documents,
        "relations": query(
            database, "SELECT page_id, relation_type, target_id FROM legal_docs_legaldocumentrelation"
        ),
        "materials": dict(
            query(database, "SELECT page_ptr_id, document_id FROM legal_docs_introductionmaterialpage")
        ),
        "files": query(
            database,
            "SELECT a.page_id, d.file_hash FROM legal_docs_legaldocumentattachment a"
            " JOIN wagtaildocs_document d ON d.id = a.document_id",
        ),
        "units": query(
            database,
            "SELECT u.id, u.site_id, p.path, p.url_path FROM multisite_unit u"
            " JOIN wagtailcore_site s ON s.id = u.site_id JOIN wagtailcore_page p ON p.id = s.root_page_id",
        ),
        "pages": query(database, "SELECT count(*) FROM wagtailcore_page")[0][0],
    }


def check_merge(database, before):
    """One document per (number, issuing body), nothing of the copies lost, and
    every copy's unit lists the kept document and redirects its old address."""
    after = legal_facts(database)
    problems = []
    identity = {pk: doc[:2] for pk, doc in before["documents"].items()}
    kept = {doc[:2]: pk for pk, doc in after["documents"].items()}
    if len(kept) != len(after["documents"]):
        problems.append("documents with the same number and issuing body remain")
    if set(identity.values()) != set(kept):
        problems.append("the set of documents (number, issuing body) changed")
    removed = set(before["documents"]) - set(after["documents"])
    if before["pages"] - len(removed) != after["pages"]:
        problems.append(f"{before['pages'] - after['pages']} pages deleted, {len(removed)} copies merged")
    relations_after = {
        (identity.get(p) or kept_identity(after, p), kind, kept_identity(after, t))
        for p, kind, t in after["relations"]
    }
    for page, kind, target in before["relations"]:
        if (
            identity[page] != identity[target]
            and (identity[page], kind, identity[target]) not in relations_after
        ):
            problems.append(f"relation {identity[page]} {kind} {identity[target]} lost")
    for material, document in before["materials"].items():
        if (
            document is not None
            and kept_identity(after, after["materials"].get(material)) != identity[document]
        ):
            problems.append(f"introduction material {material} no longer about {identity[document]}")
    files_after = {(kept_identity(after, page), file_hash) for page, file_hash in after["files"]}
    for page, file_hash in before["files"]:
        if (identity[page], file_hash) not in files_after:
            problems.append(f"file {file_hash} of {identity[page]} lost")
    listings = set(query(database, "SELECT unit_id, document_id FROM legal_docs_documentlisting"))
    redirects = {
        (site_id, old_path): page
        for old_path, site_id, page in query(
            database, "SELECT old_path, site_id, redirect_page_id FROM wagtailredirects_redirect"
        )
    }
    for pk in removed:
        _key, _body, path, url_path = before["documents"][pk]
        keeper = kept[identity[pk]]
        unit = next(unit for unit in before["units"] if path.startswith(unit[2]))
        keeper_path = after["documents"][keeper][2]
        if not keeper_path.startswith(unit[2]) and (unit[0], keeper) not in listings:
            problems.append(f"unit {unit[0]} had {identity[pk]} and does not list it")
        old_path = "/" + url_path[len(unit[3]) :].strip("/")
        if redirects.get((unit[1], old_path)) != keeper:
            problems.append(f"{old_path} on site {unit[1]} does not redirect to the kept document")
    return problems, len(removed)


def kept_identity(facts, pk):
    document = facts["documents"].get(pk)
    return document[:2] if document else None


def check_links(database, before):
    """Old links unchanged; every unit has each national link once."""
    from multisite.links import NATIONAL_LINKS

    after = query(database, "SELECT id, unit_id, title, url FROM multisite_unitlink")
    problems = [f"link {row} changed or removed" for row in before if row not in after]
    units = [unit for (unit,) in query(database, "SELECT id FROM multisite_unit")]
    urls = {(unit, url) for _pk, unit, _title, url in after}
    problems += [
        f"unit {unit} lacks the national link {url}"
        for unit in units
        for _title, url in NATIONAL_LINKS
        if (unit, url) not in urls
    ]
    return problems


def check_workflow_names(database, before):
    """Same workflows and tasks, names without codes; site permissions only added."""
    workflows, tasks, site_permissions = before
    problems = []
    for table, old in (("wagtailcore_workflow", workflows), ("wagtailcore_task", tasks)):
        new = dict(query(database, f"SELECT id, name FROM {table}"))
        if set(new) != {pk for pk, _name in old}:
            problems.append(f"{table}: rows added or removed")
        problems += [f"{table} {pk}: still shows a code: {name}" for pk, name in new.items() if "[" in name]
    after = query(
        database, "SELECT id, group_id, site_id, permission_id FROM wagtailcore_groupsitepermission"
    )
    problems += [f"site permission {row} removed" for row in site_permissions if row not in after]
    if len(after) <= len(site_permissions):
        problems.append("no unit administrators' group may edit its site's identity")
    return problems


UNIT_NAME_TABLES = {"auth_group": "id", "wagtailcore_collection": "id, path, depth, numchild"}


def unit_name_rows(database):
    return {
        table: query(database, f"SELECT {columns}, name FROM {table} ORDER BY id")
        for table, columns in UNIT_NAME_TABLES.items()
    }


def check_unit_names(database, before):
    """Same groups and collections (same place in the tree), names without codes."""
    problems = []
    for table, old in before.items():
        new = query(database, f"SELECT {UNIT_NAME_TABLES[table]}, name FROM {table} ORDER BY id")
        if [row[:-1] for row in new] != [row[:-1] for row in old]:
            problems.append(f"{table}: rows added, removed or moved")
        problems += [f"{table} {row[0]}: still shows a code: {row[-1]}" for row in new if "[" in row[-1]]
    return problems


def assert_migration_keeps_every_row(database):
    before = snapshot(database)
    facts = legal_facts(database)
    links_before = query(database, "SELECT id, unit_id, title, url FROM multisite_unitlink")
    assert len(before) > 50 and before["wagtailcore_page"].count > 50, "the fixture looks empty"
    before_rows = (
        table_rows(database, "django_migrations", ("app", "name", "applied")),
        table_rows(database, "django_content_type", ("app_label", "model")),
        table_rows(database, "auth_permission", ("content_type_id", "codename", "name")),
    )
    sections_before = converted_rows(database, before)
    names_before = unit_name_rows(database)
    workflows_before = (
        query(database, "SELECT id, name FROM wagtailcore_workflow"),
        query(database, "SELECT id, name FROM wagtailcore_task"),
        query(database, "SELECT id, group_id, site_id, permission_id FROM wagtailcore_groupsitepermission"),
    )

    manage(database, "migrate", "--noinput")

    after, problems = remeasure(database, before)
    for table, old in sorted(before.items()):
        new = after.get(table)
        if new is None or table in CHANGING_TABLES:
            continue
        if (new.count, new.checksum) != (old.count, old.checksum):
            problems.append(
                f"{table}: {old.count} rows (checksum {old.checksum[:8]}) before, "
                f"{new.count} rows (checksum {new.checksum[:8]}) after"
            )
    problems += check_changing_tables(database, before_rows)
    problems += check_converted_sections(database, sections_before)
    problems += check_links(database, links_before)
    problems += check_workflow_names(database, workflows_before)
    problems += check_unit_names(database, names_before)
    merge_problems, merged = check_merge(database, facts)
    problems += merge_problems
    assert merged > 0, "the fixture has copies of national documents: the merge should have removed them"
    assert not problems, "migrating lost or changed data:\n" + "\n".join(problems)

    smoke = json.loads(
        manage(database, "shell", "--verbosity=0", "-c", SMOKE_SCRIPT).strip().splitlines()[-1]
    )
    final = snapshot(database)
    wrong_counts = [
        f"{label}: {count} through the model, {final[table].count} in {table}"
        for label, (table, count) in smoke["counts"].items()
        if table in final and final[table].count != count
    ]
    missing = [
        f"{label}: no table {table}" for label, (table, _) in smoke["counts"].items() if table not in final
    ]
    assert not wrong_counts and not missing, "\n".join(wrong_counts + missing)
    assert smoke["unresolved"] == [], "rows point at content types with no model"
    assert smoke["not_specific"] == [], "pages whose specific class cannot be loaded"


def test_sqlite_database_from_main_keeps_every_row(tmp_path):
    path = tmp_path / "upgrade.sqlite3"
    with gzip.open(FIXTURES / f"{FIXTURE}.sqlite3.gz") as source, open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    assert_migration_keeps_every_row(SQLiteDatabase(path))


def find_psql():
    """psql from PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/psql"),
        key=lambda path: [int(part) if part.isdigit() else 0 for part in path.parts[-3].split(".")],
    )
    return str(candidates[-1]) if candidates else None


def run_is_on_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture
def postgres_copy():
    """The PostgreSQL fixture restored into <test database>_upgrade, dropped afterwards."""
    if not run_is_on_postgresql():
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but the run's database is not PostgreSQL")
        pytest.skip("the run's database is not PostgreSQL (set DATABASE_URL)")
    psql = find_psql()
    assert psql, "psql not found on PATH nor in /usr/lib/postgresql/*/bin"
    server = connection.settings_dict
    name = f"{server['NAME']}_upgrade"[:63]
    database = PostgresDatabase(server, name)
    admin = database.connect(name="postgres")
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)}")
        with gzip.open(FIXTURES / f"{FIXTURE}.postgres.sql.gz") as dump:
            restored = subprocess.run(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", database.url],
                input=dump.read(),
                capture_output=True,
                timeout=SUBPROCESS_TIMEOUT,
                env={**os.environ, "PGOPTIONS": "--client-min-messages=warning"},
            )
        assert restored.returncode == 0, restored.stderr.decode(errors="replace")
        yield database
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
        admin.close()


def test_postgresql_database_from_main_keeps_every_row(postgres_copy):
    assert_migration_keeps_every_row(postgres_copy)
