"""Provisioning a unit: everything a new unit needs, created in one transaction.

Used by the admin's "Thêm đơn vị" form and by ``manage.py provision_unit``; both
get the same validation and the same Vietnamese messages.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.registries import sections, unit_snippets

from .links import add_national_links
from .models import ALLOWED_PARENT_KINDS, Unit, UnitGroup, UnitKind, UnitLink, UnitRole, UnitSection
from .naming import admin_label

CODE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
HOSTNAME_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")

# Page permissions on the unit's root page, per role. Editors write and submit;
# moderators and unit administrators also publish (and so approve).
PAGE_PERMISSIONS = {
    UnitRole.EDITOR: ("add_page", "change_page"),
    UnitRole.MODERATOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    UnitRole.ADMIN: (
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ),
    UnitRole.REPORTER: (),
}
COLLECTION_PERMISSIONS = {
    UnitRole.EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}
COLLECTION_PERMISSIONS[UnitRole.MODERATOR] = COLLECTION_PERMISSIONS[UnitRole.EDITOR] + (
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
)
COLLECTION_PERMISSIONS[UnitRole.ADMIN] = COLLECTION_PERMISSIONS[UnitRole.MODERATOR]
COLLECTION_PERMISSIONS[UnitRole.REPORTER] = ()

# Model permissions; unit-owned snippets (core.registries.unit_snippets) are
# isolated by their viewsets.
MODEL_PERMISSIONS = {
    UnitRole.EDITOR: ("wagtailadmin.access_admin",),
    UnitRole.MODERATOR: ("wagtailadmin.access_admin",),
    UnitRole.ADMIN: ("wagtailadmin.access_admin", "auth.add_user", "auth.change_user"),
    UnitRole.REPORTER: ("wagtailadmin.access_admin",),
}
SNIPPET_ACTIONS = {
    UnitRole.EDITOR: ("add", "change", "view"),
    UnitRole.MODERATOR: ("add", "change", "delete", "view"),
    UnitRole.ADMIN: ("add", "change", "delete", "view"),
    UnitRole.REPORTER: ("view",),
}


class ProvisioningError(Exception):
    """Bad input for provisioning; the message is Vietnamese and meant for the user."""


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    parent_code: str | None = None
    hostname: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    problems: list = field(default_factory=list, repr=False)

    def default_hostname(self):
        return f"{self.code}.{settings.PORTAL_BASE_DOMAIN}"


@dataclass
class ProvisionResult:
    unit: Unit
    created: bool


def is_valid_hostname(hostname):
    if not hostname or len(hostname) > 253:
        return False
    return all(HOSTNAME_LABEL_RE.match(label) for label in hostname.split("."))


def normalise(spec):
    """Trim and lower-case what should be; return the spec."""
    spec.code = (spec.code or "").strip().lower()
    spec.name = " ".join((spec.name or "").split())
    spec.kind = (spec.kind or "").strip().lower()
    spec.parent_code = (spec.parent_code or "").strip().lower() or None
    spec.hostname = (spec.hostname or "").strip().lower().rstrip(".") or spec.default_hostname()
    return spec


def check(spec):
    """Return the list of Vietnamese reasons why the spec cannot be provisioned.

    An existing unit with the same code and the same details is not a problem
    (provisioning is idempotent); one with other details is a duplicate.
    """
    normalise(spec)
    problems = []
    if not CODE_RE.match(spec.code):
        problems.append(
            _(
                "Mã đơn vị “%(code)s” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
                "dấu gạch ngang, tối đa 63 ký tự, không bắt đầu hay kết thúc bằng dấu gạch ngang."
            )
            % {"code": spec.code}
        )
    if not spec.name:
        problems.append(_("Tên đơn vị không được để trống."))
    elif len(spec.name) > 255:
        problems.append(_("Tên đơn vị dài quá 255 ký tự."))
    if spec.kind not in UnitKind.values:
        problems.append(
            _("Cấp đơn vị “%(kind)s” không hợp lệ; chọn một trong: %(choices)s.")
            % {"kind": spec.kind, "choices": ", ".join(UnitKind.values)}
        )
    if not is_valid_hostname(spec.hostname):
        problems.append(_("Tên miền “%(host)s” không hợp lệ.") % {"host": spec.hostname})

    existing = Unit.objects.select_related("parent", "site").filter(code=spec.code).first()
    if existing is not None:
        if _differs(existing, spec):
            problems.append(
                _("Mã đơn vị “%(code)s” đã được dùng cho đơn vị “%(name)s”.")
                % {"code": spec.code, "name": existing.name}
            )
        return problems

    if spec.kind in UnitKind.values:
        allowed = ALLOWED_PARENT_KINDS[UnitKind(spec.kind)]
        if spec.parent_code:
            parent = Unit.objects.filter(code=spec.parent_code).first()
            if parent is None:
                problems.append(
                    _("Không tìm thấy đơn vị cấp trên có mã “%(code)s”.") % {"code": spec.parent_code}
                )
            elif parent.kind not in allowed:
                problems.append(
                    _("Đơn vị %(kind)s không thể trực thuộc đơn vị %(parent_kind)s “%(parent)s”.")
                    % {
                        "kind": UnitKind(spec.kind).label,
                        "parent_kind": parent.get_kind_display(),
                        "parent": parent.name,
                    }
                )
        elif allowed:
            problems.append(
                _("Đơn vị %(kind)s phải có đơn vị cấp trên.") % {"kind": UnitKind(spec.kind).label}
            )
        elif Unit.objects.filter(kind=UnitKind.PROVINCE).exists():
            problems.append(_("Cổng đã có đơn vị cấp tỉnh; mỗi cổng chỉ có một tỉnh."))

    if Site.objects.filter(hostname=spec.hostname).exists():
        problems.append(_("Tên miền “%(host)s” đã được một trang khác sử dụng.") % {"host": spec.hostname})
    return problems


def _differs(unit, spec):
    return (
        unit.name != spec.name
        or unit.kind != spec.kind
        or (unit.parent.code if unit.parent_id else None) != spec.parent_code
        or (unit.site.hostname if unit.site_id else None) != spec.hostname
    )


def provision_unit(spec):
    """Create the unit described by ``spec`` with its site, sections, collection,
    groups and workflow, or return the existing one unchanged.

    Raises ProvisioningError (with every reason) and writes nothing on bad input.
    """
    with transaction.atomic():
        problems = check(spec)
        if problems:
            raise ProvisioningError("\n".join(problems))
        existing = Unit.objects.filter(code=spec.code).first()
        if existing is not None:
            return ProvisionResult(existing, created=False)
        unit = _create(spec)
    return ProvisionResult(unit, created=True)


def _create(spec):
    parent = Unit.objects.get(code=spec.parent_code) if spec.parent_code else None
    unit = Unit.objects.create(
        code=spec.code,
        name=spec.name,
        kind=spec.kind,
        parent=parent,
        address=spec.address,
        phone=spec.phone,
        email=spec.email,
        website=spec.website,
    )
    root_page = _create_pages(unit)
    unit.site = Site.objects.create(
        hostname=spec.hostname,
        port=settings.PORTAL_PORT,
        site_name=spec.name,
        root_page=root_page,
        is_default_site=spec.kind == UnitKind.PROVINCE,
    )
    unit.collection = Collection.get_first_root_node().add_child(name=collection_name(unit))
    groups = _create_groups(unit, root_page)
    unit.workflow = _create_workflow(unit, root_page, groups)
    unit.save(update_fields=["site", "collection", "workflow"])
    add_national_links([unit.pk], UnitLink)
    return unit


def _create_pages(unit):
    home_model = "home.PortalHomePage" if unit.kind == UnitKind.PROVINCE else "home.UnitHomePage"
    root_page = _add_page(Page.get_first_root_node(), home_model, title=unit.name, slug=unit.code)
    create_missing_sections(unit, root_page)
    return root_page


def unit_sections(kind):
    """The registered sections a unit of ``kind`` gets, in menu order."""
    return [spec for spec in sections if spec.applies_to(kind)]


def create_missing_sections(unit, root_page):
    """Give ``unit`` every registered section it lacks (all of them when it is
    new), under its root page or the parent section; returns the new UnitSections.

    A slug already taken by a page the unit's staff made gets a numbered suffix.
    """
    existing = {row.key: row.page for row in UnitSection.objects.filter(unit=unit).select_related("page")}
    rows = []
    _add_sections(unit, root_page, unit_sections(unit.kind), existing, rows, top_level=True)
    return UnitSection.objects.bulk_create(rows)


def _add_sections(unit, parent_page, specs, existing, collected, top_level=False):
    specs = list(specs)
    for position, spec in enumerate(specs):
        page = existing.get(spec.key)
        if page is None:
            page = _add_page(
                parent_page,
                spec.page_model,
                title=str(spec.title),
                slug=find_available_slug(parent_page, spec.slug) if existing else spec.slug,
                intro=str(spec.intro),
                show_in_menus=top_level,
            )
            collected.append(UnitSection(unit=unit, key=spec.key, page=page))
            # Added to a unit that has other sections: take its place in the menu,
            # before the next registered section the unit already has.
            following = next((existing[s.key] for s in specs[position + 1 :] if s.key in existing), None)
            if following is not None:
                page.move(following, pos="left")
                page.refresh_from_db()
        _add_sections(unit, page, spec.children, existing, collected)


def _add_page(parent, model_label, **fields):
    model = apps.get_model(model_label)
    field_names = {f.name for f in model._meta.get_fields()}
    values = {name: value for name, value in fields.items() if name in field_names}
    return parent.add_child(instance=model(live=True, **values))


def collection_name(unit, own=None):
    """The unit's name (its parent's added on a clash with a sibling collection);
    ``own``: the unit's collection, when renaming it."""
    siblings = Collection.get_first_root_node().get_children().exclude(pk=getattr(own, "pk", None))
    return admin_label(
        unit, unit.parent.name if unit.parent_id else "", lambda label: siblings.filter(name=label).exists()
    )[:255]


