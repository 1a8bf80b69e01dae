from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp media vào một tệp .tar.gz (kèm mã kiểm tra và phiên bản lược đồ)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Đường dẫn tệp sao lưu (mặc định: backups/pbgdpl-<thời điểm>.tar.gz)",
        )

    def handle(self, *args, **options):
        output = options["output"] or f"backups/pbgdpl-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(f"Đã sao lưu vào {Path(output).resolve()} (cơ sở dữ liệu và {media} tệp media).")
