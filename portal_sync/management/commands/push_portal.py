"""Send queued content to the national portal's intake (run it every few minutes)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal_sync.push import deliver


class Command(BaseCommand):
    help = (
        "Gửi nội dung đã đánh dấu lên cổng nhận (SYNC_PUSH_URL), ký HMAC; lượt gửi lỗi được giữ lại và "
        "thử lại với thời gian chờ tăng dần."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Số lượt gửi tối đa mỗi lần chạy")

    def handle(self, *args, limit=500, **options):
        counts = deliver(limit=max(limit, 1))
        if counts.get("not_configured"):
            self.stderr.write(
                _("Chưa cấu hình SYNC_PUSH_URL, SYNC_PUSH_KEY_ID, SYNC_PUSH_SECRET: %(n)d lượt đang chờ.")
                % {"n": counts["not_configured"]}
            )
            return
        self.stdout.write(
            _(
                "Đã gửi %(delivered)d, lỗi %(failed)d, không kết nối được %(unreachable)d, bị từ chối %(refused)d."
            )
            % {
                "delivered": counts["delivered"],
                "failed": counts["failed"],
                "unreachable": counts["unreachable"],
                "refused": counts["refused"],
            }
        )
