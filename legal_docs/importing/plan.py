"""Reading the lines of an import and turning each record into a plan.

A record is checked against the schema (``schema``), its names are resolved
against what the database already holds (types, bodies, fields, documents) and
its values are checked by the models' own validation; every reason is reported
in Vietnamese with the record's field, and nothing is written here.
"""

import datetime
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from core.text import ascii_slug, clean_text, fold, normal_key

from ..levels import level_of_body_name
from ..models import (
    DocumentLevel,
    DocumentListing,
    DocumentType,
    EffectStatus,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    RelationType,
)
from ..models.pages import OUTGOING_RELATION_LABELS
from ..repository import LEVEL_OF_UNIT_KIND, belongs_in_repository, repository_section, unit_section
from .schema import FIELD_LABELS, schema_problems

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What the full text may contain: the features of the rich-text editor, so
# that editing an imported document in the admin loses nothing.
BODY_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a", "hr"}
# linktype/id keep the editor's internal links (to pages and documents of this install).
BODY_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

# Caps on what a line may carry (the others are the model fields' max_length,
# repeated in the schema): the full text in UTF-8 bytes, an attachment's file
# name (Wagtail stores it in a 100-character FileField under "documents/", and
# may add a 7-character suffix) and its size (the admin's upload limit).
BODY_MAX_BYTES = 2 * 1024 * 1024
ATTACHMENT_NAME_MAX = 80


def attachment_max_bytes():
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


def _megabytes(size):
    return f"{size / (1024 * 1024):g} MB"


# The page's fields a record sets, checked by LegalDocumentPage's own validation.
VALIDATED_FIELDS = (
    "title",
    "document_number",
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


class ImportProblem(Exception):
    """Refuses a line; the message is Vietnamese."""


# Text ------------------------------------------------------------------------


def clean_body_html(value):
    return nh3.clean(
        value or "", tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, link_rel=None, url_schemes=BODY_URL_SCHEMES
    ).strip()


def text_to_html(value):
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value or "") if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br/>") + "</p>" for p in paragraphs)


# Lines -------------------------------------------------------------------------


def read_lines(path):
    """(line number, text) of a JSON Lines file's non-blank lines."""
    with Path(path).open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if text.strip():
                yield number, text


def parse_record(raw):
    """The JSON value of one line (a dict or list passes through)."""
    if isinstance(raw, (dict, list)):
        return raw
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, TypeError) as error:
        raise ImportProblem(_("không phải JSON hợp lệ (%(error)s)") % {"error": error}) from error


