"""The environment helpers read well-formed values and refuse malformed ones by name."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from site_config.env import env_bool, env_float, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch):
    def set_variable(value):
        monkeypatch.setenv("PBGDPL_TEST_VARIABLE", value)
        return "PBGDPL_TEST_VARIABLE"

    monkeypatch.delenv("PBGDPL_TEST_VARIABLE", raising=False)
    return set_variable


def test_unset_variables_give_the_defaults(env):
    name = "PBGDPL_TEST_VARIABLE"
    assert env_str(name, "x") == "x"
    assert env_bool(name, True) is True
    assert env_int(name, 7) == 7
    assert env_float(name, 0.5) == 0.5
    assert env_list(name, "a, b") == ["a", "b"]


def test_empty_values_keep_the_typed_defaults(env):
    assert env_bool(env(" "), True) is True
    assert env_int(env(""), 7) == 7
    assert env_float(env(""), 0.5) == 0.5


def test_strings_are_returned_unstripped(env):
    assert env_str(env(" secret with spaces ")) == " secret with spaces "


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("False", False),
        ("no", False),
    ],
)
def test_booleans(env, value, expected):
    assert env_bool(env(value), not expected) is expected


def test_numbers(env):
    assert env_int(env(" 42 "), 0) == 42
    assert env_int(env("-3"), 0) == -3
    assert env_float(env("0.25"), 0.0) == 0.25
    assert env_float(env("3"), 0.0) == 3.0


def test_lists_drop_empty_items(env):
    assert env_list(env(" https://a.vn ,, https://b.vn,")) == ["https://a.vn", "https://b.vn"]
    assert env_list(env("")) == []


@pytest.mark.parametrize(
    ("read", "value", "message"),
    [
        (lambda name: env_bool(name), "maybe", "PBGDPL_TEST_VARIABLE='maybe': expected one of 1/0"),
        (lambda name: env_int(name, 5), "5MB", "PBGDPL_TEST_VARIABLE='5MB': expected a whole number"),
        (lambda name: env_int(name, 5), "2.5", "PBGDPL_TEST_VARIABLE='2.5': expected a whole number"),
        (
            lambda name: env_int(name, 5, minimum=1),
            "0",
            "PBGDPL_TEST_VARIABLE='0': expected a whole number of at least 1",
        ),
        (lambda name: env_float(name, 2.0), "two", "PBGDPL_TEST_VARIABLE='two': expected a number"),
        (lambda name: env_float(name, 2.0), "nan", "PBGDPL_TEST_VARIABLE='nan': expected a number"),
        (lambda name: env_float(name, 2.0), "inf", "PBGDPL_TEST_VARIABLE='inf': expected a number"),
        (
            lambda name: env_float(name, 2.0, minimum=0),
            "-1",
            "PBGDPL_TEST_VARIABLE='-1': expected a number (e.g. 2 or 0.5) of at least 0",
        ),
    ],
)
def test_malformed_values_are_refused_by_name(env, read, value, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        read(env(value))
    assert str(refused.value).startswith(message)


def run_check(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_config.settings.dev", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_refuse_a_malformed_upload_limit_by_name():
    result = run_check(UPLOAD_MAX_DOCUMENT_MB="50MB")
    assert result.returncode != 0
    assert "UPLOAD_MAX_DOCUMENT_MB='50MB': expected a whole number of at least 1" in result.stderr


def test_upload_limits_are_set_once_from_the_environment(settings):
    """Wagtail's size checks follow UPLOAD_MAX_*_MB rather than a second, fixed value."""
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.UPLOAD_MAX_DOCUMENT_MB * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == settings.UPLOAD_MAX_IMAGE_MB * 1024 * 1024
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--verbosity=0",
            "-c",
            "from django.conf import settings; "
            "print(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
            "UPLOAD_MAX_DOCUMENT_MB": "3",
            "UPLOAD_MAX_IMAGE_MB": "2",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(3 * 1024 * 1024), str(2 * 1024 * 1024)]


def test_settings_read_the_environment_only_through_the_helpers():
    """A bare os.environ read would skip the checks above."""
    settings_files = sorted((ROOT / "site_config" / "settings").glob("*.py"))
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in settings_files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "os.environ" in line or "getenv" in line
    ]
    assert offenders == []
