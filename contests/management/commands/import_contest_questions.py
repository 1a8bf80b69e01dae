"""``manage.py import_contest_questions FILE.xlsx --round ID``: a round's question bank (see contests/importer.py)."""

from django.core.management.base import BaseCommand, CommandError

from contests.importer import ImportRefused, format_errors, import_questions
from contests.models import ContestRound


class Command(BaseCommand):
    help = "Nhập ngân hàng câu hỏi của một đợt thi từ tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Tệp .xlsx: Câu hỏi, Phương án A–D, Đáp án đúng, Lĩnh vực, Giải thích"
        )
        parser.add_argument("--round", dest="round_id", type=int, required=True, help="Mã (id) của đợt thi")

    def handle(self, *args, path, round_id, **options):
        contest_round = ContestRound.objects.select_related("page").filter(pk=round_id).first()
        if contest_round is None:
            raise CommandError(f"Không có đợt thi với mã {round_id}.")
        try:
            with open(path, "rb") as source:
                count = import_questions(source, contest_round)
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp “{path}”.") from None
        except ImportRefused as refused:
            lines = "\n".join(f"  {line}" for line in format_errors(refused.errors))
            raise CommandError(f"Không nhập gì: tệp có {len(refused.errors)} lỗi.\n{lines}") from None
        self.stdout.write(f"Đã nhập {count} câu hỏi vào “{contest_round}”.")