def parse_date(record, name, problems):
    """The date of ``record[name]`` (YYYY-MM-DD), None if absent or wrong (then reported)."""
    value = record.get(name)
    if value in (None, "") or not isinstance(value, str):
        return None  # missing or of the wrong type: reported by the schema or the model
    try:
        if not DATE_RE.match(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(
            (
                name,
                _("%(field)s “%(value)s” không phải ngày hợp lệ (định dạng YYYY-MM-DD)")
                % {"field": FIELD_LABELS[name], "value": value},
            )
        )
        return None


# Lookups ---------------------------------------------------------------------


def relation_key(value):
    """A relation type as typed, without case, diacritics or punctuation:
    "Sửa đổi, bổ sung" = "sua doi bo sung"; codes keep their underscore."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(value)).split())


def relation_types_by_key():
    """Relation code by the key of its code, its label and its heading."""
    by_key = {}
    for value, label in RelationType.choices:
        for name in (value, label, OUTGOING_RELATION_LABELS[value]):
            by_key.setdefault(relation_key(str(name)), value)
    return by_key


def relation_type_choices():
    """The accepted relation types, for messages: "căn cứ (based_on), …"."""
    return ", ".join(f"{str(label).lower()} ({value})" for value, label in RelationType.choices)


class Lookup:
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
    """What an import reads often, loaded once: where new documents go (the
    province's shared repository, or the unit's own section), the shared lists,
    every document of the province (a number already there is updated, never
    copied), slugs and files.

    ``list_on_unit``: every imported document that the unit does not own is
    also listed in the unit's section (legal_docs.DocumentListing).
    """

    def __init__(self, unit, publish=True, base_dir=None, user=None, list_on_unit=False):
        self.unit = unit
        self.publish = publish
        self.user = user
        self.list_on_unit = list_on_unit
        self.base_dir = Path(base_dir) if base_dir else Path.cwd()
        parent = unit_section(unit)
        if parent is None:
            raise ImportProblem(
                _(
                    "Đơn vị “%(unit)s” chưa có chuyên mục văn bản pháp luật kiểu mới; "
                    "hãy chạy “python manage.py upgrade_sections” trước."
                )
                % {"unit": unit.name}
            )
        self.parent = parent
        self.repository = repository_section() or parent
        self.unit_level = LEVEL_OF_UNIT_KIND.get(unit.kind, DocumentLevel.PROVINCIAL)
        self.types = Lookup(DocumentType)
        self.bodies = Lookup(IssuingBody)
        self.fields = Lookup(LegalField)
        self.status_by_key = {}
        for value, label in EffectStatus.choices:
            self.status_by_key[normal_key(value)] = value
            self.status_by_key[normal_key(label)] = value
        self.level_by_key = {}
        for value, label in DocumentLevel.choices:
            self.level_by_key[normal_key(value)] = value
            self.level_by_key[normal_key(label)] = value
        self.relation_types = relation_types_by_key()
        # (number key, body id) -> page id, and number key -> [(body id, page id)]
        self.documents = {}
        self.by_number = {}
        for pk, number, body_id in LegalDocumentPage.objects.values_list(
            "pk", "document_number", "issuing_body_id"
        ):
            self.remember_document(pk, number, body_id)
        self.slugs = {
            parent.pk: set(parent.get_children().values_list("slug", flat=True))
            for parent in {self.parent.pk: self.parent, self.repository.pk: self.repository}.values()
        }
        self._documents_by_hash = None

    def remember_slug(self, page):
        for parent in (self.parent, self.repository):
            if page.path.startswith(parent.path) and page.depth == parent.depth + 1:
                self.slugs[parent.pk].add(page.slug)

    def forget_slug(self, page):
        for slugs in self.slugs.values():
            slugs.discard(page.slug)

    def list_on_unit_section(self, pages):
        """List ``pages`` that live outside the unit's section on the unit (``--list``)."""
        if not self.list_on_unit:
            return
        wanted = [page.pk for page in pages if not page.path.startswith(self.parent.path)]
        DocumentListing.objects.bulk_create(
            [DocumentListing(unit=self.unit, document_id=pk) for pk in wanted], ignore_conflicts=True
        )

    def parent_for(self, level):
        """Where a new document of ``level`` goes: the repository or the unit's section."""
        return self.repository if belongs_in_repository(level) else self.parent

    def level_for(self, record, body_name):
        """(level, given in the line?): the line's, else the issuing body's, else the unit's."""
        if isinstance(record.get("level"), str) and record["level"].strip():
            level = self.level_by_key.get(normal_key(record["level"]))
            if level:
                return level, True
        body = self.bodies.find(body_name) if isinstance(body_name, str) and body_name.strip() else None
        level = body.level if body is not None else level_of_body_name(body_name or "")
        return level or self.unit_level, False

    def remember_document(self, pk, number, body_id):
        key = normal_key(number)
        self.documents[(key, body_id)] = pk
        self.by_number.setdefault(key, []).append((body_id, pk))

    def forget_document(self, pk, number, body_id):
        """Undo ``remember_document`` (its writing was rolled back)."""
        key = normal_key(number)
        self.documents.pop((key, body_id), None)
        self.by_number[key] = [c for c in self.by_number.get(key, []) if c[1] != pk]

    def reload_lookups(self):
        """Read the shared lists and files again after a rollback of created entries."""
        self.bodies = Lookup(IssuingBody)
        self.fields = Lookup(LegalField)
        self._documents_by_hash = None

    def body_identity(self, name):
        """What tells issuing bodies apart before they exist: the pk of a known
        one, else the key of the name."""
        body = self.bodies.find(name)
        return ("pk", body.pk) if body is not None else ("name", normal_key(name))

    def existing_document(self, number, body_name):
        """The pk of the unit's document with this number and issuing body, or None."""
        body = self.bodies.find(body_name)
        return self.documents.get((normal_key(number), body.pk)) if body is not None else None

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

    def new_slug(self, number, body, parent):
        slugs = self.slugs[parent.pk]
        base = ascii_slug(number)
        slug = base
        if slug in slugs:
            slug = ascii_slug(f"{number} {body.slug}")
        counter = 1
        candidate = slug
        while candidate in slugs:
            counter += 1
            candidate = f"{slug[:90]}-{counter}"
        return candidate


# Plans -------------------------------------------------------------------------


@dataclass
class Plan:
    """A validated line, ready to be written."""

    line: int
    record: dict
    number: str
    document_type: object
    body_name: str
    field_names: list
    values: dict
    relations: list  # (relation type, target page id or None while deferred)
    attachments: list  # (path, sha1, content)
    # (position in ``relations``, relation record) of targets later in the file,
    # when planned with ``defer`` (documents that refer to each other).
    deferred: list = field(default_factory=list)
    level: str = DocumentLevel.CENTRAL
    explicit_level: bool = False  # the line gave it (else an update keeps the page's)


def model_problem(label, error_message, value=None):
    """A model's validation message as a clause of a line's reasons:
    "nguồn (source_url) “ftp:/x”: nhập một URL hợp lệ"."""
    reason = str(error_message).strip().rstrip(".")
    reason = reason[:1].lower() + reason[1:]
    if isinstance(value, str) and value.strip() and len(value) <= 200:
        return _("%(field)s “%(value)s”: %(reason)s") % {"field": label, "value": value, "reason": reason}
    if label:
        return _("%(field)s: %(reason)s") % {"field": label, "reason": reason}
    return reason


def _error_lists(error):
    return (
        error.error_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.error_list)]
    )


