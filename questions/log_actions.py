"""The log actions of a question's life (Wagtail's log actions: shown in the
question's history and in the site history report)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

RECEIVE = "questions.receive"
ROUTE = "questions.route"
FORWARD = "questions.forward"
SEND_BACK = "questions.send_back"
ASSIGN = "questions.assign"
START_ANSWER = "questions.start_answer"
ANSWER = "questions.answer"
DECLINE = "questions.decline"


def register(actions):
    """Called by the ``register_log_actions`` hook (wagtail_hooks.py)."""

    @actions.register_action(RECEIVE)
    class Receive(LogFormatter):
        label = _("Tiếp nhận câu hỏi")

        def format_message(self, log_entry):
            return _("Tiếp nhận câu hỏi tại %(unit)s") % {"unit": log_entry.data.get("unit", "")}

    @actions.register_action(ROUTE)
    class Route(LogFormatter):
        label = _("Chuyển đơn vị trả lời")

        def format_message(self, log_entry):
            return _("Sở Tư pháp chuyển câu hỏi đến %(to)s") % {"to": log_entry.data.get("to", "")}

    @actions.register_action(FORWARD)
    class Forward(LogFormatter):
        label = _("Chuyển tiếp câu hỏi")

        def format_message(self, log_entry):
            return _("Chuyển tiếp từ %(from)s đến %(to)s. Lý do: %(reason)s") % {
                "from": log_entry.data.get("from", ""),
                "to": log_entry.data.get("to", ""),
                "reason": log_entry.data.get("reason", "") or "–",
            }

    @actions.register_action(SEND_BACK)
    class SendBack(LogFormatter):
        label = _("Trả lại câu hỏi")

        def format_message(self, log_entry):
            return _("%(from)s trả lại câu hỏi cho %(to)s. Lý do: %(reason)s") % {
                "from": log_entry.data.get("from", ""),
                "to": log_entry.data.get("to", ""),
                "reason": log_entry.data.get("reason", "") or "–",
            }

    @actions.register_action(ASSIGN)
    class Assign(LogFormatter):
        label = _("Giao người trả lời")

        def format_message(self, log_entry):
            return _("Giao cho %(assignee)s") % {"assignee": log_entry.data.get("assignee", "") or "–"}

    @actions.register_action(START_ANSWER)
    class StartAnswer(LogFormatter):
        label = _("Bắt đầu soạn trả lời")

        def format_message(self, log_entry):
            return _("Tạo bản nháp trả lời “%(title)s”") % {"title": log_entry.data.get("title", "")}

    @actions.register_action(ANSWER)
    class Answer(LogFormatter):
        label = _("Đã trả lời")

        def format_message(self, log_entry):
            return _("Đăng bài trả lời “%(title)s”") % {"title": log_entry.data.get("title", "")}

    @actions.register_action(DECLINE)
    class Decline(LogFormatter):
        label = _("Từ chối trả lời")

        def format_message(self, log_entry):
            return _("Từ chối trả lời. Lý do: %(reason)s") % {"reason": log_entry.data.get("reason", "")}