def group_names(unit, roles, own=()):
    """{role: group name}: "<unit's name> – <role>", the unit's label made unique
    among the groups of other units (``own``: the unit's existing groups)."""

    def name(label, role):
        return f"{label} – {UnitRole(role).label}"[:150]

    others = Group.objects.exclude(pk__in=[group.pk for group in own])
    label = admin_label(
        unit,
        unit.parent.name if unit.parent_id else "",
        lambda label: others.filter(name__in=[name(label, role) for role in UnitRole]).exists(),
    )
    return {role: name(label, role) for role in roles}


def sync_role_groups():
    """Give every existing unit the groups of roles added since it was provisioned
    (e.g. the reporting officer); idempotent, used by a data migration."""
    with transaction.atomic():
        for unit in Unit.objects.select_related("site").prefetch_related("groups"):
            missing = set(UnitRole) - {UnitRole(g.role) for g in unit.groups.all()}
            if missing and unit.site_id:
                _create_groups(unit, unit.site.root_page, roles=missing)


def _create_groups(unit, root_page, roles=None):
    page_perms = _permissions(
        f"wagtailcore.{codename}" for codenames in PAGE_PERMISSIONS.values() for codename in codenames
    )
    collection_perms = _permissions(p for perms in COLLECTION_PERMISSIONS.values() for p in perms)
    model_perms = _permissions(p for perms in MODEL_PERMISSIONS.values() for p in perms)
    snippet_perms = _permissions(
        f"{label.split('.')[0]}.{action}_{label.split('.')[1].lower()}"
        for label in unit_snippets
        for actions in SNIPPET_ACTIONS.values()
        for action in actions
    )

    groups = {}
    page_rows, collection_rows = [], []
    wanted = [role for role in UnitRole if roles is None or role in roles]
    names = group_names(unit, wanted, own=[link.group for link in unit.groups.select_related("group")])
    for role in wanted:
        group = Group.objects.create(name=names[role])
        UnitGroup.objects.create(unit=unit, role=role, group=group)
        groups[role] = group
        page_rows += [
            GroupPagePermission(group=group, page=root_page, permission=page_perms[f"wagtailcore.{c}"])
            for c in PAGE_PERMISSIONS[role]
        ]
        collection_rows += [
            GroupCollectionPermission(group=group, collection=unit.collection, permission=collection_perms[p])
            for p in COLLECTION_PERMISSIONS[role]
        ]
        group.permissions.add(
            *[model_perms[p] for p in MODEL_PERMISSIONS[role]],
            *[
                snippet_perms[f"{label.split('.')[0]}.{action}_{label.split('.')[1].lower()}"]
                for label in unit_snippets
                for action in SNIPPET_ACTIONS[role]
            ],
        )
    GroupPagePermission.objects.bulk_create(page_rows)
    GroupCollectionPermission.objects.bulk_create(collection_rows)
    return groups


