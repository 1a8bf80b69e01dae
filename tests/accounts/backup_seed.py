"""A small but representative portal for the backup round trip, written by a separate process.

Run as ``python -m tests.accounts.backup_seed WORKDIR`` with DATABASE_URL and
MEDIA_ROOT pointing at throw-away places. ``manage.py seed_demo`` would take
minutes; this takes seconds and still touches every kind of data a backup must
carry: units with their sites, pages, revisions and workflows, staff accounts
and groups, images with renditions, documents, a legal document imported with
an attachment, the register of reporters, audit events and a session (which a
backup must leave out).
"""

import datetime
import json
import os
import sys
from pathlib import Path

import django


def seed(workdir):
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from accounts.models import AuthAction, AuthEvent
    from tests.factories import (
        UnitFactory,
        article,
        council_activity,
        person,
        reporter_activity,
        staff_user,
    )
    from tests.legal_docs.conftest import record as legal_record
    from tests.media import document_in, image_in

    # The copied test database may hold the shared province already; UnitFactory makes one if not.
    unit = UnitFactory(code="xa-sao-luu", name="Xã Sao Lưu")
    editor = staff_user(unit, "editor")
    image = image_in(unit.collection, title="Ảnh hội nghị")
    image.get_rendition("fill-20x20")
    document_in(unit.collection, title="Kế hoạch PBGDPL 2026")
    article(unit, title="Tin sao lưu và khôi phục", image=image)
    council_activity(unit, "Họp Hội đồng phối hợp quý I", datetime.date(2026, 3, 1))
    reporter_activity(person(unit, full_name="Trần Thị Bình"))
    AuthEvent.objects.create(action=AuthAction.LOGIN, actor=editor, target=editor, username=editor.username)
    SessionStore().create()

    pdf = Path(workdir) / "nghi-dinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% Nghi dinh 43/2025\n")
    record = legal_record(attachments=[pdf.name], source_url=None)
    source = Path(workdir) / "van-ban.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_legal_docs", str(source), unit=unit.code, verbosity=0)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings.dev")
    django.setup()
    seed(sys.argv[1])
