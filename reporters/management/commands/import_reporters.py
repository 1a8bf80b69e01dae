from django.core.management.base import BaseCommand, CommandError

from multisite.models import Unit
from reporters.importer import ImportFileError, import_people
from reporters.views import import_summary


class Command(BaseCommand):
    help = "Nhập danh sách báo cáo viên, tuyên truyền viên của một đơn vị từ tệp Excel (.xlsx) theo mẫu."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp .xlsx")
        parser.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ xa-an-dien")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"].strip().lower()).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{options['unit']}”.")
        try:
            with open(options["file"], "rb") as source:
                result = import_people(source, unit)
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp “{options['file']}”.") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for number, reasons in result.errors:
            self.stderr.write(f"Dòng {number}: " + " ".join(reasons))
        self.stdout.write(f"{unit.name}: {import_summary(result)}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} dòng lỗi không được nhập.", returncode=2)
