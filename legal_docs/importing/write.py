"""Writing planned documents: pages, revisions, log entries, relations, files.

A batch of lines is written in one transaction, each line in its own savepoint.
A new page is inserted with one save; its first revision, log entries, subject
fields and reference-index rows are inserted in bulk for the whole batch at its
end — what ``add_child`` + ``save_revision`` + ``publish`` would leave, without
saving each page three times. An existing page gets a new revision only when
the line changes something.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from core.internals import (
    child_path,
    content_path_hash,
    extract_references,
    path_step,
    prime_new_page,
    set_child_relations,
)
from core.text import normal_key

from ..models import LegalDocumentAttachment, LegalDocumentPage, LegalDocumentRelation
from .plan import VALIDATED_FIELDS

FieldLink = LegalDocumentPage.fields.through


class Status:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


class Batch:
    """What one batch has written and must still insert in bulk at its end."""

    def __init__(self, context):
        self.context = context
        self.created_children = {}  # parent pk -> pages created under it
        self._next_step = {}  # parent pk -> the next child's path step
        self._parents = {}
        self.new_pages = []  # (page, revision content, created at)
        self.pending_numbers = set()
        self.new_references = []
        self.new_field_links = []

    def start(self):
        """Forget where sections' children ended: read again when first needed
        (another editor may have added one)."""
        self._next_step = {}
        self.created_children = {}
        self._parents = {}

    def next_child_path(self, parent):
        if parent.pk not in self._next_step:
            parent.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
            last = parent.get_children().order_by("-path").values_list("path", flat=True).first()
            self._next_step[parent.pk] = path_step(last) + 1 if last else 1
            self._parents[parent.pk] = parent
        path = child_path(parent, self._next_step[parent.pk])
        self._next_step[parent.pk] += 1
        self.created_children[parent.pk] = self.created_children.get(parent.pk, 0) + 1
        return path

    def mark(self):
        """Where the batch's lists end, to ``rollback`` to if a line fails."""
        return (
            dict(self.created_children),
            dict(self._next_step),
            len(self.new_pages),
            len(self.new_references),
            len(self.new_field_links),
        )

    def rollback(self, mark):
        created, steps, pages, references, links = mark
        self.created_children = created
        self._next_step.update({pk: step for pk, step in steps.items()})
        del self.new_pages[pages:]
        del self.new_references[references:]
        del self.new_field_links[links:]

    def end(self):
        self.flush_new_pages()
        for parent_pk, count in self.created_children.items():
            if count:
                Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        self.created_children = {}

    def flush_new_pages(self):
        """Write the first revisions and log entries of the batch's new pages in bulk."""
        context = self.context
        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page.get_base_content_type(),
                object_id=str(page.pk),
                created_at=created_at,
                user=context.user,
                object_str=str(page),
                content=content,
            )
            for page, content, created_at in self.new_pages
        ]
        Revision.objects.bulk_create(revisions)
        entries = []
        for (page, _content, created_at), revision in zip(self.new_pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if context.publish else None
            actions = ("wagtail.create", "wagtail.publish") if context.publish else ("wagtail.create",)
            entries += [
                PageLogEntry(
                    content_type_id=page.content_type_id,
                    label=page.title,
                    action=action,
                    timestamp=created_at,
                    data={},
                    user=context.user,
                    revision=revision,
                    content_changed=True,
                    page=page,
                )
                for action in actions
            ]
        if self.new_pages:
            _point_at_revisions([page for page, _c, _t in self.new_pages], context.publish)
        PageLogEntry.objects.bulk_create(entries)
        FieldLink.objects.bulk_create(self.new_field_links)
        ReferenceIndex.objects.bulk_create(
            self.new_references, ignore_conflicts=connection.features.supports_ignore_conflicts
        )
        if context.publish:
            # The import indexes these pages itself (search.indexing.bulk_indexing).
            for page, revision in zip([p for p, _c, _t in self.new_pages], revisions, strict=True):
                page_published.send(sender=LegalDocumentPage, instance=page, revision=revision)
        self.new_pages = []
        self.pending_numbers = set()
        self.new_references = []
        self.new_field_links = []


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


def write_plan(plan, context, batch):
    """Create or update the document of ``plan``; returns (status, page, [(sha1, new document id)]).

    Call inside a savepoint.
    """
    new_entries = []
    body = context.bodies.get_or_create(plan.body_name, new_entries)
    new_fields = []
    field_objs = [context.fields.get_or_create(name, new_fields) for name in plan.field_names]
    created_docs = []
    key = (normal_key(plan.number), body.pk)
    page_id = context.documents.get(key)
    try:
        if page_id is None:
            page = _create(plan, context, batch, body, field_objs, created_docs)
            status = Status.CREATED
        else:
            page, status = _update(page_id, plan, context, body, field_objs, created_docs)
    except Exception:
        context.bodies.forget(new_entries)
        context.fields.forget(new_fields)
        raise
    return status, page, created_docs


def _create(plan, context, batch, body, field_objs, created_docs):
    """Insert a new document page with one save; its first revision, log entries
    and publication signal are written for the whole batch at its end (Batch.end)."""
    document_ids = _attachment_documents(plan, context, created_docs)
    parent = context.parent_for(plan.level)
    now = timezone.now()
    publish = context.publish
    page = LegalDocumentPage(
        level=plan.level,
        slug=context.new_slug(plan.number, body, parent),
        owner=context.user,
        live=publish,
        has_unpublished_changes=not publish,
        first_published_at=now if publish else None,
        last_published_at=now if publish else None,
        latest_revision_created_at=now,
        locale_id=parent.locale_id,
        depth=parent.depth + 1,
        path=batch.next_child_path(parent),
        numchild=0,
    )
    children = _apply(page, plan, body, field_objs, document_ids, new=True)
    page.draft_title = page.title
    prime_new_page(page, parent)
    page.save(clean=False, log_action=None)  # logged in bulk with the publication
    _keep_children_in_memory(page, children)
    page._import_children = children

    batch.new_pages.append((page, page.serializable_data(), now))
    batch.pending_numbers.add(normal_key(plan.number))
    batch.new_references += _references_of_new_page(page)
    batch.new_field_links += [FieldLink(legaldocumentpage_id=page.pk, legalfield_id=f.pk) for f in field_objs]
    return page


def complete_relations(page, relations, batch):
    """Give ``page``, created in this batch, all its ``relations`` ((type, target
    id), in order) once the targets that came after it in the file exist: its
    relation rows, its first revision (not yet written) and its references."""
    objs = [
        LegalDocumentRelation(page=page, relation_type=kind, target_id=target, sort_order=i)
        for i, (kind, target) in enumerate(relations)
    ]
    LegalDocumentRelation.objects.filter(page=page).delete()
    LegalDocumentRelation.objects.bulk_create(objs)
    children = dict(page._import_children, relations=objs)
    _keep_children_in_memory(page, children)
    page._import_children = children
    batch.new_pages = [
        (p, p.serializable_data() if p is page else content, at) for p, content, at in batch.new_pages
    ]
    batch.new_references = [r for r in batch.new_references if r.object_id != page.pk]
    batch.new_references += _references_of_new_page(page)


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
            content_path_hash=content_path_hash(content_path),
        )
        for to_content_type_id, to_object_id, model_path, content_path in extract_references(page)
    ]


