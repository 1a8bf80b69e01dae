"""Factories for the portal's models, shared by every test package."""

import datetime
import itertools

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from council.models import CouncilActivityPage
from home.models import ArticlePage
from multisite.accounts import set_unit_user
from multisite.models import Unit, UnitKind, UnitSection
from multisite.provisioning import UnitSpec, provision_unit

_codes = itertools.count(1)
STAFF_PASSWORD = "Mat-khau-thu-2026"

# The demo province every test run shares: provisioned once (see tests/conftest.py),
# looked up by these codes and usernames.
PROVINCE_CODE = "tinh-thu-nghiem"
SHARED_UNITS = {"unit_a": ("xa-a", "Xã An Phú"), "unit_b": ("xa-b", "Xã Bình Hòa")}
SHARED_STAFF = {
    "editor_a": ("xa-a", "editor"),
    "moderator_a": ("xa-a", "moderator"),
    "admin_a": ("xa-a", "admin"),
    "editor_b": ("xa-b", "editor"),
}


class UnitFactory(factory.Factory):
    """Provisions a real unit (site, sections, groups, workflow) like production does."""

    class Meta:
        model = UnitSpec

    code = factory.LazyFunction(lambda: f"don-vi-{next(_codes)}")
    name = factory.LazyAttribute(lambda o: f"Xã Thử Nghiệm {o.code}")
    kind = UnitKind.COMMUNE
    parent_code = None
    hostname = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is not None:
            kwargs["parent_code"] = parent.code
        if kwargs["kind"] != UnitKind.PROVINCE and not kwargs.get("parent_code"):
            province = Unit.objects.filter(kind=UnitKind.PROVINCE).first() or ProvinceFactory()
            kwargs["parent_code"] = province.code
        return provision_unit(model_class(**kwargs)).unit


class ProvinceFactory(UnitFactory):
    code = PROVINCE_CODE
    name = "Tỉnh Thử Nghiệm"
    kind = UnitKind.PROVINCE


class SuperUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"quantri{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    is_superuser = True
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", STAFF_PASSWORD)


def staff_user(unit, role, username=None):
    """A staff account of ``unit`` in ``role`` (admin, moderator or editor)."""
    username = username or staff_username(unit.code, role)
    user, _created = set_unit_user(unit.code, role, username, f"{username}@example.vn", STAFF_PASSWORD)
    return user


def staff_username(unit_code, role):
    return f"{unit_code}.{role}"


def build_shared_portal():
    """The province, its two communes and their staff that most tests use."""
    ProvinceFactory()
    units = {code: UnitFactory(code=code, name=name) for code, name in SHARED_UNITS.values()}
    for code, role in SHARED_STAFF.values():
        staff_user(units[code], role)


def section(unit, key="news"):
    return UnitSection.objects.select_related("page").get(unit=unit, key=key).page.specific


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` as a draft, then saved as a revision and
    published like an editor does (``publish=False`` leaves the draft)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    slug = ""  # Wagtail derives a unique slug from the title, as in the admin
    live = False

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if not create:
            return
        revision = page.save_revision()
        if extracted is None or extracted:
            revision.publish()
            page.refresh_from_db()


class ArticlePageFactory(PublishedPageFactory):
    class Meta:
        model = ArticlePage

    title = "Tin thử nghiệm"
    date = datetime.date(2026, 11, 1)


class CouncilActivityPageFactory(PublishedPageFactory):
    class Meta:
        model = CouncilActivityPage

    kind = "meeting"


def article(unit, title="Tin thử nghiệm", publish=True, section_key="news", **fields):
    """An ArticlePage in one of the unit's sections, published through a revision."""
    return ArticlePageFactory(parent=section(unit, section_key), title=title, publish=publish, **fields)


def person(unit, full_name="Nguyễn Văn An", **fields):
    """A legal reporter (by default) in ``unit``'s register."""
    from reporters.models import Person

    legal_fields = fields.pop("legal_fields", [])
    values = {
        "kind": "reporter",
        "level": "commune",
        "decision_number": "12/QĐ-UBND",
        "decision_date": datetime.date(2025, 3, 1),
        "status": "active",
        **fields,
    }
    created = Person.objects.create(unit=unit, full_name=full_name, **values)
    if legal_fields:
        created.fields.set(legal_fields)
    return created


def reporter_activity(person, date=datetime.date(2026, 3, 15), audience=50, **fields):
    """An activity of a reporter or propagandist (in the person's unit)."""
    from reporters.models import Activity

    values = {"topic": "Phổ biến Luật Đất đai năm 2024", "form": "conference", **fields}
    return Activity.objects.create(
        unit_id=person.unit_id, person=person, date=date, audience=audience, **values
    )


def xlsx_file(rows, header=None, name="danh-sach.xlsx"):
    """An in-memory .xlsx upload: the import template's header row, then ``rows``."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from reporters.importer import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or [str(column.header) for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def council_activity(unit, title, date, publish=True, kind="meeting", **fields):
    """A CouncilActivityPage under the unit's council page."""
    return CouncilActivityPageFactory(
        parent=section(unit, "council"), title=title, date=date, kind=kind, publish=publish, **fields
    )


def legal_document(
    unit,
    number="43/2025/NĐ-CP",
    title=None,
    document_type="nghi-dinh",
    issuing_body="chinh-phu",
    fields=(),
    publish=True,
    relations=(),
    **values,
):
    """A LegalDocumentPage in the unit's "Văn bản pháp luật mới" section.

    ``document_type``, ``issuing_body`` and ``fields`` are slugs of the shared
    lists; ``relations`` is a list of (relation_type, target page).
    """
    from legal_docs.models import (
        DocumentType,
        IssuingBody,
        LegalDocumentPage,
        LegalDocumentRelation,
        LegalField,
    )

    parent = section(unit, "legal_documents")
    values.setdefault("issue_date", datetime.date(2025, 3, 1))
    values.setdefault("summary", f"Quy định chi tiết thi hành văn bản số {number}.")
    page = LegalDocumentPage(
        title=title or f"Văn bản {number}",
        document_number=number,
        document_type=DocumentType.objects.get(slug=document_type),
        issuing_body=IssuingBody.objects.get(slug=issuing_body),
        live=False,
        **values,
    )
    page.fields = list(LegalField.objects.filter(slug__in=fields))
    page.relations = [LegalDocumentRelation(relation_type=kind, target=target) for kind, target in relations]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


class LegalDocumentFactory(factory.Factory):
    """``LegalDocumentFactory(unit=unit_a, number="01/2025/NQ-HĐND", ...)`` → a published document."""

    class Meta:
        model = dict

    unit = None
    number = factory.Sequence(lambda n: f"{n + 1}/2025/NĐ-CP")

    @classmethod
    def _create(cls, model_class, *args, unit=None, number=None, **kwargs):
        return legal_document(unit, number=number, **kwargs)
