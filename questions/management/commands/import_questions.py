"""``manage.py import_questions FILE.jsonl``: the Ministry's shared Q&A (see questions/importer.py)."""

from django.core.management.base import BaseCommand, CommandError

from multisite.models import Unit
from questions.importer import ImportRefused, import_file
from questions.services import province_unit, qa_section


class Command(BaseCommand):
    help = "Nhập hỏi đáp dùng chung của Bộ Tư pháp từ tệp JSON Lines (theo questions/schema/shared_qa.schema.json)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Tệp .jsonl, mỗi dòng một câu hỏi – trả lời")
        parser.add_argument("--unit", help="Mã đơn vị nhận (mặc định: cổng tỉnh)")

    def handle(self, *args, path, unit=None, **options):
        target = Unit.objects.filter(code=unit).first() if unit else province_unit()
        if target is None:
            raise CommandError(f"Không có đơn vị “{unit}”." if unit else "Chưa có đơn vị cấp tỉnh.")
        section = qa_section(target.pk)
        if section is None:
            raise CommandError(f"Đơn vị “{target.code}” chưa có chuyên mục hỏi đáp.")
        try:
            created, skipped = import_file(path, section)
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp “{path}”.") from None
        except ImportRefused as refused:
            lines = "\n".join(f"  dòng {number}: {message}" for number, message in refused.errors)
            raise CommandError(f"Không nhập gì: tệp có {len(refused.errors)} lỗi.\n{lines}") from None
        self.stdout.write(f"Đã nhập {created} câu hỏi – trả lời, bỏ qua {skipped} câu đã có.")
