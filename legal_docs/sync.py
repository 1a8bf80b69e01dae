"""Legal documents received from another portal (``core.registries.sync_receivers``).

An object of the data standard becomes a line of the importer, so a synced
document is checked and written exactly as an imported one: one copy per
number and issuing body, central and provincial documents in the shared
repository, bulk writes and bulk indexing. Its page keeps the remote address
as its source (``source_url``): that is how a copy made by an interrupted
sync is recognised as this source's own on the next run.
"""

from collections import defaultdict

from core import registries
from core.text import normal_key

from .importing.run import import_records
from .importing.write import Status
from .models import LegalDocumentPage

OUTCOMES = {Status.CREATED: "created", Status.UPDATED: "updated", Status.UNCHANGED: "unchanged"}


def to_record(item):
    """The importer's line for an object of the standard (outgoing relations only:
    the other end names the incoming ones)."""
    record = {
        "document_number": item["number"],
        "title": item["title"],
        "document_type": item["type"],
        "issuing_body": item["issuing_body"],
        "level": item["level"],
        "issue_date": item["issue_date"],
        "effect_status": item["effect_status"],
        "fields": list(dict.fromkeys(item.get("fields") or [])),
        "summary": item["summary"],
        "relations": [
            {"type": relation["type"], "document_number": relation["number"]}
            for relation in item.get("relations") or []
            if relation.get("direction") == "outgoing"
        ],
    }
    for name in ("signer", "signer_title", "effective_date", "expiry_date", "body_html"):
        if item.get(name) not in (None, ""):
            record[name] = item[name]
    if item.get("url"):
        record["source_url"] = item["url"]
    return record


def locate(items):
    """Index in ``items`` -> the local document with the same number and issuing body."""
    keys = {normal_key(item["number"])[:100] for item in items}
    found = defaultdict(list)
    for page in LegalDocumentPage.objects.filter(number_key__in=keys).select_related("issuing_body"):
        found[page.number_key].append(page)
    located = {}
    for index, item in enumerate(items):
        body = normal_key(item["issuing_body"])
        for page in found.get(normal_key(item["number"])[:100], []):
            if normal_key(page.issuing_body.name) == body:
                located[index] = page
                break
    return located


def _known_numbers(items):
    """Number keys a relation of these items may point to: the items' own and
    those of documents already here."""
    wanted = {
        normal_key(relation["number"])[:100]
        for item in items
        for relation in item.get("relations") or []
        if relation.get("direction") == "outgoing"
    }
    present = set(
        LegalDocumentPage.objects.filter(number_key__in=wanted).values_list("number_key", flat=True)
    )
    return present | {normal_key(item["number"])[:100] for item in items}


def apply(items, unit, user=None):
    """Import the objects as documents of ``unit`` (the province: its repository).

    A relation to a document this portal does not have (yet) is left out rather
    than refusing the document: it comes with the next change of the document."""
    known = _known_numbers(items)
    records = []
    for position, item in enumerate(items, start=1):
        record = to_record(item)
        record["relations"] = [
            r for r in record["relations"] if normal_key(r["document_number"])[:100] in known
        ]
        records.append((position, record))
    results = {result.line: result for result in import_records(records, unit, publish=True, user=user)}
    pages = LegalDocumentPage.objects.in_bulk([r.page_id for r in results.values() if r.page_id])
    answer = []
    for position in range(1, len(items) + 1):
        result = results.get(position)
        page = pages.get(result.page_id) if result and result.page_id else None
        if result is None or page is None:
            answer.append((None, result.errors if result else ["?"], None))
        else:
            answer.append((page, [], OUTCOMES.get(result.status, "updated")))
    return answer


def state(page):
    """The local copy's editable state: its latest revision."""
    return str(page.latest_revision_id or "")


def register():
    registries.sync_receivers.register(
        registries.SyncReceiver("legal-documents", locate=locate, apply=apply, state=state, order=20)
    )
