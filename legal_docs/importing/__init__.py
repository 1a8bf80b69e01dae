"""Import and export of legal documents, one JSON record per line.

The format is ``legal_docs/schema/legal_document.schema.json``. Every line is
checked against the schema, the database (closed lists, relations,
attachments) and the models' own validation before anything is written, then
written in its own savepoint, so a bad line is reported with its number and a
Vietnamese reason and never leaves half a document behind. A document is
matched by its number and issuing body within the unit; a line that changes
nothing creates no revision. Large imports stay fast: lookups are loaded once,
a batch's revisions, log entries, subject fields and references are inserted
in bulk, and its pages are indexed in one bulk request from a worker thread
while the next batch is written.

Modules: ``schema`` (the format and its messages), ``plan`` (reading lines,
lookups, validating a record into a plan), ``write`` (pages, revisions,
relations and files in batches), ``index`` (the search bulk API), ``run`` (the
loop that ties them), ``export``.
"""

from .export import RELATION_TYPES, export_records, page_to_record
from .plan import ImportContext, ImportProblem, Plan, plan_line
from .run import BATCH_SIZE, LineResult, import_file, import_records
from .schema import SCHEMA_PATH, schema_errors
from .write import Status, write_plan

__all__ = [
    "BATCH_SIZE",
    "RELATION_TYPES",
    "SCHEMA_PATH",
    "ImportContext",
    "ImportProblem",
    "LineResult",
    "Plan",
    "Status",
    "export_records",
    "import_file",
    "import_records",
    "page_to_record",
    "plan_line",
    "schema_errors",
    "write_plan",
]
