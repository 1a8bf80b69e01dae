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
from dataclasses import dataclass
from pathlib import Path

import nh3
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from core.text import ascii_slug, clean_text, normal_key
from multisite.models import UnitSection

from ..models import (
    DocumentType,
    EffectStatus,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
)
from .schema import FIELD_LABELS, schema_problems

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What the full text may contain: the features of the rich-text editor, so
# that editing an imported document in the admin loses nothing.
BODY_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a", "hr"}
# linktype/id keep the editor's internal links (to pages and documents of this install).
BODY_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

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
    """What an import reads often, loaded once: the unit's section, the shared
    lists, the unit's documents, slugs and files."""

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
        self.types = Lookup(DocumentType)
        self.bodies = Lookup(IssuingBody)
        self.fields = Lookup(LegalField)
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
            self.remember_document(pk, number, body_id)
        self.slugs = set(self.parent.get_children().values_list("slug", flat=True))
        self._documents_by_hash = None

    def remember_document(self, pk, number, body_id):
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
    relations: list  # (relation type, target page id)
    attachments: list  # (path, sha1, content)


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
        try:
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
        try:
            LegalDocumentRelation(page_id=page_id, target_id=target, relation_type=kind).clean()
        except ValidationError as error:
            label = FIELD_LABELS["relations"] + _(" (mục %(n)d)") % {"n": position}
            problems += [("relations", model_problem(label, message)) for message in error.messages]
    return problems


def plan_line(line, record, context, upcoming):
    """Check a parsed record; return a Plan, or raise ImportProblem with every reason.

    Returns None when a relation points to a document that comes later in the file.
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

    if "body_html" in record:
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

    relations, later = [], False
    if isinstance(record.get("relations"), list) and not problems:
        for relation in record["relations"]:
            target, reason = resolve_relation(relation, context, upcoming)
            if reason == "later":
                later = True
            elif reason:
                problems.append(("relations", reason))
            else:
                relations.append((relation["type"], target))
        body_obj = context.bodies.find(record["issuing_body"])
        own_id = context.documents.get((normal_key(number), body_obj.pk)) if body_obj else None
        if own_id is not None:
            problems += _relation_problems(relations, own_id)
    if problems:
        raise ImportProblem("; ".join(dict.fromkeys(reason for _key, reason in problems)))
    if later:
        return None
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
    )
