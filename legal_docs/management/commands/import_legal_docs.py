import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs.importing import ImportProblem, Status, import_file
from multisite.models import Unit


class Command(BaseCommand):
    help = _(
        "Nhập văn bản pháp luật từ tệp JSON Lines (mỗi dòng một văn bản, theo "
        "legal_docs/schema/legal_document.schema.json) vào chuyên mục văn bản của một đơn vị."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Tệp .jsonl"))
        parser.add_argument("--unit", required=True, help=_("Mã đơn vị"))
        parser.add_argument("--draft", action="store_true", help=_("Lưu bản nháp, không xuất bản"))

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": options["unit"]})
        counts = dict.fromkeys((Status.CREATED, Status.UPDATED, Status.UNCHANGED, Status.INVALID), 0)
        started = time.monotonic()
        try:
            for result in import_file(options["file"], unit, publish=not options["draft"]):
                counts[result.status] += 1
                if result.status == Status.INVALID:
                    self.stderr.write(result.message)
        except FileNotFoundError as error:
            raise CommandError(_("Không mở được tệp “%(file)s”.") % {"file": options["file"]}) from error
        except UnicodeDecodeError as error:
            raise CommandError(_("Tệp “%(file)s” không phải UTF-8.") % {"file": options["file"]}) from error
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        summary = _("Đã nhập %(created)d, cập nhật %(updated)d, không đổi %(unchanged)d, lỗi %(invalid)d") % {
            "created": counts[Status.CREATED],
            "updated": counts[Status.UPDATED],
            "unchanged": counts[Status.UNCHANGED],
            "invalid": counts[Status.INVALID],
        }
        self.stdout.write(f"{summary} ({time.monotonic() - started:.1f} s)")
        if counts[Status.INVALID]:
            raise CommandError(
                _("Có %(n)d dòng không hợp lệ (xem các dòng báo lỗi ở trên).")
                % {"n": counts[Status.INVALID]},
                returncode=1,
            )
