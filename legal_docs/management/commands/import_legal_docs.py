import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs.importing import ImportProblem, Status, import_file
from multisite.models import Unit, UnitKind


class Command(BaseCommand):
    help = _(
        "Nhập văn bản pháp luật từ tệp JSON Lines (mỗi dòng một văn bản, theo "
        "legal_docs/schema/legal_document.schema.json). Văn bản trung ương và cấp tỉnh vào kho dùng chung "
        "của tỉnh, văn bản cấp huyện, cấp xã vào chuyên mục của đơn vị (--unit); số, ký hiệu đã có thì "
        "cập nhật văn bản đó, không tạo bản sao."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Tệp .jsonl"))
        parser.add_argument(
            "--unit",
            help=_("Mã đơn vị sở hữu văn bản mới cấp huyện, cấp xã (mặc định: đơn vị cấp tỉnh)"),
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_on_unit",
            help=_("Niêm yết mọi văn bản đã nhập (không thuộc đơn vị) tại chuyên mục của đơn vị --unit"),
        )
        parser.add_argument("--draft", action="store_true", help=_("Lưu bản nháp, không xuất bản"))

    def handle(self, *args, **options):
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
        else:
            unit = Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
        if unit is None:
            raise CommandError(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": options["unit"] or ""})
        counts = dict.fromkeys((Status.CREATED, Status.UPDATED, Status.UNCHANGED, Status.INVALID), 0)
        started = time.monotonic()
        try:
            for result in import_file(
                options["file"], unit, publish=not options["draft"], list_on_unit=options["list_on_unit"]
            ):
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
