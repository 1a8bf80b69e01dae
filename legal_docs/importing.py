"""Import and export of legal documents, one JSON record per line.

The format is ``legal_docs/schema/legal_document.schema.json``. Every line is
checked against the schema and against the database (closed lists, dates,
relations, attachments) before anything is written, then written in its own
savepoint, so a bad line is reported with its number and a Vietnamese reason
and never leaves half a document behind. A document is matched by its number
and issuing body within the unit; a line that changes nothing creates no
revision. Lookups (types, bodies, fields, existing documents, slugs) are loaded
once per import; a batch's revisions, log entries, subject fields and
references are inserted in bulk, and its pages are sent to the search engine
in one bulk request from a worker thread while the next batch is written, so
large imports stay fast (see ``import_records``).
"""

import datetime
import hashlib
import html
import json
import logging
import re
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nh3
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from multisite.models import UnitSection

from .models import (
    ATTACHMENT_EXTENSIONS,
    DocumentType,
    EffectStatus,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    RelationType,
)

logger = logging.getLogger(__name__)
FieldLink = LegalDocumentPage.fields.through

SCHEMA_PATH = Path(__file__).parent / "schema" / "legal_document.schema.json"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BATCH_SIZE = 100

# What the full text may contain: the features of the rich-text editor, so
# that editing an imported document in the admin loses nothing.
BODY_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a", "hr"}
# linktype/id keep the editor's internal links (to pages and documents of this install).
BODY_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

FIELD_LABELS = {
    "document_number": "số, ký hiệu (document_number)",
    "title": "tiêu đề (title)",
    "document_type": "loại văn bản (document_type)",
    "issuing_body": "cơ quan ban hành (issuing_body)",
    "signer": "người ký (signer)",
    "signer_title": "chức danh người ký (signer_title)",
    "issue_date": "ngày ban hành (issue_date)",
    "effective_date": "ngày có hiệu lực (effective_date)",
    "expiry_date": "ngày hết hiệu lực (expiry_date)",
    "effect_status": "tình trạng hiệu lực (effect_status)",
    "fields": "lĩnh vực (fields)",
    "summary": "trích yếu (summary)",
    "body_html": "toàn văn (body_html)",
    "body_text": "toàn văn (body_text)",
    "attachments": "tệp đính kèm (attachments)",
    "source_url": "nguồn (source_url)",
    "relations": "văn bản liên quan (relations)",
    "type": "loại quan hệ (type)",
}
TYPE_NAMES = {
    "string": "chuỗi ký tự",
    "array": "danh sách",
    "object": "đối tượng JSON",
    "null": "null",
}


class Status:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


@dataclass
class LineResult:
    """What happened to one input line."""

    line: int
    status: str
    document_number: str = ""
    errors: list = field(default_factory=list)
    page_id: int | None = None

    @property
    def message(self):
        return _("Dòng %(line)d: %(reasons)s") % {"line": self.line, "reasons": "; ".join(self.errors)}


class ImportProblem(Exception):
    """Refuses a line; the message is Vietnamese."""


@cache
def schema_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def normal_key(value):
    """Case-, space- and Unicode-form-insensitive key for names and numbers."""
    return unicodedata.normalize("NFC", " ".join(str(value).split())).casefold()


def clean_text(value):
    return unicodedata.normalize("NFC", " ".join(str(value or "").split()))


def ascii_slug(value, max_length=100):
    """An ASCII slug for Vietnamese text: "43/2025/NĐ-CP" → "43-2025-nd-cp"."""
    value = str(value).replace("đ", "d").replace("Đ", "D")
    return slugify(value.replace("/", "-"))[:max_length].strip("-") or "van-ban"


def clean_body_html(value):
    return nh3.clean(
        value or "", tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, link_rel=None, url_schemes=BODY_URL_SCHEMES
    ).strip()


def text_to_html(value):
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs)


def schema_errors(record):
    """Vietnamese reasons why ``record`` does not follow the schema."""
    return [_schema_message(error) for error in sorted(schema_validator().iter_errors(record), key=str)]


