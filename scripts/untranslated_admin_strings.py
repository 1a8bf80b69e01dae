"""List the Wagtail admin strings that have no Vietnamese translation.

Extracts every msgid from the installed wagtail and wagtail_localize packages
(``makemessages`` on a temporary copy, tests left out), then asks Django's merged
``vi`` catalogue (apps' catalogues plus LOCALE_PATHS) for each. Run after a
Wagtail upgrade, once ``make messages`` has compiled the catalogues:

    .venv/bin/python scripts/untranslated_admin_strings.py

Exit status 1 when something is missing; add those strings to
locale/vi/po/50-wagtail.po. Needs GNU gettext's xgettext (Debian: gettext).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["wagtail", "wagtail_localize"]


def extract(workdir):
    """The en .po files that makemessages writes for each package's apps."""
    import importlib

    for name in PACKAGES:
        source = Path(importlib.import_module(name).__file__).parent
        target = Path(workdir) / name
        shutil.copytree(
            source, target, ignore=shutil.ignore_patterns("tests", "test", "*.po", "*.mo", "static")
        )
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "en", "-d", "django", "-i", "*/tests/*"],
            cwd=target,
            check=True,
            capture_output=True,
            env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        )
    return sorted(Path(workdir).glob("**/locale/en/LC_MESSAGES/django.po"))


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.test")
    import django

    django.setup()
    from django.utils import translation

    catalogue = translation.trans_real.translation("vi")._catalog
    missing, total = [], 0
    with tempfile.TemporaryDirectory() as workdir:
        for po in extract(workdir):
            app = str(po.relative_to(workdir)).split("/locale/")[0]
            for entry in polib.pofile(str(po)):
                if not entry.msgid:
                    continue
                total += 1
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                try:
                    catalogue[(key, 0) if entry.msgid_plural else key]
                except KeyError:
                    missing.append((app, entry.msgid))
    for app, msgid in missing:
        print(f"{app}: {msgid!r}")
    print(f"{total - len(missing)} of {total} Wagtail strings translated; {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
