"""The main portal embeds the blocks with the script and with the iframe, in a real
browser (Debian's chromium); a host origin not in EMBED_ALLOWED_ORIGINS is refused."""

import pytest

from tests import factories
from tests.browser import wait_for

HOST_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh</title></head>
<body><header><h1>Cổng thông tin điện tử tỉnh</h1></header><main>{snippet}</main></body></html>"""


def script(portal, unit_code, mode=""):
    extra = f' data-mode="{mode}"' if mode else ""
    return (
        f'<script src="{portal}/embed.js" data-blocks="news,documents,search" '
        f'data-unit="{unit_code}"{extra} async></script>'
    )


def shadow_text(driver):
    return driver.execute_script(
        "var host = document.querySelector('.pbgdpl-embed');"
        "return host && host.shadowRoot ? host.shadowRoot.textContent : '';"
    )


@pytest.mark.django_db(transaction=True)
def test_the_blocks_render_in_the_host_page_and_link_to_the_portal(
    browser,
    live_server,
    other_origin,
    settings,  # noqa: F811
):
    from selenium.webdriver.common.by import By

    from tests.conftest import shared_unit

    unit_a = shared_unit("unit_a")
    factories.article(unit_a, title="Hội nghị tuyên truyền pháp luật tại xã An Phú")
    settings.EMBED_ALLOWED_ORIGINS = [other_origin.origin]
    port = live_server.url.rsplit(":", 1)[1]
    portal = f"http://{unit_a.site.hostname}:{port}"
    other_origin.pages["/"] = HOST_PAGE.format(snippet=script(portal, unit_a.code))
    other_origin.pages["/khung"] = HOST_PAGE.format(snippet=script(portal, unit_a.code, "iframe"))

    browser.get(other_origin.origin + "/")
    wait_for(browser, lambda d: "Hội nghị tuyên truyền pháp luật" in shadow_text(d))
    links = browser.execute_script(
        "return Array.from(document.querySelector('.pbgdpl-embed').shadowRoot.querySelectorAll('a'))"
        ".map(a => a.href);"
    )
    assert links and all(link.startswith(f"http://{unit_a.site.hostname}") for link in links)
    headings = browser.execute_script(
        "return Array.from(document.querySelector('.pbgdpl-embed').shadowRoot.querySelectorAll('h2'))"
        ".map(h => h.textContent);"
    )
    assert headings == ["Tin tức – Sự kiện", "Văn bản pháp luật mới", "Tìm kiếm"]
    # The host page's own styles and heading are untouched.
    assert browser.find_element(By.TAG_NAME, "h1").text == "Cổng thông tin điện tử tỉnh"

    browser.get(other_origin.origin + "/khung")
    frame = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".pbgdpl-embed iframe"))
    # The framed page reports its height; embed.js sizes the frame to it (no inner scroll bar).
    wait_for(browser, lambda d: d.execute_script("return arguments[0].style.height", frame))
    browser.switch_to.frame(frame)
    wait_for(browser, lambda d: "Hội nghị tuyên truyền pháp luật" in d.page_source)
    inner = browser.execute_script("return document.documentElement.scrollHeight")
    browser.switch_to.default_content()
    assert abs(frame.size["height"] - inner) <= 2, (frame.size["height"], inner)


@pytest.mark.django_db(transaction=True)
def test_a_host_origin_not_allowed_is_refused(browser, live_server, other_origin, settings):
    from selenium.webdriver.common.by import By

    from tests.conftest import shared_unit

    unit_a = shared_unit("unit_a")
    factories.article(unit_a, title="Tin không được nhúng")
    settings.EMBED_ALLOWED_ORIGINS = ["https://cong.tinh-khac.gov.vn"]
    port = live_server.url.rsplit(":", 1)[1]
    portal = f"http://{unit_a.site.hostname}:{port}"
    other_origin.pages["/"] = HOST_PAGE.format(snippet=script(portal, unit_a.code))
    other_origin.pages["/khung"] = HOST_PAGE.format(snippet=script(portal, unit_a.code, "iframe"))

    browser.get(other_origin.origin + "/")
    wait_for(browser, lambda d: "Không tải được nội dung" in shadow_text(d))
    assert "Tin không được nhúng" not in shadow_text(browser)

    browser.get(other_origin.origin + "/khung")
    frame = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".pbgdpl-embed iframe"))
    browser.switch_to.frame(frame)
    assert "Tin không được nhúng" not in browser.page_source
    browser.switch_to.default_content()
