from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: một tỉnh với các sở, xã, một huyện cũ, tin bài và tài khoản."

    def handle(self, *args, **options):
        demo.seed(write=self.stdout.write)
