from django.core.management.base import BaseCommand

from library.downloads import flush_all


class Command(BaseCommand):
    help = "Ghi số lượt tải đang chờ trong bộ nhớ đệm vào cơ sở dữ liệu."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã ghi {flush_all()} lượt tải.")
