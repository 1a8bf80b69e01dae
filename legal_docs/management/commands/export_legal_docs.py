import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs.importing import export_records
from multisite.models import Unit


class Command(BaseCommand):
    help = _("Xuất văn bản pháp luật của một đơn vị ra tệp JSON Lines (cùng định dạng với lệnh nhập).")

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help=_("Mã đơn vị"))
        parser.add_argument("--output", help=_("Tệp .jsonl để ghi; mặc định in ra màn hình"))

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": options["unit"]})
        handle = open(options["output"], "w", encoding="utf-8") if options["output"] else None
        out = handle or self.stdout
        count = 0
        try:
            for record in export_records(unit):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if handle:
                handle.close()
        if handle:
            self.stdout.write(
                _("Đã xuất %(n)d văn bản vào %(file)s") % {"n": count, "file": options["output"]}
            )
        else:
            sys.stdout.flush()
