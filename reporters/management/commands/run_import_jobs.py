from django.core.management.base import BaseCommand

from reporters.jobs import run_pending


class Command(BaseCommand):
    help = (
        "Nhập các tệp danh sách báo cáo viên, tuyên truyền viên lớn đang chờ hoặc bị gián đoạn "
        "(chạy mỗi phút bằng bộ lập lịch)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Đã xử lý {run_pending()} lượt nhập.")