def _label(path):
    names = [str(p) for p in path if not isinstance(p, int)]
    if not names:
        return _("bản ghi")
    label = FIELD_LABELS.get(names[-1], names[-1])
    indexes = [p for p in path if isinstance(p, int)]
    if indexes:
        label += _(" (mục %(n)d)") % {"n": indexes[-1] + 1}
    return label


def _schema_message(error):
    where = _label(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return _("thiếu %(fields)s") % {"fields": ", ".join(FIELD_LABELS.get(n, n) for n in missing)}
    if kind == "type":
        expected = (
            error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        )
        return _("%(field)s phải là %(type)s") % {
            "field": where,
            "type": _(" hoặc ").join(TYPE_NAMES.get(t, t) for t in expected),
        }
    if kind in {"minLength", "pattern"}:
        return _("%(field)s không được để trống") % {"field": where}
    if kind == "maxLength":
        return _("%(field)s dài quá %(n)d ký tự") % {"field": where, "n": error.validator_value}
    if kind == "enum":
        return _("%(field)s: giá trị “%(value)s” không có trong danh mục (%(choices)s)") % {
            "field": where,
            "value": error.instance,
            "choices": ", ".join(error.validator_value),
        }
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(name for name in error.instance if name not in allowed)
        return _("trường không được hỗ trợ: %(fields)s") % {"fields": ", ".join(extra)}
    if kind == "uniqueItems":
        return _("%(field)s có giá trị lặp lại") % {"field": where}
    if kind == "not":
        return _("chỉ được ghi một trong hai trường body_html hoặc body_text")
    return _("%(field)s không hợp lệ") % {"field": where}


def parse_date(record, name, problems, required=False):
    value = record.get(name)
    if value in (None, ""):
        if required:
            problems.append(_("thiếu %(field)s") % {"field": FIELD_LABELS[name]})
        return None
    if not isinstance(value, str):
        return None  # reported by the schema
    try:
        if not DATE_RE.match(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(
            _("%(field)s “%(value)s” không phải ngày hợp lệ (định dạng YYYY-MM-DD)")
            % {"field": FIELD_LABELS[name], "value": value}
        )
        return None


class _Lookup:
    """A shared list (types, bodies or fields) keyed by name, slug and abbreviation."""

    def __init__(self, model):
        self.model = model
        self.by_key = {}
        self.slugs = set()
        for obj in model.objects.all():
            self._remember(obj)

    def _remember(self, obj):
        self.slugs.add(obj.slug)
        for value in (obj.name, obj.slug, getattr(obj, "abbreviation", "")):
            if value:
                self.by_key.setdefault(normal_key(value), obj)

    def find(self, value):
        return self.by_key.get(normal_key(value))

    def get_or_create(self, value, created):
        """The entry for ``value``, created (and listed in ``created``) if unknown.

        Created entries are remembered at once; ``forget`` them if their
        savepoint is rolled back.
        """
        obj = self.find(value)
        if obj is None:
            name = clean_text(value)
            base = ascii_slug(name) or "muc"
            slug, number = base, 1
            while slug in self.slugs:
                number += 1
                slug = f"{base[:90]}-{number}"
            obj = self.model.objects.create(name=name, slug=slug, sort_order=1000)
            created.append(obj)
            self._remember(obj)
        return obj

    def forget(self, objs):
        for obj in objs:
            for key in [k for k, v in self.by_key.items() if v.pk == obj.pk]:
                del self.by_key[key]
            self.slugs.discard(obj.slug)


class ImportContext:
    """Everything an import reads often, loaded once."""

    def __init__(self, unit, publish=True, base_dir=None, user=None):
        self.unit = unit
        self.publish = publish
        self.user = user
        self.base_dir = Path(base_dir) if base_dir else Path.cwd()
        section = UnitSection.objects.select_related("page").filter(unit=unit, key="legal_documents").first()
        parent = section.page.specific if section else None
        if not isinstance(parent, LegalDocumentIndexPage):
            raise ImportProblem(
                _(
                    "Đơn vị “%(unit)s” chưa có chuyên mục văn bản pháp luật kiểu mới; "
                    "hãy chạy “python manage.py upgrade_sections” trước."
                )
                % {"unit": unit.name}
            )
        self.parent = parent
        self.types = _Lookup(DocumentType)
        self.bodies = _Lookup(IssuingBody)
        self.fields = _Lookup(LegalField)
        self.status_by_key = {}
        for value, label in EffectStatus.choices:
            self.status_by_key[normal_key(value)] = value
            self.status_by_key[normal_key(label)] = value
        # (number key, body id) -> page id, and number key -> [(body id, page id)]
        self.documents = {}
        self.by_number = {}
        for pk, number, body_id in LegalDocumentPage.objects.filter(unit=unit).values_list(
            "pk", "document_number", "issuing_body_id"
        ):
            self._remember_document(pk, number, body_id)
        self.slugs = set(self.parent.get_children().values_list("slug", flat=True))
        self._documents_by_hash = None
        self.created_children = 0
        self._next_step = None
        self.new_pages = []
        self.pending_numbers = set()
        self.new_references = []
        self.new_field_links = []

    def start_batch(self):
        """Read where the section's children end (another editor may have added one)."""
        self.parent.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
        last = self.parent.get_children().order_by("-path").values_list("path", flat=True).first()
        self._next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        self.created_children = 0

    def next_child_path(self):
        path = Page._get_path(self.parent.path, self.parent.depth + 1, self._next_step)
        self._next_step += 1
        return path

    def end_batch(self):
        self.flush_new_pages()
        if self.created_children:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.created_children)
            self.created_children = 0

    def flush_new_pages(self):
        """Write the first revisions and log entries of the batch's new pages in bulk."""
        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page.get_base_content_type(),
                object_id=str(page.pk),
                created_at=created_at,
                user=self.user,
                object_str=str(page),
                content=content,
            )
            for page, content, created_at in self.new_pages
        ]
        Revision.objects.bulk_create(revisions)
        entries = []
        for (page, _content, created_at), revision in zip(self.new_pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if self.publish else None
            actions = ("wagtail.create", "wagtail.publish") if self.publish else ("wagtail.create",)
            entries += [
                PageLogEntry(
                    content_type_id=page.content_type_id,
                    label=page.title,
                    action=action,
                    timestamp=created_at,
                    data={},
                    user=self.user,
                    revision=revision,
                    content_changed=True,
                    page=page,
                )
                for action in actions
            ]
        if self.new_pages:
            _point_at_revisions([page for page, _c, _t in self.new_pages], self.publish)
        PageLogEntry.objects.bulk_create(entries)
        FieldLink.objects.bulk_create(self.new_field_links)
        ReferenceIndex.objects.bulk_create(
            self.new_references, ignore_conflicts=connection.features.supports_ignore_conflicts
        )
        if self.publish:
            for page, revision in zip([p for p, _c, _t in self.new_pages], revisions, strict=True):
                # Receivers that would index the page one by one can skip it: the
                # importer sends the whole batch to the index once it is committed.
                page._bulk_indexed = True
                page_published.send(sender=LegalDocumentPage, instance=page, revision=revision)
        self.new_pages = []
        self.pending_numbers = set()
        self.new_references = []
        self.new_field_links = []

    def _remember_document(self, pk, number, body_id):
        key = normal_key(number)
        self.documents[(key, body_id)] = pk
        self.by_number.setdefault(key, []).append((body_id, pk))

    def documents_by_hash(self):
        """Files already in the unit's collection, by SHA-1, so re-imports reuse them."""
        if self._documents_by_hash is None:
            Document = get_document_model()
            self._documents_by_hash = {
                file_hash: pk
                for pk, file_hash in Document.objects.filter(collection=self.unit.collection_id).values_list(
                    "pk", "file_hash"
                )
                if file_hash
            }
        return self._documents_by_hash

    def new_slug(self, number, body):
        base = ascii_slug(number)
        slug = base
        if slug in self.slugs:
            slug = ascii_slug(f"{number} {body.slug}")
        counter = 1
        candidate = slug
        while candidate in self.slugs:
            counter += 1
            candidate = f"{slug[:90]}-{counter}"
        return candidate


def _point_at_revisions(pages, publish):
    """Set the latest (and live) revision of the batch's new pages with one
    UPDATE: each page takes the newest revision written for it."""
    base_content_type = pages[0].get_base_content_type()
    newest = (
        Revision.objects.filter(
            base_content_type=base_content_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    values = {"latest_revision_id": Subquery(newest)}
    if publish:
        values["live_revision_id"] = Subquery(newest)
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(**values)


@dataclass
class _Plan:
    """A validated line, ready to be written."""

    line: int
    record: dict
    number: str
    document_type: object
    body_name: str
    field_names: list
    values: dict
    relations: list  # (relation type, target page id)
    attachments: list  # (path, sha1, content)


def _read_attachments(record, context, problems):
    files = []
    for raw in record.get("attachments") or []:
        path = Path(raw)
        if not path.is_absolute():
            path = context.base_dir / path
        extension = path.suffix.lower().lstrip(".")
        if extension not in ATTACHMENT_EXTENSIONS:
            problems.append(_("tệp đính kèm “%(path)s” không phải PDF, DOC hoặc DOCX") % {"path": raw})
            continue
        try:
            content = path.read_bytes()
        except OSError:
            problems.append(_("không đọc được tệp đính kèm “%(path)s”") % {"path": raw})
            continue
        if not content:
            problems.append(_("tệp đính kèm “%(path)s” rỗng") % {"path": raw})
            continue
        files.append((path, hashlib.sha1(content).hexdigest(), content))  # noqa: S324 - same hash as Wagtail
    return files


def _resolve_relation(relation, context, upcoming):
    """(page id, None), (None, reason) or (None, "later") when the target comes later in the file."""
    number = relation["document_number"]
    key = normal_key(number)
    candidates = context.by_number.get(key, [])
    wanted_body = relation.get("issuing_body")
    if wanted_body:
        body = context.bodies.find(wanted_body)
        candidates = [c for c in candidates if body is not None and c[0] == body.pk]
    if len(candidates) == 1:
        return candidates[0][1], None
    if len(candidates) > 1:
        return None, _(
            "có nhiều văn bản số “%(number)s”; ghi thêm issuing_body trong quan hệ để chỉ rõ văn bản"
        ) % {"number": number}
    if upcoming.get(key):
        return None, "later"
    others = LegalDocumentPage.objects.filter(document_number=clean_text(number))
    if wanted_body:
        others = others.filter(issuing_body__name=clean_text(wanted_body))
    found = list(others.values_list("pk", flat=True)[:2])
    if len(found) == 1:
        return found[0], None
    return None, _("không tìm thấy văn bản liên quan số “%(number)s”") % {"number": number}


def plan_line(line, record, context, upcoming):
    """Check a parsed record; return a _Plan, or raise ImportProblem with every reason.

    Returns None when a relation points to a document that comes later in the file.
    """
    if not isinstance(record, dict):
        raise ImportProblem(_("mỗi dòng phải là một đối tượng JSON"))
    problems = schema_errors(record)
    number = (
        clean_text(record.get("document_number")) if isinstance(record.get("document_number"), str) else ""
    )

    document_type = None
    if isinstance(record.get("document_type"), str) and record["document_type"].strip():
        document_type = context.types.find(record["document_type"])
        if document_type is None:
            problems.append(
                _("loại văn bản “%(value)s” không có trong danh mục") % {"value": record["document_type"]}
            )
    issue_date = parse_date(record, "issue_date", problems)
    effective_date = parse_date(record, "effective_date", problems)
    expiry_date = parse_date(record, "expiry_date", problems)
    if issue_date and effective_date and effective_date < issue_date:
        problems.append(_("ngày có hiệu lực trước ngày ban hành"))
    if effective_date and expiry_date and expiry_date < effective_date:
        problems.append(_("ngày hết hiệu lực trước ngày có hiệu lực"))
    source_url = record.get("source_url")
    if isinstance(source_url, str) and source_url.strip():
        try:
            URLValidator(schemes=["http", "https"])(source_url.strip())
        except ValidationError:
            problems.append(
                _("nguồn (source_url) “%(value)s” không phải địa chỉ web hợp lệ") % {"value": source_url}
            )
    effect_status = EffectStatus.IN_FORCE
    if isinstance(record.get("effect_status"), str):
        effect_status = context.status_by_key.get(normal_key(record["effect_status"]))
        # an unknown value is reported by the schema's closed list

    attachments = (
        _read_attachments(record, context, problems) if isinstance(record.get("attachments"), list) else []
    )

    relations, later = [], False
    if isinstance(record.get("relations"), list) and not problems:
        for relation in record["relations"]:
            target, reason = _resolve_relation(relation, context, upcoming)
            if reason == "later":
                later = True
            elif reason:
                problems.append(reason)
            else:
                relations.append((relation["type"], target))
    if problems:
        raise ImportProblem("; ".join(dict.fromkeys(problems)))
    if later:
        return None

    if "body_html" in record:
        body = clean_body_html(record["body_html"])
    else:
        body = text_to_html(record.get("body_text", ""))
    values = {
        "title": clean_text(record.get("title")) or f"{document_type.name} {number}",
        "document_number": number,
        "document_type_id": document_type.pk,
        "signer": clean_text(record.get("signer")),
        "signer_title": clean_text(record.get("signer_title")),
        "issue_date": issue_date,
        "effective_date": effective_date,
        "expiry_date": expiry_date,
        "effect_status": effect_status,
        "summary": (record.get("summary") or "").strip(),
        "body": body,
        "source_url": (record.get("source_url") or "").strip(),
    }
    return _Plan(
        line=line,
        record=record,
        number=number,
        document_type=document_type,
        body_name=record["issuing_body"],
        field_names=list(record.get("fields") or []),
        values=values,
        relations=relations,
        attachments=attachments,
    )


def _page_state(page):
    """What the import compares: the page's values, fields, relations and files."""
    state = {name: getattr(page, name) for name in _STATE_FIELDS}
    state["issuing_body_id"] = page.issuing_body_id
    state["fields"] = sorted(f.pk for f in page.fields.all())
    state["relations"] = [(r.relation_type, r.target_id) for r in page.relations.all()]
    document_ids = [a.document_id for a in page.attachments.all()]
    hashes = dict(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", "file_hash"))
    state["attachments"] = [hashes.get(pk, "") for pk in document_ids]
    return state


_STATE_FIELDS = (
    "title",
    "document_number",
    "document_type_id",
    "signer",
    "signer_title",
    "issue_date",
    "effective_date",
    "expiry_date",
    "effect_status",
    "summary",
    "body",
    "source_url",
)


def _attachment_documents(plan, context, created_docs):
    Document = get_document_model()
    by_hash = context.documents_by_hash()
    documents = []
    for path, sha1, content in plan.attachments:
        pk = by_hash.get(sha1)
        if pk is None:
            document = Document(
                title=path.stem,
                file=ContentFile(content, name=path.name),
                collection_id=context.unit.collection_id,
            )
            document.file_size = len(content)
            document.file_hash = sha1
            document.save()
            created_docs.append((sha1, document.pk))
            pk = document.pk
        documents.append(pk)
    return documents


def _apply(page, plan, body, field_objs, document_ids, new=False):
    """Set the page's values and children; on a new page, empty children are left
    untouched so that saving it does not query for them."""
    for name, value in plan.values.items():
        setattr(page, name, value)
    page.issuing_body = body
    children = {
        "fields": field_objs,
        "relations": [
            LegalDocumentRelation(relation_type=kind, target_id=target, sort_order=i)
            for i, (kind, target) in enumerate(plan.relations)
        ],
        "attachments": [
            LegalDocumentAttachment(document_id=pk, sort_order=i) for i, pk in enumerate(document_ids)
        ],
    }
    for name, objs in children.items():
        # A new page's subject fields are inserted for the whole batch at its end
        # (ImportContext.flush_new_pages), not looked up and added one page at a time.
        if (objs and name != "fields") or not new:
            setattr(page, name, objs)
    return children


def _keep_children_in_memory(page, children):
    """After the first save, let revision serialisation and the reference index
    read the children just written instead of querying them back."""
    cache = {rel.get_accessor_name(): [] for rel in get_all_child_relations(page)}
    cache.update({field.name: [] for field in get_all_child_m2m_relations(page)})
    cache.update({name: list(objs) for name, objs in children.items()})
    page._cluster_related_objects = cache


def write_plan(plan, context):
    """Create or update the document of ``plan``; returns (status, page). Call inside a savepoint."""
    new_entries = []
    body = context.bodies.get_or_create(plan.body_name, new_entries)
    new_fields = []
    field_objs = [context.fields.get_or_create(name, new_fields) for name in plan.field_names]
    created_docs = []
    key = (normal_key(plan.number), body.pk)
    page_id = context.documents.get(key)
    try:
        if page_id is None:
            page = _create(plan, context, body, field_objs, created_docs)
            status = Status.CREATED
        else:
            page, status = _update(page_id, plan, context, body, field_objs, created_docs)
    except Exception:
        context.bodies.forget(new_entries)
        context.fields.forget(new_fields)
        raise
    return status, page, created_docs


def _create(plan, context, body, field_objs, created_docs):
    """Insert a new document page with one save, its first revision and its log
    entries — what ``add_child`` + ``save_revision`` + ``publish`` would leave,
    without saving the page three times."""
    document_ids = _attachment_documents(plan, context, created_docs)
    parent = context.parent
    now = timezone.now()
    publish = context.publish
    page = LegalDocumentPage(
        slug=context.new_slug(plan.number, body),
        owner=context.user,
        live=publish,
        has_unpublished_changes=not publish,
        first_published_at=now if publish else None,
        last_published_at=now if publish else None,
        latest_revision_created_at=now,
        locale_id=parent.locale_id,
        depth=parent.depth + 1,
        path=context.next_child_path(),
        numchild=0,
    )
    children = _apply(page, plan, body, field_objs, document_ids, new=True)
    page.draft_title = page.title
    page._cached_parent_obj = parent
    page._is_site_root = False
    page.save(clean=False, log_action=None)  # logged in bulk with the publication
    context.created_children += 1
    _keep_children_in_memory(page, children)

    # The first revision, its log entries and the publication signal are
    # written for the whole batch at its end (see ImportContext.end_batch).
    context.new_pages.append((page, page.serializable_data(), now))
    context.pending_numbers.add(normal_key(plan.number))
    context.new_references += _references_of_new_page(page)
    context.new_field_links += [
        FieldLink(legaldocumentpage_id=page.pk, legalfield_id=f.pk) for f in field_objs
    ]
    return page


def _references_of_new_page(page):
    """The reference-index rows of a page that has none yet (what
    ReferenceIndex.create_or_update_for_object would insert), for one bulk insert."""
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    base_content_type = page.get_base_content_type()
    return [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]


def _update(page_id, plan, context, body, field_objs, created_docs):
    page = LegalDocumentPage.objects.get(pk=page_id)
    current = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    before = _page_state(current)
    wanted = dict(plan.values)
    wanted["issuing_body_id"] = body.pk
    wanted["fields"] = sorted(f.pk for f in field_objs)
    wanted["relations"] = list(plan.relations)
    wanted["attachments"] = [sha1 for _path, sha1, _content in plan.attachments]
    needs_publish = context.publish and (not page.live or page.has_unpublished_changes)
    if before == wanted and not needs_publish:
        return page, Status.UNCHANGED
    if before == wanted:
        revision = page.latest_revision or page.save_revision(user=context.user, clean=False)
    else:
        document_ids = _attachment_documents(plan, context, created_docs)
        _apply(current, plan, body, field_objs, document_ids)
        revision = current.save_revision(user=context.user, log_action=True)
    if context.publish:
        revision.publish(user=context.user, skip_permission_checks=True)
    ReferenceIndex.create_or_update_for_object(current)
    return page, Status.UPDATED


def _parse(raw):
    if isinstance(raw, (dict, list)):
        return raw
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, TypeError) as error:
        raise ImportProblem(_("không phải JSON hợp lệ (%(error)s)") % {"error": error}) from error


class _DeferredIndexing:
    """Keeps page saves from reaching the search engine one by one; the importer
    indexes each committed batch with one bulk request instead."""

    def __enter__(self):
        from modelsearch.signal_handlers import post_save_signal_handler

        self.handler = post_save_signal_handler
        self.disconnected = post_save.disconnect(self.handler, sender=LegalDocumentPage)
        return self

    def __exit__(self, *exc):
        if self.disconnected:
            post_save.connect(self.handler, sender=LegalDocumentPage)


class _BatchIndexer:
    """Sends each committed batch to the search backends. An engine backend that
    can prepare its bulk request (search.backends) gets it sent from a worker
    thread while the next batch is written; any other backend is written to
    here and now. ``close`` waits for the last request, so that an import is
    searchable when it returns."""

    def __init__(self):
        self.executor = None
        self.pending = []

    def submit(self, page_ids):
        self.wait()
        if not page_ids:
            return
        pages = list(
            LegalDocumentPage.objects.filter(pk__in=page_ids)
            .select_related("document_type", "issuing_body", "locale", "owner", "content_type")
            .prefetch_related("fields")
        )
        for backend in get_search_backends(with_auto_update=True):
            prepare = getattr(backend, "prepare_bulk", None)
            try:
                if prepare is None:
                    backend.add_bulk(LegalDocumentPage, pages)
                    continue
                send = prepare(LegalDocumentPage, pages)
            except Exception:  # the search engine must not stop an import; update_index repairs
                logger.exception("Could not index %d imported legal documents", len(pages))
                continue
            if self.executor is None:
                self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="legal-docs-index")
            self.pending.append((backend, pages, self.executor.submit(send)))

    def wait(self):
        pending, self.pending = self.pending, []
        for backend, pages, future in pending:
            error = future.exception()
            if error is not None:
                logger.error("Could not index %d imported legal documents: %s", len(pages), error)
                backend.bulk_failed(pages, error)

    def close(self):
        try:
            self.wait()
        finally:
            if self.executor is not None:
                self.executor.shutdown()
                self.executor = None


def import_records(records, unit, publish=True, base_dir=None, user=None, batch_size=BATCH_SIZE):
    """Import ``records`` — an iterable of (line number, JSON text or dict) — into ``unit``.

    Yields one LineResult per line. Each line is written in its own savepoint
    inside a batch transaction; pages are indexed in bulk after each batch.
    A line whose relation points to a document later in the input is written
    after it.
    """
    context = ImportContext(unit, publish=publish, base_dir=base_dir, user=user)
    parsed = []
    upcoming = Counter()
    for line, raw in records:
        try:
            record = _parse(raw)
        except ImportProblem as problem:
            parsed.append((line, None, str(problem)))
            continue
        parsed.append((line, record, None))
        if isinstance(record, dict) and isinstance(record.get("document_number"), str):
            upcoming[normal_key(record["document_number"])] += 1

    indexer = _BatchIndexer()
    try:
        with _DeferredIndexing():
            pending = parsed
            while pending:
                postponed = []
                for start in range(0, len(pending), batch_size):
                    batch = pending[start : start + batch_size]
                    results = _import_batch(batch, context, upcoming, postponed, indexer)
                    if start + batch_size >= len(pending):
                        indexer.wait()  # the last batch is in the index before it is reported
                    yield from results
                if len(postponed) == len(pending):
                    # Nothing moved: the targets never arrived (or refer to each other).
                    upcoming.clear()
                pending = postponed
    finally:
        indexer.close()


def _import_batch(batch, context, upcoming, postponed, indexer):
    """Write one batch in a transaction and hand its pages to ``indexer``; returns the line results."""
    results, touched = [], []
    with transaction.atomic(), disable_reference_index_auto_update():
        context.start_batch()
        for line, record, parse_error in batch:
            if parse_error:
                results.append(LineResult(line, Status.INVALID, errors=[parse_error]))
                continue
            number = record.get("document_number", "") if isinstance(record, dict) else ""
            try:
                plan = plan_line(line, record, context, upcoming)
            except ImportProblem as problem:
                results.append(LineResult(line, Status.INVALID, str(number), errors=[str(problem)]))
                _consume(upcoming, number)
                continue
            if plan is None:
                postponed.append((line, record, None))
                continue
            if normal_key(plan.number) in context.pending_numbers:
                context.flush_new_pages()  # the same document twice in a batch: revisions first
            created_before, pages_before = context.created_children, len(context.new_pages)
            references_before = len(context.new_references)
            links_before = len(context.new_field_links)
            try:
                with transaction.atomic():
                    status, page, docs = write_plan(plan, context)
            except Exception as error:  # noqa: BLE001 - a line must never stop the import
                logger.exception("Import of line %s failed", line)
                context.created_children = created_before
                del context.new_pages[pages_before:]
                del context.new_references[references_before:]
                del context.new_field_links[links_before:]
                results.append(
                    LineResult(
                        line, Status.INVALID, plan.number, errors=[_("lỗi khi ghi: %(e)s") % {"e": error}]
                    )
                )
                _consume(upcoming, number)
                continue
            context.documents_by_hash().update(dict(docs))
            if status == Status.CREATED:
                context._remember_document(page.pk, page.document_number, page.issuing_body_id)
                context.slugs.add(page.slug)
            if status != Status.UNCHANGED:
                touched.append(page.pk)
            _consume(upcoming, number)
            results.append(LineResult(line, status, plan.number, page_id=page.pk))
        context.end_batch()
    indexer.submit(touched)
    return results


def _consume(upcoming, number):
    if isinstance(number, str):
        key = normal_key(number)
        if upcoming.get(key):
            upcoming[key] -= 1


def import_file(path, unit, publish=True, user=None):
    """Import a JSON Lines file; yields LineResult (blank lines are skipped)."""
    path = Path(path)

    def lines():
        with path.open(encoding="utf-8-sig") as handle:
            for number, text in enumerate(handle, start=1):
                if text.strip():
                    yield number, text

    yield from import_records(lines(), unit, publish=publish, base_dir=path.parent, user=user)


# Export ---------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value else None


def page_to_record(page):
    """The JSON record of a document page (the import's format)."""
    fields = sorted(page.fields.all(), key=lambda f: (f.sort_order, f.name))
    record = {
        "document_number": page.document_number,
        "title": page.title,
        "document_type": page.document_type.name,
        "issuing_body": page.issuing_body.name,
        "signer": page.signer,
        "signer_title": page.signer_title,
        "issue_date": _iso(page.issue_date),
        "effective_date": _iso(page.effective_date),
        "expiry_date": _iso(page.expiry_date),
        "effect_status": page.effect_status,
        "fields": [f.name for f in fields],
        "summary": page.summary,
        "body_html": page.body,
        "attachments": [_file_path(a.document) for a in page.attachments.all()],
        "source_url": page.source_url,
        "relations": [
            {
                "type": r.relation_type,
                "document_number": r.target.document_number,
                "issuing_body": r.target.issuing_body.name,
            }
            for r in page.relations.all()
        ],
    }
    return record


def _file_path(document):
    try:
        return document.file.path
    except NotImplementedError:  # remote storage: its URL is the best we can give
        return document.file.url


def export_records(unit):
    """Records of every document of ``unit``, each after the documents it refers to."""
    pages = list(
        LegalDocumentPage.objects.filter(unit=unit)
        .select_related("document_type", "issuing_body")
        .prefetch_related(
            "fields",
            "attachments__document",
            "relations__target__issuing_body",
        )
        .order_by("issue_date", "pk")
    )
    by_id = {page.pk: page for page in pages}
    ordered, seen = [], set()

    def visit(page, trail=()):
        if page.pk in seen or page.pk in trail:
            return
        for relation in page.relations.all():
            target = by_id.get(relation.target_id)
            if target is not None:
                visit(target, trail + (page.pk,))
        seen.add(page.pk)
        ordered.append(page)

    for page in pages:
        visit(page)
    for page in ordered:
        yield page_to_record(page)


RELATION_TYPES = RelationType.values
