from django.core.management.base import BaseCommand, CommandError

from accounts.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục cổng từ một bản sao lưu: thay toàn bộ dữ liệu và tệp media, rồi dựng lại chỉ mục tìm kiếm."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo ra")
        parser.add_argument("--no-index", action="store_true", help="Không dựng lại chỉ mục tìm kiếm")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(options["archive"], rebuild_index=not options["no_index"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã khôi phục bản sao lưu tạo lúc {manifest['created']}.")
