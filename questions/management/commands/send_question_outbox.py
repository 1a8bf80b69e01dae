"""Send the question e-mails still waiting in the outbox (run every few minutes)."""

from django.core.management.base import BaseCommand

from questions.outbox import send_pending


class Command(BaseCommand):
    help = "Gửi các thư về câu hỏi pháp luật còn chờ trong hộp thư đi."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        if options["verbosity"]:
            self.stdout.write(f"Đã gửi {sent} thư, {failed} thư lỗi (sẽ gửi lại).")
