"""A headless Debian chromium driven by selenium, for the end-to-end tests.

Skipped only when the browser is missing and REQUIRE_SERVICES is unset; CI
(REQUIRE_SERVICES=1) fails instead. Units' hostnames (``*.PORTAL_BASE_DOMAIN``)
resolve to the loopback address, where pytest-django's live server listens."""

import http.server
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser_or_skip():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"browser test needs {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but " + message)
        pytest.skip(message)


@pytest.fixture
def browser():
    browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,1600",
        f"--host-resolver-rules=MAP *.{settings.PORTAL_BASE_DOMAIN} 127.0.0.1",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def wait_for(driver, condition, timeout=15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


class StaticPages(http.server.ThreadingHTTPServer):
    """Serves ``pages[path] = html`` on the loopback address: another origin than the portal."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _PageHandler)
        self.pages = {}

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class _PageHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        body = self.server.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "").encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def other_origin():
    """A web server of another origin (the province's main portal in the tests)."""
    server = StaticPages()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
