"""Factories for the portal's models, shared by every test package."""

import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from multisite.accounts import set_unit_user
from multisite.models import Unit, UnitKind, UnitSection
from multisite.provisioning import UnitSpec, provision_unit

_codes = itertools.count(1)
STAFF_PASSWORD = "Mat-khau-thu-2026"


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
    code = "tinh-thu-nghiem"
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
    username = username or f"{unit.code}.{role}"
    user, _created = set_unit_user(unit.code, role, username, f"{username}@example.vn", STAFF_PASSWORD)
    return user


def section(unit, key="news"):
    return UnitSection.objects.select_related("page").get(unit=unit, key=key).page.specific


def article(unit, title="Tin thử nghiệm", publish=True, section_key="news", **fields):
    """An ArticlePage in one of the unit's sections, published through a revision."""
    from home.models import ArticlePage

    parent = section(unit, section_key)
    page = parent.add_child(
        instance=ArticlePage(
            title=title,
            date=fields.pop("date", datetime.date(2026, 11, 1)),
            live=False,
            **fields,
        )
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


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
    from council.models import CouncilActivityPage

    parent = section(unit, "council")
    page = parent.add_child(
        instance=CouncilActivityPage(title=title, date=date, kind=kind, live=False, **fields)
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
