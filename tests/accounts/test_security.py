"""Headers, framing, production checks and the public-form helper."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.factories import section

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_has_no_warning():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings.production",
        SECRET_KEY="p" * 30 + "-production-secret-0123456789-xyz",
        ALLOWED_HOSTS=".binhan.gov.vn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_public_pages_send_security_headers(client, unit_a):
    page = section(unit_a)
    response = client.get(page.url, HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_is_outside_the_public_policy_but_not_frameable(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/")
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls("tests.accounts.urls")
def test_embeddable_views_may_be_framed_by_allowed_origins(client, settings, db):
    settings.EMBED_ALLOWED_ORIGINS = ["https://binhan.gov.vn"]
    response = client.get("/test-widget/")
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'self' https://binhan.gov.vn" in response["Content-Security-Policy"]


@pytest.mark.urls("tests.accounts.urls")
def test_public_form_honeypot_and_rate_limit(client, settings, db):
    cache.clear()
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    page = client.get("/test-question/").content.decode()
    assert 'name="website_url"' in page and 'tabindex="-1"' in page

    response = client.post("/test-question/", {"question": "Hỏi?", "website_url": "http://spam"})
    assert response.status_code == 400 and "Không gửi được biểu mẫu" in response.content.decode()

    cache.clear()
    for _ in range(3):
        assert client.post("/test-question/", {"question": "Hỏi?"}).status_code == 201
    response = client.post("/test-question/", {"question": "Hỏi?"})
    assert response.status_code == 400
    assert "Bạn đã gửi quá nhiều lần" in response.content.decode()
    # another address is not affected
    assert client.post("/test-question/", {"question": "Hỏi?"}, REMOTE_ADDR="192.0.2.99").status_code == 201
