"""One document per number: the data migration that turns the units' copies of
a document into one document in the shared repository, listed by each unit.

Before the repository existed, every unit imported its own copy of the national
documents. Copies are documents with the same number (as compared,
``core.text.normal_key``) and the same issuing body. For each group the copy in
the province's section is kept (else the oldest); every other copy gives the
kept one what it had — relations both ways, introduction materials, attached
files, legal fields, search promotions, redirects — its unit lists the kept
document instead, its old address redirects there (wagtail.contrib.redirects),
and it is deleted. The migration runs with the historical models of the
migration state (``apps``), so it stays valid when the models change later.
"""

from collections import defaultdict

from core.text import normal_key

from .levels import level_of_body_name

STEPLEN = 4  # Wagtail's Page.steplen (treebeard), not on historical models
LEVEL_OF_UNIT_KIND = {
    "province": "provincial",
    "department": "provincial",
    "district": "district",
    "commune": "commune",
}


def _unit_roots(apps):
    """{root page path: (unit id, kind, site id, root url_path)} of units with a site."""
    Unit = apps.get_model("multisite", "Unit")
    roots = {}
    for unit_id, kind, site_id, path, url_path in Unit.objects.filter(site__isnull=False).values_list(
        "pk", "kind", "site_id", "site__root_page__path", "site__root_page__url_path"
    ):
        roots[path] = (unit_id, kind, site_id, url_path)
    return roots


def _owner(roots, path):
    return next((info for root, info in roots.items() if path.startswith(root)), None)


def classify(apps):
    """Fill the new columns: number keys, issuing bodies' and documents' levels."""
    IssuingBody = apps.get_model("legal_docs", "IssuingBody")
    LegalDocumentPage = apps.get_model("legal_docs", "LegalDocumentPage")
    body_levels = {}
    bodies = list(IssuingBody.objects.all())
    for body in bodies:
        body.level = body.level or level_of_body_name(body.name)
        body_levels[body.pk] = body.level
    IssuingBody.objects.bulk_update(bodies, ["level"], batch_size=500)

    roots = _unit_roots(apps)
    documents = list(LegalDocumentPage.objects.only("pk", "path", "document_number", "issuing_body_id"))
    for document in documents:
        document.number_key = normal_key(document.document_number)[:100]
        owner = _owner(roots, document.path)
        document.level = body_levels.get(document.issuing_body_id) or (
            LEVEL_OF_UNIT_KIND.get(owner[1], "central") if owner else "central"
        )
    LegalDocumentPage.objects.bulk_update(documents, ["number_key", "level"], batch_size=500)


def merge_duplicates(apps, log=None):
    """Merge every group of copies into one document; returns the number of copies removed."""
    LegalDocumentPage = apps.get_model("legal_docs", "LegalDocumentPage")
    UnitSection = apps.get_model("multisite", "UnitSection")
    repository = (
        UnitSection.objects.filter(unit__kind="province", key="legal_documents")
        .values_list("page__path", flat=True)
        .first()
    )
    groups = defaultdict(list)
    for pk, key, body_id, path in LegalDocumentPage.objects.values_list(
        "pk", "number_key", "issuing_body_id", "path"
    ).order_by("pk"):
        groups[(key, body_id)].append((pk, path))
    roots = _unit_roots(apps)
    removed = 0
    for copies in groups.values():
        if len(copies) < 2:
            continue
        in_repository = [pk for pk, path in copies if repository and path.startswith(repository)]
        keeper = in_repository[0] if in_repository else copies[0][0]
        for pk, path in copies:
            if pk != keeper:
                _merge_copy(apps, roots, pk, path, keeper)
                removed += 1
    if log and removed:
        log(f"Đã gộp {removed} bản sao văn bản vào kho dùng chung.")
    return removed