def _record_key(field_name, record):
    if field_name == "body":
        return "body_html" if "body_html" in record else "body_text"
    return field_name


def page_problems(values, record, reported):
    """LegalDocumentPage's own validation of ``values`` (field checks and
    ``validate_document``), skipping fields already reported; (key, reason) pairs."""
    page = LegalDocumentPage(**values)
    exclude = [
        f.name
        for f in LegalDocumentPage._meta.fields
        if f.name not in VALIDATED_FIELDS or _record_key(f.name, record) in reported
    ]
    problems = []
    for check in (lambda: page.clean_fields(exclude=exclude), page.validate_document):
        try:
            check()
        except ValidationError as error:
            for name, errors in _error_lists(error):
                key = "" if name == NON_FIELD_ERRORS else _record_key(name, record)
                label = FIELD_LABELS.get(key, key)
                problems += [
                    (key, model_problem(label, message, record.get(key))) for e in errors for message in e
                ]
    return problems


def read_attachments(record, context, problems):
    files = []
    label = FIELD_LABELS["attachments"]
    for raw in record.get("attachments") or []:
        path = Path(raw)
        if not path.is_absolute():
            path = context.base_dir / path
        try:
            LegalDocumentAttachment.validate_extension(path.suffix.lstrip("."))
        except ValidationError as error:
            problems += [("attachments", model_problem(label, message, raw)) for message in error.messages]
            continue
        if len(path.name) > ATTACHMENT_NAME_MAX:
            problems.append(
                (
                    "attachments",
                    _("tên tệp đính kèm “%(path)s” dài quá %(n)d ký tự")
                    % {"path": raw, "n": ATTACHMENT_NAME_MAX},
                )
            )
            continue
        limit = attachment_max_bytes()
        try:
            if limit and path.stat().st_size > limit:
                problems.append(
                    (
                        "attachments",
                        _("tệp đính kèm “%(path)s” lớn quá %(size)s")
                        % {"path": raw, "size": _megabytes(limit)},
                    )
                )
                continue
            content = path.read_bytes()
        except OSError:
            problems.append(("attachments", _("không đọc được tệp đính kèm “%(path)s”") % {"path": raw}))
            continue
        if not content:
            problems.append(("attachments", _("tệp đính kèm “%(path)s” rỗng") % {"path": raw}))
            continue
        files.append((path, hashlib.sha1(content).hexdigest(), content))  # noqa: S324 - same hash as Wagtail
    return files


def resolve_relation(relation, context, upcoming):
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


def _relation_problems(relations, page_id):
    """LegalDocumentRelation's own rule (no relation to itself) for a document already stored."""
    problems = []
    for position, (kind, target) in enumerate(relations, start=1):
        if target is None:
            continue
        try:
            LegalDocumentRelation(page_id=page_id, target_id=target, relation_type=kind).clean()
        except ValidationError as error:
            label = FIELD_LABELS["relations"] + _(" (mục %(n)d)") % {"n": position}
            problems += [("relations", model_problem(label, message)) for message in error.messages]
    return problems


def relation_kinds(record, context, problems):
    """The relation code of each of the record's relations (code or Vietnamese
    label accepted); an unknown type is added to ``problems``."""
    kinds = []
    if not isinstance(record.get("relations"), list):
        return kinds
    for position, relation in enumerate(record["relations"], start=1):
        value = relation.get("type") if isinstance(relation, dict) else None
        kind = context.relation_types.get(relation_key(value)) if isinstance(value, str) else None
        if kind is None and isinstance(value, str) and value.strip():
            problems.append(
                (
                    "relations",
                    _("%(field)s (mục %(n)d): “%(value)s” không có trong danh mục (%(choices)s)")
                    % {
                        "field": FIELD_LABELS["type"],
                        "n": position,
                        "value": value,
                        "choices": relation_type_choices(),
                    },
                )
            )
        kinds.append(kind)
    return kinds


