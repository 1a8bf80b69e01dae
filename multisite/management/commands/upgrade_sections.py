from django.core.management.base import BaseCommand

from multisite.upgrade import upgrade_sections


class Command(BaseCommand):
    help = (
        "Cập nhật các chuyên mục bắt buộc của đơn vị đã tạo trước đây sang kiểu trang mới "
        "(ví dụ “Văn bản pháp luật mới”); chạy lại không thay đổi gì."
    )

    def handle(self, *args, **options):
        changed = upgrade_sections()
        for row in changed:
            self.stdout.write(f"{row.unit.code}: {row.key}")
        self.stdout.write(f"Đã cập nhật {len(changed)} chuyên mục.")