def _merge_copy(apps, roots, copy_id, copy_path, keeper_id):
    """Give ``keeper_id`` everything of ``copy_id``, list it on the copy's unit,
    redirect the copy's address to it, then delete the copy."""
    Relation = apps.get_model("legal_docs", "LegalDocumentRelation")
    Attachment = apps.get_model("legal_docs", "LegalDocumentAttachment")
    Material = apps.get_model("legal_docs", "IntroductionMaterialPage")
    Listing = apps.get_model("legal_docs", "DocumentListing")
    LegalDocumentPage = apps.get_model("legal_docs", "LegalDocumentPage")
    FieldLink = LegalDocumentPage.fields.through

    # Relations, both ways, without duplicates or a relation of the document to itself.
    kept = set(Relation.objects.filter(page_id=keeper_id).values_list("relation_type", "target_id"))
    for relation in Relation.objects.filter(page_id=copy_id):
        if relation.target_id == keeper_id or (relation.relation_type, relation.target_id) in kept:
            relation.delete()
        else:
            kept.add((relation.relation_type, relation.target_id))
            Relation.objects.filter(pk=relation.pk).update(page_id=keeper_id)
    pointing = set(Relation.objects.filter(target_id=keeper_id).values_list("page_id", "relation_type"))
    for relation in Relation.objects.filter(target_id=copy_id):
        if relation.page_id == keeper_id or (relation.page_id, relation.relation_type) in pointing:
            relation.delete()
        else:
            pointing.add((relation.page_id, relation.relation_type))
            Relation.objects.filter(pk=relation.pk).update(target_id=keeper_id)

    # Files: the same file (or the same content) once.
    kept_files = set(Attachment.objects.filter(page_id=keeper_id).values_list("document_id", flat=True))
    kept_hashes = set(
        Attachment.objects.filter(page_id=keeper_id)
        .exclude(document__file_hash="")
        .values_list("document__file_hash", flat=True)
    )
    for attachment in Attachment.objects.filter(page_id=copy_id).select_related("document"):
        file_hash = attachment.document.file_hash
        if attachment.document_id in kept_files or (file_hash and file_hash in kept_hashes):
            attachment.delete()
        else:
            kept_files.add(attachment.document_id)
            kept_hashes.add(file_hash)
            Attachment.objects.filter(pk=attachment.pk).update(page_id=keeper_id)

    Material.objects.filter(document_id=copy_id).update(document_id=keeper_id)
    kept_fields = set(
        FieldLink.objects.filter(legaldocumentpage_id=keeper_id).values_list("legalfield_id", flat=True)
    )
    FieldLink.objects.bulk_create(
        [
            FieldLink(legaldocumentpage_id=keeper_id, legalfield_id=field_id)
            for field_id in FieldLink.objects.filter(legaldocumentpage_id=copy_id).values_list(
                "legalfield_id", flat=True
            )
            if field_id not in kept_fields
        ]
    )
    _move_search_promotions(apps, copy_id, keeper_id)

    owner = _owner(roots, copy_path)
    keeper_path = LegalDocumentPage.objects.filter(pk=keeper_id).values_list("path", flat=True).first()
    keeper_owner = _owner(roots, keeper_path or "")
    if owner and owner != keeper_owner:
        Listing.objects.get_or_create(unit_id=owner[0], document_id=keeper_id)
    for listing in Listing.objects.filter(document_id=copy_id):
        if (
            listing.unit_id == (keeper_owner or (None,))[0]
            or Listing.objects.filter(unit_id=listing.unit_id, document_id=keeper_id).exists()
        ):
            listing.delete()
        else:
            Listing.objects.filter(pk=listing.pk).update(document_id=keeper_id)

    _redirect(apps, owner, copy_id, keeper_id)
    _delete_page(apps, copy_id)


def _move_search_promotions(apps, copy_id, keeper_id):
    try:
        Promotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    except LookupError:
        return
    Promotion.objects.filter(page_id=copy_id).update(page_id=keeper_id)


def _redirect(apps, owner, copy_id, keeper_id):
    """The copy's address on its unit's site (and redirects to it) lead to the kept document."""
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    Page = apps.get_model("wagtailcore", "Page")
    Redirect.objects.filter(redirect_page_id=copy_id).update(redirect_page_id=keeper_id)
    if owner is None:
        return
    _unit_id, _kind, site_id, root_url_path = owner
    url_path = Page.objects.filter(pk=copy_id).values_list("url_path", flat=True).first() or ""
    if not url_path.startswith(root_url_path):
        return
    old_path = "/" + url_path[len(root_url_path) :].strip("/")
    Redirect.objects.update_or_create(
        old_path=old_path,
        site_id=site_id,
        defaults={
            "is_permanent": True,
            "redirect_page_id": keeper_id,
            "redirect_link": "",
            "automatically_created": True,
        },
    )


def _delete_page(apps, page_id):
    """Delete a leaf page and what points at it generically (revisions, workflow
    states, reference-index rows), keeping its parent's child count right."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get_for_model(Page)
    object_id = str(page_id)
    for label in ("Revision", "WorkflowState"):
        model = apps.get_model("wagtailcore", label)
        model.objects.filter(base_content_type_id=page_type.pk, object_id=object_id).delete()
    References = apps.get_model("wagtailcore", "ReferenceIndex")
    References.objects.filter(base_content_type_id=page_type.pk, object_id=object_id).delete()
    References.objects.filter(to_content_type_id=page_type.pk, to_object_id=object_id).delete()
    path, depth = Page.objects.filter(pk=page_id).values_list("path", "depth").get()
    Page.objects.filter(pk=page_id).update(latest_revision_id=None, live_revision_id=None)
    Page.objects.filter(pk=page_id).delete()
    parent_path = path[:-STEPLEN]
    children = Page.objects.filter(path__startswith=parent_path, depth=depth).count()
    Page.objects.filter(path=parent_path).update(numchild=children)