def plan_line(line, record, context, upcoming, defer=False):
    """Check a parsed record; return a Plan, or raise ImportProblem with every reason.

    Returns None when a relation points to a document that comes later in the
    file, unless ``defer``: then the plan lists such relations in ``deferred``
    (with no target yet) for the writer to complete once the targets exist.
    """
    if not isinstance(record, dict):
        raise ImportProblem(_("mỗi dòng phải là một đối tượng JSON"))
    problems = schema_problems(record)
    number = (
        clean_text(record.get("document_number")) if isinstance(record.get("document_number"), str) else ""
    )

    document_type = None
    if isinstance(record.get("document_type"), str) and record["document_type"].strip():
        document_type = context.types.find(record["document_type"])
        if document_type is None:
            problems.append(
                (
                    "document_type",
                    _("loại văn bản “%(value)s” không có trong danh mục")
                    % {"value": record["document_type"]},
                )
            )
    issue_date = parse_date(record, "issue_date", problems)
    effective_date = parse_date(record, "effective_date", problems)
    expiry_date = parse_date(record, "expiry_date", problems)
    effect_status = EffectStatus.IN_FORCE
    if isinstance(record.get("effect_status"), str):
        effect_status = context.status_by_key.get(normal_key(record["effect_status"]))
        # an unknown value is reported by the schema's closed list

    body_key = "body_html" if "body_html" in record else "body_text"
    if isinstance(record.get(body_key), str) and len(record[body_key].encode("utf-8")) > BODY_MAX_BYTES:
        problems.append(
            (
                body_key,
                _("%(field)s dài quá %(size)s (%(n)s byte UTF-8)")
                % {"field": FIELD_LABELS[body_key], "size": _megabytes(BODY_MAX_BYTES), "n": BODY_MAX_BYTES},
            )
        )
        body = ""
    elif "body_html" in record:
        body = clean_body_html(record["body_html"]) if isinstance(record["body_html"], str) else ""
    else:
        body = (
            text_to_html(record.get("body_text", "")) if isinstance(record.get("body_text", ""), str) else ""
        )
    title = clean_text(record.get("title")) if isinstance(record.get("title"), str) else ""
    values = {
        "title": title or (f"{document_type.name} {number}" if document_type else number),
        "document_number": number,
        "document_type_id": document_type.pk if document_type else None,
        "signer": clean_text(record.get("signer")),
        "signer_title": clean_text(record.get("signer_title")),
        "issue_date": issue_date,
        "effective_date": effective_date,
        "expiry_date": expiry_date,
        "effect_status": effect_status,
        "summary": (record.get("summary") or "").strip() if isinstance(record.get("summary"), str) else "",
        "body": body,
        "source_url": (record.get("source_url") or "").strip()
        if isinstance(record.get("source_url"), str)
        else "",
    }
    reported = {key for key, _reason in problems}
    if not title and reported & {"document_type", "document_number"}:
        reported.add("title")  # the default title is made of them
    problems += page_problems(values, record, reported)

    attachments = (
        read_attachments(record, context, problems) if isinstance(record.get("attachments"), list) else []
    )

    kinds = relation_kinds(record, context, problems)
    relations, deferred, later = [], [], False
    if isinstance(record.get("relations"), list) and not problems:
        for relation, kind in zip(record["relations"], kinds, strict=True):
            target, reason = resolve_relation(relation, context, upcoming)
            if reason == "later" and defer:
                deferred.append((len(relations), relation))
                relations.append((kind, None))
            elif reason == "later":
                later = True
            elif reason:
                problems.append(("relations", reason))
            else:
                relations.append((kind, target))
        own_id = context.existing_document(number, record["issuing_body"])
        if own_id is not None:
            problems += _relation_problems(relations, own_id)
    if problems:
        raise ImportProblem("; ".join(dict.fromkeys(reason for _key, reason in problems)))
    if later:
        return None
    level, explicit_level = context.level_for(record, record["issuing_body"])
    return Plan(
        line=line,
        record=record,
        number=number,
        document_type=document_type,
        body_name=record["issuing_body"],
        field_names=list(record.get("fields") or []),
        values=values,
        relations=relations,
        attachments=attachments,
        deferred=deferred,
        level=level,
        explicit_level=explicit_level,
    )
