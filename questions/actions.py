"""What a staff member may do with a question, answered the same way for the
admin's buttons and its views."""

from multisite.viewsets import UnitOwnedPermissionPolicy

from .models import Question
from .services import province_unit, qa_section

policy = UnitOwnedPermissionPolicy(Question)

ROUTE, FORWARD, SEND_BACK, ASSIGN, DECLINE, ANSWER = (
    "route",
    "forward",
    "send-back",
    "assign",
    "decline",
    "answer",
)
ACTIONS = (ROUTE, FORWARD, SEND_BACK, ASSIGN, DECLINE, ANSWER)


class ActionContext:
    """What the answers depend on, looked up once per unit (a listing asks for
    every row: without it each row would cost several queries)."""

    def __init__(self, user):
        self.user = user
        province = province_unit()
        self.province_id = province.pk if province else None
        self.can_change = policy.user_has_permission(user, "change")
        self._can_answer = {}

    def can_answer(self, unit_id):
        if unit_id not in self._can_answer:
            section = qa_section(unit_id)
            self._can_answer[unit_id] = (
                section is not None and section.permissions_for_user(self.user).can_add_subpage()
            )
        return self._can_answer[unit_id]


def allowed_actions(user, question, context=None):
    """The actions ``user`` may take on ``question`` now (a subset of ACTIONS)."""
    context = context or ActionContext(user)
    if not question.is_open or not context.can_change:
        return []
    if not policy.user_has_permission_for_instance(user, "change", question):
        return []
    actions = [ROUTE] if question.unit_id == context.province_id else [FORWARD, SEND_BACK]
    actions += [ASSIGN, DECLINE]
    if context.can_answer(question.unit_id):
        actions.append(ANSWER)
    return actions
