"""Features declare their sections, snippets and home blocks; the foundation builds from them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from core import registries
from multisite.models import Unit, UnitKind, UnitSection
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_section():
    """A section a feature app added after the units were provisioned."""
    spec = registries.SectionSpec(
        "test_forum",
        "Diễn đàn thử nghiệm",
        "dien-dan-thu-nghiem",
        "home.SectionPage",
        order=150,
        children=(registries.SectionSpec("test_forum_rules", "Nội quy", "noi-quy", "home.SectionPage"),),
    )
    registries.sections.register(spec)
    yield spec
    registries.sections.unregister(spec.key)


def test_upgrade_sections_gives_existing_units_a_new_section(unit_a, new_section, capsys):
    province = unit_a.parent
    assert not UnitSection.objects.filter(key="test_forum").exists()

    call_command("upgrade_sections")

    for unit in (province, unit_a):
        forum = UnitSection.objects.get(unit=unit, key="test_forum").page
        assert forum.get_parent().pk == unit.site.root_page.pk
        assert forum.title == "Diễn đàn thử nghiệm" and forum.live and forum.show_in_menus
        rules = UnitSection.objects.get(unit=unit, key="test_forum_rules").page
        assert rules.get_parent().pk == forum.pk
    # The menu lists it where its order puts it: after the statistics, before the links.
    titles = list(unit_a.site.root_page.get_children().values_list("title", flat=True))
    assert titles[-2:] == ["Diễn đàn thử nghiệm", "Liên kết"]
    units = Unit.objects.filter(site__isnull=False).count()
    assert f"Đã cập nhật {2 * units} chuyên mục." in capsys.readouterr().out

    call_command("upgrade_sections")
    assert UnitSection.objects.filter(key="test_forum").count() == units
    assert "Đã cập nhật 0 chuyên mục." in capsys.readouterr().out


def test_a_slug_taken_by_staff_gets_a_suffix(unit_a, new_section):
    from home.models import SectionPage

    root = unit_a.site.root_page
    root.add_child(instance=SectionPage(title="Diễn đàn của xã", slug="dien-dan-thu-nghiem"))

    call_command("upgrade_sections")

    forum = UnitSection.objects.get(unit=unit_a, key="test_forum").page
    assert forum.slug == "dien-dan-thu-nghiem-1"
    assert root.get_children().filter(slug="dien-dan-thu-nghiem").get().title == "Diễn đàn của xã"


def test_a_section_limited_to_some_unit_kinds(province):
    spec = registries.SectionSpec(
        "test_mediation",
        "Hòa giải ở cơ sở",
        "hoa-giai-o-co-so",
        "home.SectionPage",
        unit_kinds=frozenset({UnitKind.COMMUNE}),
    )
    registries.sections.register(spec)
    try:
        commune = UnitFactory(code="xa-hoa-giai", name="Xã Hòa Giải")
        department = UnitFactory(code="so-thu", name="Sở Thử", kind=UnitKind.DEPARTMENT)
        assert UnitSection.objects.filter(unit=commune, key="test_mediation").exists()
        assert not UnitSection.objects.filter(unit=department, key="test_mediation").exists()
        assert not UnitSection.objects.filter(unit=province, key="test_mediation").exists()
    finally:
        registries.sections.unregister(spec.key)


def test_registering_a_key_twice_is_refused():
    spec = registries.sections.get("news")
    with pytest.raises(ImproperlyConfigured, match="news"):
        registries.sections.register(spec)


def test_home_blocks_are_shown_where_declared(unit_a, client):
    block = registries.HomeBlock(
        "khoi-thu-nghiem",
        "Khối thử nghiệm",
        "includes/pagination.html",
        lambda page, request: {},
        on_portal=False,
        on_units=True,
    )
    registries.home_blocks.register(block)
    try:
        unit_page = client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
        portal_page = client.get("/", HTTP_HOST=unit_a.parent.site.hostname).content.decode()
    finally:
        registries.home_blocks.unregister(block.key)
    assert '<h2 id="khoi-thu-nghiem">Khối thử nghiệm</h2>' in unit_page
    assert "khoi-thu-nghiem" not in portal_page
    assert '<h2 id="van-ban-moi">Văn bản pháp luật mới</h2>' in portal_page
    assert 'id="van-ban-moi"' not in unit_page


def test_unit_owned_snippets_are_declared_by_their_apps():
    assert {"multisite.unitlink", "reporters.person", "reporters.activity"} <= {
        label.lower() for label in registries.unit_snippets
    }
