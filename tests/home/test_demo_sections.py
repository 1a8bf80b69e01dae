"""No demo section is empty (issue 15): every mandatory section and sub-section
of a seeded unit of each kind shows at least one item and no empty-state message.

The units are seeded once for the module, through ``home.demo.seed`` (the code
path of ``manage.py seed_demo``) on the test province and new units of the other
kinds under it, inside a transaction rolled back at the end of the module. The
sections walked are the registered ones (``core.registries.sections``): a
section added later without demo content makes this test fail.
"""

import re
from html.parser import HTMLParser

import pytest
from django.db import transaction

from core.registries import iter_sections
from home import demo
from multisite.models import Unit, UnitKind, UnitSection
from multisite.provisioning import UnitSpec, unit_sections
from tests.factories import PROVINCE_CODE

# "Chuyên mục chưa có bài viết.", "Hiện chưa có khảo sát …", "Chưa đơn vị nào …":
# the empty-state messages of the portal's listings start this way.
EMPTY_STATE = re.compile(r"^(\S+\s+){0,3}chưa (có|đơn vị)\b", re.IGNORECASE)


def demo_specs():
    province = Unit.objects.select_related("site").get(code=PROVINCE_CODE)
    yield UnitSpec(
        code=province.code, name=province.name, kind=province.kind, hostname=province.site.hostname
    )
    yield UnitSpec(code="so-y-te-demo", name="Sở Y tế", kind=UnitKind.DEPARTMENT, parent_code=PROVINCE_CODE)
    yield UnitSpec(
        code="xa-an-dien-demo", name="Xã An Điền", kind=UnitKind.COMMUNE, parent_code=PROVINCE_CODE
    )
    yield UnitSpec(
        code="huyen-dau-tieng-demo", name="Huyện Dầu Tiếng", kind=UnitKind.DISTRICT, parent_code=PROVINCE_CODE
    )


@pytest.fixture(scope="module")
def demo_units(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        specs = list(demo_specs())
        demo.seed(write=lambda line: None, specs=specs)
        yield list(Unit.objects.filter(code__in=[spec.code for spec in specs]).select_related("site"))
        transaction.set_rollback(True)


class MainContent(HTMLParser):
    """The text and the item links of a page's <main>."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts, self.links, self.cells = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth and tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif self.depth and tag == "td":
            self.cells += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.texts.append(" ".join(data.split()))


def relative_path(unit, page):
    return page.url_path[len(unit.site.root_page.url_path) - 1 :]


def section_problems(client, unit, rows):
    """Why each section of ``unit`` counts as empty (nothing when none is)."""
    section_paths = {relative_path(unit, row.page) for row in rows}
    problems = []
    for row in rows:
        path = relative_path(unit, row.page)
        response = client.get(path, HTTP_HOST=unit.site.hostname)
        if response.status_code != 200:
            problems.append(f"{unit.code}/{row.key}: HTTP {response.status_code}")
            continue
        main = MainContent()
        main.feed(response.content.decode())
        empty = [text for text in main.texts if EMPTY_STATE.match(text)]
        # An item: a link to something other than this page, another section
        # (sub-sections, breadcrumbs) or a filter of this page; or a table of figures.
        items = [
            href
            for href in main.links
            if href and not href.startswith(("?", "#")) and href.split("?")[0] not in section_paths
        ]
        if empty:
            problems.append(f"{unit.code}/{row.key} ({path}): shows “{empty[0]}”")
        elif not items and not main.cells:
            problems.append(f"{unit.code}/{row.key} ({path}): no item")
    return problems


@pytest.mark.django_db
def test_every_mandatory_section_of_every_demo_unit_has_content(demo_units, client):
    kinds = {unit.kind for unit in demo_units}
    assert kinds == set(UnitKind.values)
    problems = []
    for unit in demo_units:
        rows = list(UnitSection.objects.filter(unit=unit).select_related("page"))
        registered = {spec.key for spec in iter_sections(unit_sections(unit.kind))}
        missing = registered - {row.key for row in rows}
        assert not missing, f"{unit.code} lacks sections {missing}"
        problems += section_problems(client, unit, rows)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_check_sees_an_empty_section(demo_units, client):
    """A section emptied of its demo items is reported (the test above can fail)."""
    unit = next(unit for unit in demo_units if unit.kind == UnitKind.COMMUNE)
    row = UnitSection.objects.select_related("page").get(unit=unit, key="directives")
    for child in row.page.get_children().specific():
        child.unpublish()
    problems = section_problems(client, unit, [row])
    assert problems == [
        f"{unit.code}/directives ({relative_path(unit, row.page)}): shows “Chuyên mục chưa có bài viết.”"
    ]


@pytest.mark.django_db
def test_seeding_again_changes_nothing(demo_units):
    from wagtail.models import Page

    before = Page.objects.count(), UnitSection.objects.count()
    demo.seed(write=lambda line: None, specs=list(demo_specs()))
    assert (Page.objects.count(), UnitSection.objects.count()) == before
