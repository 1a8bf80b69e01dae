"""The accessibility and validity checkers of the test suite, from npm (package.json):
axe-core, run inside Debian's chromium, and the Nu HTML checker (vnu-jar), run once
on the installed Java over every saved page.

Skipped only when a tool is missing and REQUIRE_SERVICES is unset; CI
(REQUIRE_SERVICES=1) fails instead. ``make test`` installs them (``npm ci``)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Every axe rule but the experimental ones (axe's default), WCAG 2.1 AA and best practices.
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"], frameWaitTime: 2000}).then(
  result => done(result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))
  }))),
  error => done([{id: "axe-error", impact: "critical", help: String(error), nodes: []}])
);
"""


def checkers_or_skip():
    """Both checkers are installed (``npm ci``) and Java runs the Nu checker."""
    missing = [str(path.relative_to(settings.BASE_DIR)) for path in (AXE, VNU) if not path.exists()]
    if not shutil.which("java"):
        missing.append("java")
    if missing:
        message = (
            f"accessibility checks need {', '.join(missing)} "
            "(apt-get install nodejs npm default-jre-headless; npm ci)"
        )
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but " + message)
        pytest.skip(message)


def install_axe(driver):
    """Load axe-core in every document the browser opens from now on (no CDN)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": AXE.read_text()})


def axe_violations(driver):
    driver.set_script_timeout(60)
    return driver.execute_async_script(AXE_RUN)


def format_violations(url, width, violations):
    lines = [f"{url} at {width} px:"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"      {node['target']}  — {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      … {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def nu_messages(files):
    """The Nu HTML checker's messages for ``files``, in one JVM start."""
    completed = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(completed.stdout or "{}").get("messages", [])


def format_nu(message, names):
    where = names.get(message.get("url", "").removeprefix("file:"), message.get("url", ""))
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())[:160]
    return f"  {where} line {line}: {message.get('message')}\n      {extract}"
