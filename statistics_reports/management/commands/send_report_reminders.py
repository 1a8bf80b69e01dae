"""Daily: e-mail units whose statistics report is due soon or overdue."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statistics_reports.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn báo cáo thống kê (chạy hằng ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"Ngày “{date}” không hợp lệ; dùng dạng YYYY-MM-DD.") from None
        base_url = f"https://{settings.PORTAL_BASE_DOMAIN}"
        sent = send_reminders(today, base_url=base_url)
        self.stdout.write(f"Đã gửi {sent} thư nhắc hạn báo cáo.")
