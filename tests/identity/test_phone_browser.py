"""On a phone (390 px wide, Debian's chromium): the menu bar shows that it scrolls,
touch targets are at least 44 px tall, and search results come before the filters."""

import pytest

from tests import factories

MIN_TARGET = 44


@pytest.mark.django_db(transaction=True)
def test_a_phone_gets_a_scrollable_menu_large_targets_and_results_first(browser, live_server):
    from selenium.webdriver.common.by import By

    from tests.conftest import shared_unit

    unit_a = shared_unit("unit_a")
    factories.article(unit_a, title="Tuyên truyền Luật Đất đai cho người dân")
    browser.set_window_size(390, 844)
    port = live_server.url.rsplit(":", 1)[1]
    origin = f"http://{unit_a.site.hostname}:{port}"

    browser.get(origin + "/")
    nav = browser.find_element(By.CSS_SELECTOR, ".main-nav ul")
    overflow, scroll_width, client_width, background = browser.execute_script(
        "var s = getComputedStyle(arguments[0]);"
        "return [s.overflowX, arguments[0].scrollWidth, arguments[0].clientWidth, s.backgroundImage];",
        nav,
    )
    assert scroll_width > client_width, "the demo menu should not fit 390 px (the test would prove nothing)"
    assert overflow == "auto"
    assert background.count("gradient") == 4, "no scroll shadow shows that the bar scrolls"
    small = browser.execute_script(
        "return Array.from(document.querySelectorAll('.main-nav a, .header-search input, .header-search button'))"
        f".filter(e => e.getBoundingClientRect().height < {MIN_TARGET})"
        ".map(e => e.outerHTML.slice(0, 80));"
    )
    assert not small, small

    browser.get(origin + "/search/?q=" + "Luật Đất đai")
    assert browser.find_elements(By.ID, "ket-qua"), browser.page_source[:3000]
    results = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='ket-qua']")
    facets = browser.find_element(By.CSS_SELECTOR, ".search-facets")
    assert results.rect["y"] < facets.rect["y"], "the filters push the results below them"
    small = browser.execute_script(
        f"return Array.from(document.querySelectorAll('.search-facets li a')).filter(e => e.getBoundingClientRect().height < {MIN_TARGET}).length;"
    )
    assert small == 0
    forms = browser.execute_script(
        "return Array.from(document.querySelectorAll('[role=search]')).map(f => [f.getAttribute('aria-label'), f.getAttribute('action')]);"
    )
    labels = [label for label, _action in forms]
    assert len(set(labels)) == len(labels) and all(labels), forms
    assert all(action for _label, action in forms), forms
