"""Every public page type, as a citizen's browser gets it: no axe-core violation at
1366 and 390 px (Debian's chromium), no Nu HTML checker error, and a portal home of
at most 300 KB with its images, styles, scripts and fonts.

The pages come from the features' own demo seeders (core.registries.demo_seeders)
run for the province and commune xa-a, and the list of page types from Wagtail's
registered page models: a new page type with no live page here fails the test."""

import datetime
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from wagtail.models import Page, get_page_models

from tests import factories
from tests.quality import (
    axe_violations,
    checkers_or_skip,
    format_nu,
    format_violations,
    install_axe,
    nu_messages,
)

WIDTHS = (1366, 390)
MAX_HOME_WEIGHT = 300 * 1024
NOT_FOUND = "/khong-co-trang-nay/"
CONTESTANT = {
    "full_name": "Nguyễn Thị Thi",
    "birth_date": datetime.date(1990, 8, 15),
    "phone": "0912345678",
    "id_number": "001190012345",
    "address": "Thôn Đông, xã An Phú",
}


def seed_every_page_type(province, unit_a):
    from core.registries import demo_seeders

    for seeder in demo_seeders:
        for index, unit in enumerate((province, unit_a)):
            seeder.seed(unit, index)
    factories.article(
        unit_a,
        title="Tuyên truyền Luật Đất đai năm 2024 đến người dân",
        listing_summary="Hội nghị phổ biến những điểm mới của Luật Đất đai năm 2024.",
        body=[("paragraph", "<p>Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị tuyên truyền.</p>")],
    )


def first_live(model, units):
    """A live page of ``model`` on the first of ``units`` that has one."""
    for unit in units:
        root = Page.objects.get(pk=unit.site.root_page_id)
        page = model.objects.live().descendant_of(root, inclusive=True).order_by("path").first()
        if page is not None:
            return page
    return None


def public_urls(province, unit_a):
    """(host, path, expected status, widths) of one page of every page type, and the
    views routed below them (forms, filters, search, profiles, readers, the 404 page);
    the province's own page of each type (its listings roll the units up) at 1366 px."""
    from contests import services
    from contests.models import ContestPage
    from legal_docs.models import LegalDocumentIndexPage
    from library.models import PublicationPage
    from questions.models import DialoguePage, QuestionIndexPage
    from reporters.models import DirectoryPage, Person
    from surveys.models import SurveyPage

    units = (unit_a, province)
    missing, urls, pages = [], [], {}
    for model in get_page_models():
        if model is Page:
            continue
        page = first_live(model, units)
        if page is None:
            missing.append(model._meta.label)
            continue
        pages[model] = page
        urls.append(page_url(page))
        on_province = first_live(model, (province,))
        if on_province is not None and on_province.pk != page.pk:
            urls.append(page_url(on_province, widths=WIDTHS[:1]))
    assert not missing, (
        f"page types with no live page in the accessibility test: {missing}; "
        "seed one in the feature's demo seeder (core.registries.demo_seeders)"
    )
    province_host = province.site.hostname
    urls.append((province_host, "/search/?q=" + urllib.request.quote("đất đai"), 200, WIDTHS))
    urls.append((unit_a.site.hostname, "/search/?q=" + urllib.request.quote("Luật Đất đai"), 200, WIDTHS))
    urls.append((province_host, NOT_FOUND, 404, WIDTHS))

    def below(model, route, host_page=None):
        host, path, _status, widths = page_url(host_page or pages[model])
        urls.append((host, path + route, 200, widths))

    below(LegalDocumentIndexPage, "?loai=luat&sapxep=moi-nhat")
    below(LegalDocumentIndexPage, "?nam=1999")
    below(QuestionIndexPage, "tra-cuu/")
    below(DialoguePage, "tong-hop/")
    below(PublicationPage, "doc/")
    below(SurveyPage, "da-gui/")
    rounds = services.open_rounds(pages[ContestPage])
    assert rounds, "the demo contest has no open round: the round and attempt pages go unchecked"
    below(ContestPage, f"dot/{rounds[0].pk}/")
    attempt = services.start(rounds[0], CONTESTANT)
    below(ContestPage, f"luot-thi/{attempt.token}/")
    person = Person.objects.public().filter(unit__in=units).order_by("-unit_id").first()
    if person is not None:
        below(DirectoryPage, f"nguoi/{person.pk}/", host_page=first_live(DirectoryPage, (person.unit,)))
    return urls


def page_url(page, widths=WIDTHS):
    _site_id, root_url, path = page.get_url_parts()
    return root_url.split("://", 1)[1], path, 200, widths


def fetch(port, host, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the live server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def home_weight(browser, url):
    """Bytes the portal home transfers with everything it loads (empty cache)."""
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    browser.get(url)
    # Lazy images load when scrolled to: scroll down, then wait for every image (at most 10 s).
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight);")
    browser.execute_script(
        "return Promise.race([new Promise(done => setTimeout(done, 10000)), Promise.all("
        "Array.from(document.images).map(i => i.complete ? 0 : new Promise(d => { i.onload = i.onerror = d; })))]);"
    )
    entries = browser.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(e => [e.name, Math.max(e.transferSize, e.encodedBodySize)]);"
    )
    browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    return sum(size for _name, size in entries), entries


@pytest.mark.django_db(transaction=True)
def test_every_public_page_type_is_accessible_valid_and_light(browser, live_server):
    from tests.conftest import shared_unit

    checkers_or_skip()
    province, unit_a = shared_unit("province"), shared_unit("unit_a")
    seed_every_page_type(province, unit_a)
    urls = public_urls(province, unit_a)
    port = live_server.url.rsplit(":", 1)[1]
    problems = []

    browser.set_window_size(WIDTHS[0], 900)
    weight, entries = home_weight(browser, f"http://{province.site.hostname}:{port}/")
    if weight > MAX_HOME_WEIGHT:
        listing = "\n".join(f"  {size:>8} {name}" for name, size in sorted(entries, key=lambda e: -e[1]))
        problems.append(f"the portal home weighs {weight} bytes (> {MAX_HOME_WEIGHT}):\n{listing}")

    with tempfile.TemporaryDirectory() as saved:
        names, files = {}, []
        for number, (host, path, expected, _widths) in enumerate(urls):
            status, body = fetch(port, host, path)
            if status != expected:
                problems.append(f"http://{host}{path} answered {status}, not {expected}")
                continue
            file = Path(saved) / f"{number:03}.html"
            file.write_bytes(body)
            names[str(file)] = f"http://{host}{path}"
            files.append(file)

        install_axe(browser)
        for width in WIDTHS:
            browser.set_window_size(width, 900)
            for host, path, _expected, widths in urls:
                if width not in widths:
                    continue
                browser.get(f"http://{host}:{port}{path}")
                violations = axe_violations(browser)
                if violations:
                    problems.append(format_violations(f"http://{host}{path}", width, violations))

        messages = nu_messages(files)
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    if warnings:
        print(f"Nu HTML checker: {len(warnings)} warnings")
        print("\n".join(format_nu(m, names) for m in warnings))
    if errors:
        problems.append("Nu HTML checker errors:\n" + "\n".join(format_nu(m, names) for m in errors))
    runs = sum(len(widths) for *_url, widths in urls)
    print(f"checked {len(urls)} pages ({runs} axe runs); the portal home weighs {weight} bytes")
    assert not problems, "\n\n".join(problems)
