from django.core.management.base import BaseCommand

from multisite.upgrade import upgrade_sections


class Command(BaseCommand):
    help = (
        "Bổ sung chuyên mục bắt buộc còn thiếu cho các đơn vị đã tạo trước đây và cập nhật sang kiểu trang mới "
        "(ví dụ “Văn bản pháp luật mới”); chạy lại không thay đổi gì."
    )

    def handle(self, *args, **options):
        changed = upgrade_sections()
        for row in changed:
            self.stdout.write(f"{row.unit.code}: {row.key}")
        self.stdout.write(f"Đã cập nhật {len(changed)} chuyên mục.")
