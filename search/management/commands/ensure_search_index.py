from django.core.management.base import BaseCommand, CommandError

from search.setup import ensure_indexes

ACTIONS = {
    "ok": "đúng cấu hình",
    "created": "đã tạo mới",
    "rebuilt": "sai cấu hình, đã tạo lại và lập chỉ mục lại",
}


class Command(BaseCommand):
    help = (
        "Kiểm tra các chỉ mục của máy tìm kiếm: tạo chỉ mục còn thiếu, tạo lại chỉ mục có "
        "cấu hình sai (mappings) rồi lập chỉ mục lại nội dung của chúng."
    )

    def handle(self, *args, **options):
        try:
            actions = ensure_indexes()
        except Exception as error:
            raise CommandError(f"Không kết nối được máy tìm kiếm: {error}") from error
        if not actions:
            self.stdout.write("Đang dùng tìm kiếm trong cơ sở dữ liệu: không có chỉ mục nào cần kiểm tra.")
        for name, action in sorted(actions.items()):
            self.stdout.write(f"{name}: {ACTIONS[action]}")
