"""Demo and generated names follow Vietnamese administrative writing."""

import pytest

from multisite.models import UnitKind
from multisite.naming import committee_name, in_sentence
from reporters.demo import seed_register
from reporters.models import Person
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_committees_are_named_by_level(province, unit_a):
    department = UnitFactory(code="so-y-te-ten", name="Sở Y tế", kind=UnitKind.DEPARTMENT, parent=province)
    assert committee_name(unit_a) == "Ủy ban nhân dân xã An Phú"
    assert committee_name(department) == "Ủy ban nhân dân tỉnh"
    assert committee_name(province) == "Ủy ban nhân dân tỉnh"
    assert in_sentence("Thị trấn Dầu Tiếng") == "thị trấn Dầu Tiếng"
    assert in_sentence("Sở Y tế") == "Sở Y tế"


def test_demo_reporters_of_a_department_work_for_real_agencies(province):
    department = UnitFactory(
        code="so-nn-ten", name="Sở Nông nghiệp và Môi trường", kind=UnitKind.DEPARTMENT, parent=province
    )
    seed_register(department)
    people = list(Person.objects.filter(unit=department))
    assert people
    for person in people:
        assert "Ủy ban nhân dân Sở" not in person.agency
        assert "Ủy ban nhân dân Sở" not in person.decision_issuer
        assert person.decision_issuer == "Chủ tịch Ủy ban nhân dân tỉnh"
        assert "Sở Nông nghiệp và Môi trường" in person.agency or "tỉnh" in person.agency