def _permissions(labels):
    """Map 'app_label.codename' to Permission objects in one query."""
    labels = set(labels)
    wanted = {tuple(label.split(".", 1)) for label in labels}
    perms = Permission.objects.filter(codename__in={codename for _app, codename in wanted}).select_related(
        "content_type"
    )
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in perms
        if (p.content_type.app_label, p.codename) in wanted
    }
    missing = labels - found.keys()
    if missing:
        raise RuntimeError(f"Permissions missing (run migrate): {sorted(missing)}")
    return found


def workflow_name(unit):
    """Editors read it in the admin: the unit's name, not its code."""
    return f"Duyệt tin bài – {unit.name}"[:255]


def task_name(unit):
    return f"Kiểm duyệt – {unit.name}"[:255]


def _create_workflow(unit, root_page, groups):
    workflow = Workflow.objects.create(name=workflow_name(unit))
    task = GroupApprovalTask.objects.create(name=task_name(unit))
    task.groups.set([groups[UnitRole.MODERATOR], groups[UnitRole.ADMIN]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root_page)
    return workflow


def grant_unit_snippet_permissions(model_labels=None, app_registry=None):
    """Give every existing unit group its role's permissions on unit-owned snippets.

    Idempotent. An app that adds a unit-owned snippet calls it from a data
    migration (with the migration's app registry) so that units provisioned
    before the app existed get the same permissions as new ones.
    """
    registry = app_registry or apps
    Permission = registry.get_model("auth", "Permission")
    UnitGroupModel = registry.get_model("multisite", "UnitGroup")
    labels = list(model_labels or unit_snippets)
    wanted = {
        role: {
            (label.split(".")[0], f"{action}_{label.split('.')[1].lower()}")
            for label in labels
            for action in actions
        }
        for role, actions in SNIPPET_ACTIONS.items()
    }
    perms = Permission.objects.filter(
        content_type__app_label__in={label.split(".")[0] for label in labels},
        codename__in={codename for pairs in wanted.values() for _app, codename in pairs},
    ).select_related("content_type")
    by_key = {(p.content_type.app_label, p.codename): p for p in perms}
    for unit_group in UnitGroupModel.objects.select_related("group"):
        role_perms = [by_key[key] for key in wanted[UnitRole(unit_group.role)] if key in by_key]
        unit_group.group.permissions.add(*role_perms)


def upgrade_section_pages(key, model_label, app_registry=None):
    """Turn every unit's section ``key`` into a page of ``model_label`` in place.

    For units provisioned before the section got its own page type: the page
    keeps its id, URL, children and history; its shared fields (summary,
    introduction) are carried over. Idempotent; returns how many pages changed.
    """
    registry = app_registry or apps
    UnitSectionModel = registry.get_model("multisite", "UnitSection")
    PageModel = registry.get_model("wagtailcore", "Page")
    Revision = registry.get_model("wagtailcore", "Revision")
    ContentType = registry.get_model("contenttypes", "ContentType")
    target = registry.get_model(model_label)
    target_type, _created = ContentType.objects.get_or_create(
        app_label=target._meta.app_label, model=target._meta.model_name
    )
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    target_fields = {f.attname for f in target._meta.local_concrete_fields} - {"page_ptr_id"}
    changed = 0
    pages = PageModel.objects.filter(
        pk__in=UnitSectionModel.objects.filter(key=key).values("page_id")
    ).exclude(content_type=target_type)
    for page in pages.select_related("content_type"):
        values = {}
        old_type = page.content_type
        old_model = None
        if (old_type.app_label, old_type.model) != ("wagtailcore", "page"):
            old_model = registry.get_model(old_type.app_label, old_type.model)
            old_fields = [
                f.attname for f in old_model._meta.local_concrete_fields if f.attname in target_fields
            ]
            values = old_model.objects.filter(pk=page.pk).values(*old_fields).first() or {}
        target(page_ptr_id=page.pk, **values).save_base(raw=True)
        if old_model is not None:
            table = connection.ops.quote_name(old_model._meta.db_table)
            column = connection.ops.quote_name(old_model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [page.pk])  # noqa: S608
        PageModel.objects.filter(pk=page.pk).update(content_type=target_type)
        Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk)).update(
            content_type=target_type
        )
        changed += 1
    return changed
