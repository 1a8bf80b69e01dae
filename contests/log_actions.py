"""Log actions of the contests (Wagtail's log actions: the contest page's history and the site history)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

APPROVE_WINNERS = "contests.approve_winners"


def register(actions):
    """Called by the ``register_log_actions`` hook (wagtail_hooks.py)."""

    @actions.register_action(APPROVE_WINNERS)
    class ApproveWinners(LogFormatter):
        label = _("Phê duyệt danh sách đạt giải")

        def format_message(self, log_entry):
            return _("Phê duyệt và công bố %(count)s người đạt giải của %(round)s") % {
                "count": log_entry.data.get("count", 0),
                "round": log_entry.data.get("round", ""),
            }
