"""Citizens' questions and their answers, and policy–law dialogues."""

from .dialogues import CommentStatus, DialogueComment
from .pages import (
    AnswerSource,
    DialogueAttachment,
    DialoguePage,
    DialoguePart,
    QuestionAnswerPage,
    QuestionIndexPage,
)
from .questions import (
    OPEN_STATUSES,
    OutboxEmail,
    OutboxStatus,
    Question,
    QuestionStatus,
    RoutingRule,
)

__all__ = [
    "OPEN_STATUSES",
    "AnswerSource",
    "CommentStatus",
    "DialogueAttachment",
    "DialogueComment",
    "DialoguePage",
    "DialoguePart",
    "OutboxEmail",
    "OutboxStatus",
    "Question",
    "QuestionAnswerPage",
    "QuestionIndexPage",
    "QuestionStatus",
    "RoutingRule",
]
