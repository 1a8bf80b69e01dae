"""Pull new and changed content from a portal that speaks the data standard."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from multisite.models import Unit, UnitKind
from portal_sync import engine, pull
from publicapi.changes import decode_cursor


class Command(BaseCommand):
    help = (
        "Đồng bộ từ một cổng theo chuẩn dữ liệu (ví dụ Cổng PBGDPL quốc gia): lấy nội dung mới và đã "
        "thay đổi kể từ lần trước, tiếp tục được khi bị ngắt; bản đã biên tập tại chỗ không bị ghi đè."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="Địa chỉ cổng nguồn, ví dụ https://pbgdpl.gov.vn")
        parser.add_argument("--since", help="Lấy thay đổi từ ngày này (YYYY-MM-DD), bỏ qua vị trí đã lưu")
        parser.add_argument(
            "--resource", action="append", help="Tập dữ liệu cần đồng bộ (lặp lại được); mặc định tất cả"
        )
        parser.add_argument("--unit", help="Mã đơn vị nhận (mặc định đơn vị cấp tỉnh)")

    def handle(self, *args, source, since=None, resource=None, unit=None, **options):
        if since:
            try:
                decode_cursor(since)
            except ValueError as error:
                raise CommandError(_("--since không hợp lệ: %(reason)s") % {"reason": error}) from None
        receiving = (
            Unit.objects.filter(code=unit).first()
            if unit
            else Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
        )
        if receiving is None:
            raise CommandError(_("Không có đơn vị nhận “%(code)s”.") % {"code": unit or UnitKind.PROVINCE})
        try:
            keys = pull.resources(resource)
            total = engine.Report()
            for key in keys:
                report = pull.pull(source, receiving, key, since=since)
                total.add(report)
                self.stdout.write(self._summary(key, report))
                for problem in report.problems:
                    self.stderr.write(f"  {problem}")
        except engine.SyncProblem as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self._summary(_("Tổng"), total))

    def _summary(self, key, report):
        counts = report.counts
        return _(
            "%(key)s: %(created)d mới, %(updated)d cập nhật, %(unchanged)d không đổi, "
            "%(conflict)d xung đột cần biên tập viên xử lý, %(invalid)d bị từ chối"
        ) % {
            "key": key,
            "created": counts["created"],
            "updated": counts["updated"],
            "unchanged": counts["unchanged"],
            "conflict": counts["conflict"],
            "invalid": counts["invalid"],
        }
