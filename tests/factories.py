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