def _update(page_id, plan, context, body, field_objs, created_docs):
    page = LegalDocumentPage.objects.get(pk=page_id)
    current = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    before = _page_state(current)
    wanted = dict(plan.values)
    wanted["issuing_body_id"] = body.pk
    wanted["fields"] = sorted(f.pk for f in field_objs)
    wanted["relations"] = [(kind, target) for kind, target in plan.relations if target is not None]
    wanted["attachments"] = [sha1 for _path, sha1, _content in plan.attachments]
    wanted["level"] = plan.level if plan.explicit_level else before["level"]
    needs_publish = context.publish and (not page.live or page.has_unpublished_changes)
    if before == wanted and not needs_publish:
        return page, Status.UNCHANGED
    if before == wanted:
        revision = page.latest_revision or page.save_revision(user=context.user, clean=False)
    else:
        document_ids = _attachment_documents(plan, context, created_docs)
        _apply(current, plan, body, field_objs, document_ids)
        current.level = wanted["level"]
        revision = current.save_revision(user=context.user, log_action=True)
    if context.publish:
        revision.publish(user=context.user, skip_permission_checks=True)
    ReferenceIndex.create_or_update_for_object(current)
    return page, Status.UPDATED


# What a record sets on the page (validated by the model) and the lists it picks from.
_STATE_FIELDS = (*VALIDATED_FIELDS, "document_type_id", "issuing_body_id", "level")


def _page_state(page):
    """What the import compares: the page's values, fields, relations and files."""
    state = {name: getattr(page, name) for name in _STATE_FIELDS}
    state["fields"] = sorted(f.pk for f in page.fields.all())
    state["relations"] = [(r.relation_type, r.target_id) for r in page.relations.all()]
    document_ids = [a.document_id for a in page.attachments.all()]
    hashes = dict(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", "file_hash"))
    state["attachments"] = [hashes.get(pk, "") for pk in document_ids]
    return state


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
            if target is not None
        ],
        "attachments": [
            LegalDocumentAttachment(document_id=pk, sort_order=i) for i, pk in enumerate(document_ids)
        ],
    }
    for name, objs in children.items():
        # A new page's subject fields are inserted for the whole batch at its end
        # (Batch.flush_new_pages), not looked up and added one page at a time.
        if (objs and name != "fields") or not new:
            setattr(page, name, objs)
    return children


def _keep_children_in_memory(page, children):
    """After the first save, let revision serialisation and the reference index
    read the children just written instead of querying them back."""
    cache = {rel.get_accessor_name(): [] for rel in get_all_child_relations(page)}
    cache.update({field.name: [] for field in get_all_child_m2m_relations(page)})
    cache.update({name: list(objs) for name, objs in children.items()})
    set_child_relations(page, cache)
