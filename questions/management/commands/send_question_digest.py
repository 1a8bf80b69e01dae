"""Daily: each unit's staff receive the list of their overdue questions (via the outbox)."""

from itertools import groupby

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url

from multisite.models import UnitRole
from questions.models import Question
from questions.outbox import queue_mail


class Command(BaseCommand):
    help = "Gửi thư tổng hợp câu hỏi quá hạn cho quản trị và kiểm duyệt viên của từng đơn vị."

    def handle(self, *args, **options):
        today = timezone.localdate()
        overdue = Question.objects.overdue(today).select_related("unit").order_by("unit_id", "deadline")
        inbox_url = (get_admin_base_url() or "") + "/admin/snippets/questions/question/?overdue=true"
        recipients = {}
        for unit_id, email in (
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__unit_role__role__in=[UnitRole.ADMIN, UnitRole.MODERATOR],
            )
            .exclude(email="")
            .values_list("groups__unit_role__unit_id", "email")
            .distinct()
        ):
            recipients.setdefault(unit_id, set()).add(email)
        mails = 0
        for unit_id, questions in groupby(overdue, key=lambda q: q.unit_id):
            questions = list(questions)
            unit = questions[0].unit
            body = render_to_string(
                "questions/email/digest.txt", {"unit": unit, "questions": questions, "inbox_url": inbox_url}
            )
            subject = _("%(unit)s: %(count)d câu hỏi quá hạn trả lời") % {
                "unit": unit.name,
                "count": len(questions),
            }
            for email in sorted(recipients.get(unit_id, ())):
                queue_mail(email, subject, body)
                mails += 1
        if options["verbosity"]:
            self.stdout.write(f"Đã xếp {mails} thư tổng hợp vào hộp thư đi.")
