"""Full-page screenshots of the demo portal for the README, in Debian's chromium.

    .venv/bin/python scripts/screenshots.py            # migrate, seed_demo, serve, shoot
    .venv/bin/python scripts/screenshots.py --port 8000  # a demo already served (make run)

Takes the portal home, a commune's home, an article, a media item and the legal
bookcase at 1366 and 390 px wide (the 390 px ones as a phone: touch, mobile
viewport) and writes them as WebP under docs/screenshots/. The pages are looked up
in the demo database (the settings of manage.py, SQLite by default), so the same
database must be the one served. Without --port the script runs `migrate` and
`seed_demo` (both idempotent) and starts `manage.py runserver` on a free port,
stopped at the end. Needs chromium and chromium-driver (apt-get install chromium
chromium-driver) and selenium (requirements-dev.txt)."""

import argparse
import base64
import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.dev")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTHS = {"desktop": 1366, "phone": 390}
PHONE_HEIGHT = 844
MAX_HEIGHT = 4000  # a longer page is cut here: the README shows its top
QUALITY = 70


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10):  # noqa: S310 - the local demo
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def demo_pages():
    """(name, hostname, path) of the pages to show, looked up in the demo database."""
    import django

    django.setup()
    from home.models import ArticlePage, PortalHomePage, UnitHomePage
    from library.models import BookcasePage, MediaPage
    from multisite.models import Unit, UnitKind

    def located(name, page):
        if page is None:
            raise SystemExit(f"no {name} in the demo database: run manage.py seed_demo")
        _site_id, root_url, path = page.get_url_parts()
        return name, root_url.split("://", 1)[1].split(":", 1)[0], path

    province_home = PortalHomePage.objects.live().first()
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE).order_by("pk").first()
    commune_home = (
        UnitHomePage.objects.live().filter(pk=commune.site.root_page_id).first() if commune else None
    )
    article = (
        ArticlePage.objects.live().descendant_of(commune_home).order_by("-date", "pk").first()
        if commune_home
        else None
    )
    media = MediaPage.objects.live().descendant_of(province_home).order_by("-date", "pk").first()
    bookcase = BookcasePage.objects.live().descendant_of(province_home).first()
    return [
        located("portal-home", province_home),
        located("unit-home", commune_home),
        located("article", article),
        located("media-item", media),
        located("bookcase", bookcase),
    ]


def start_browser(hostnames):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    rules = ", ".join(f"MAP {host} 127.0.0.1" for host in sorted(hostnames))
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--lang=vi-VN",
        f"--host-resolver-rules={rules}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def shoot(driver, url, width):
    """A PNG of the whole page at ``width`` CSS pixels (as a phone below 500)."""
    phone = width < 500
    metrics = {
        "width": width,
        "height": PHONE_HEIGHT if phone else 900,
        "deviceScaleFactor": 1,
        "mobile": phone,
    }
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": phone})
    driver.get(url)
    driver.execute_script(
        # Lazy images load when they come near the viewport: scroll through the page first.
        "return new Promise(done => { let y = 0; const step = () => { window.scrollTo(0, y += 600);"
        " if (y < document.documentElement.scrollHeight) setTimeout(step, 50);"
        " else { window.scrollTo(0, 0); setTimeout(done, 300); } }; step(); });"
    )
    driver.execute_script("return document.fonts ? document.fonts.ready.then(() => true) : true;")
    height = min(driver.execute_script("return document.documentElement.scrollHeight;"), MAX_HEIGHT)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
    time.sleep(0.3)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
    )
    return base64.b64decode(shot["data"])


def page_weight(driver):
    """Bytes the page in ``driver`` loaded, itself and every resource (its first visit)."""
    return driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".reduce((sum, e) => sum + Math.max(e.transferSize, e.encodedBodySize), 0);"
    )


def save_webp(png, path):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.save(path, "WEBP", quality=QUALITY, method=6)
    return path.stat().st_size


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, help="the port of a demo already served on 127.0.0.1")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            raise SystemExit(f"{path} is missing: apt-get install chromium chromium-driver")

    server = None
    port = args.port
    if port is None:
        manage("migrate", "--noinput", "-v", "0")
        manage("seed_demo")
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        pages = demo_pages()
        wait_until_up(f"http://127.0.0.1:{port}/")
        driver = start_browser({host for _name, host, _path in pages})
        try:
            total = 0
            for name, host, path in pages:
                for label, width in WIDTHS.items():
                    target = out / f"{name}-{width}.webp"
                    size = save_webp(shoot(driver, f"http://{host}:{port}{path}", width), target)
                    total += size
                    print(f"{target.relative_to(ROOT)}  {size // 1024} KB  ({label}, http://{host}{path})")
                    if name == "portal-home" and label == "desktop":
                        print(f"the portal home loaded {page_weight(driver) // 1024} KB (all it loads)")
            print(f"{total // 1024} KB in all")
        finally:
            driver.quit()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
