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


def allowed_actions(user, question, province_id=None):
    """The actions ``user`` may take on ``question`` now (a subset of ACTIONS)."""
    if not question.is_open or not policy.user_has_permission_for_instance(user, "change", question):
        return []
    if province_id is None:
        province = province_unit()
        province_id = province.pk if province else None
    at_intake = question.unit_id == province_id
    actions = [ROUTE] if at_intake else [FORWARD, SEND_BACK]
    actions += [ASSIGN, DECLINE]
    section = qa_section(question.unit_id)
    if section is not None and section.permissions_for_user(user).can_add_subpage():
        actions.append(ANSWER)
    return actions
