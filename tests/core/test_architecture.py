"""The foundation names no feature: features declare themselves through core.registries.

``import-linter`` (``make test`` runs it, contracts in pyproject.toml) keeps the
imports layered; this test also catches what imports don't show: app labels and
model names written as strings ("legal_docs.LegalDocumentIndexPage").
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

FOUNDATION = ("core", "multisite", "home", "search", "publicapi")
ROOT = Path(settings.BASE_DIR)


def feature_apps():
    """Project apps above the foundation (every app a later issue adds is one)."""
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).parent == ROOT
        and config.label not in FOUNDATION
        and config.label != "site_config"
    ]


def foundation_files():
    """Code and templates of the foundation; migrations are history (where a
    table came from) and may name any app."""
    for package in FOUNDATION:
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".json"} and not {"__pycache__", "migrations"} & set(
                path.parts
            ):
                yield path


def test_feature_apps_are_found():
    labels = {config.label for config in feature_apps()}
    assert {"legal_docs", "council", "reporters", "accounts"} <= labels


def test_no_feature_label_or_model_in_the_foundation():
    labels, models = set(), set()
    for config in feature_apps():
        labels.add(re.escape(config.label))
        models.update(re.escape(model.__name__) for model in config.get_models())
    # A label as code uses it ("reporters.Person", from reporters import, 'council'),
    # not the English word ("staff accounts"); a model by its class name.
    label = "|".join(sorted(labels))
    pattern = re.compile(
        rf"\b(?:{label})\.\w|[\"'](?:{label})[\"']|\b(?:from|import) (?:{label})\b"
        rf"|\b(?:{'|'.join(sorted(models))})\b"
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in foundation_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in [pattern.search(line)]
        if match
    ]
    assert found == []


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "lint-imports").exists(), reason="import-linter missing"
)
def test_import_contracts_hold():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
