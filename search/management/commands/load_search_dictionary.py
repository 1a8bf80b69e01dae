from django.core.management.base import BaseCommand

from core.models import LegalField
from search.dictionary import DATA_FILE, load_data_file
from search.models import DictionaryEntry


class Command(BaseCommand):
    help = "Thêm các từ ngữ thông dụng của từ điển tìm kiếm kèm theo mã nguồn (bỏ qua từ đã có)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DATA_FILE), help="Tệp CSV: term,equivalents,direction,field"
        )

    def handle(self, *args, **options):
        added = load_data_file(DictionaryEntry, LegalField, options["file"])
        self.stdout.write(f"Đã thêm {added} từ ngữ vào từ điển tìm kiếm.")
