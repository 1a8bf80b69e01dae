"""Build the project's Vietnamese catalogues without GNU gettext.

Sources live in ``locale/<lang>/po/*.po`` (Python strings) and
``locale/<lang>/po-js/*.po`` (admin JavaScript strings); they are merged in
file-name order, later files winning, into ``LC_MESSAGES/django.mo`` and
``djangojs.mo``. The compiled files are build output and not committed.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = {"po": "django", "po-js": "djangojs"}


def merge(sources):
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "vi",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    entries = {}
    for source in sources:
        for entry in polib.pofile(str(source)):
            if entry.translated() and not entry.obsolete:
                entries[(entry.msgctxt, entry.msgid)] = entry
    for entry in entries.values():
        catalogue.append(entry)
    return catalogue, len(entries)


for lang_dir in sorted(p for p in (ROOT / "locale").iterdir() if p.is_dir()):
    for folder, domain in DOMAINS.items():
        sources = sorted((lang_dir / folder).glob("*.po"))
        if not sources:
            continue
        catalogue, count = merge(sources)
        target = lang_dir / "LC_MESSAGES" / f"{domain}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        catalogue.save_as_mofile(str(target))
        print(f"{target.relative_to(ROOT)}: {count} strings")
