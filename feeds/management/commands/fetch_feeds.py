from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from feeds.fetching import fetch
from feeds.models import FeedSource


class Command(BaseCommand):
    help = _(
        "Lấy tin từ các nguồn tin ngoài (RSS, Atom, JSON Feed) của mọi đơn vị; nguồn lỗi giữ tin cũ và được "
        "đánh dấu trong trang quản trị. Chạy định kỳ (ví dụ 30 phút một lần)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", help=_("Chỉ lấy nguồn của đơn vị có mã này"))

    def handle(self, *args, **options):
        sources = FeedSource.objects.filter(active=True).select_related("unit").order_by("pk")
        if options["unit"]:
            sources = sources.filter(unit__code=options["unit"])
        counts = {"updated": 0, "unchanged": 0, "failed": 0}
        for source in sources:
            outcome = fetch(source)
            counts[outcome] += 1
            if outcome == "failed":
                self.stderr.write(f"{source.unit.code} · {source.title}: {source.last_error}")
        self.stdout.write(
            _("Đã cập nhật %(updated)d nguồn, không đổi %(unchanged)d, lỗi %(failed)d.") % counts
        )
