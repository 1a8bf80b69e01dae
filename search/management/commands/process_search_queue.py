"""Apply index changes that failed while the search engine was unavailable."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from search.models import IndexQueueEntry
from search.queue import process_queue


class Command(BaseCommand):
    help = _("Cập nhật vào chỉ mục tìm kiếm các thay đổi đã xếp hàng khi máy tìm kiếm không hoạt động.")

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help=_("Tên bộ máy tìm kiếm trong cấu hình."))
        parser.add_argument(
            "--limit", type=int, default=None, help=_("Số thay đổi tối đa trong một lần chạy.")
        )

    def handle(self, *args, backend, limit, **options):
        pending = IndexQueueEntry.objects.filter(backend_name=backend).count()
        if not pending:
            self.stdout.write(_("Không có thay đổi nào chờ cập nhật."))
            return
        engine = get_search_backend(backend)
        applied, failed = process_queue(engine, backend, limit)
        self.stdout.write(
            _("Đã cập nhật %(applied)d, còn lỗi %(failed)d.") % {"applied": applied, "failed": failed}
        )
        if failed:
            raise CommandError(
                _("Máy tìm kiếm vẫn chưa sẵn sàng; các thay đổi còn lại sẽ được thử lại lần sau.")
            )
