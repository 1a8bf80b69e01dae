"""Publishing an answer page marks its question answered and tells the citizen."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import QuestionAnswerPage


@receiver(page_published, sender=QuestionAnswerPage)
def on_answer_published(sender, instance, revision=None, **kwargs):
    if instance.question_id:
        from .services import mark_answered

        mark_answered(instance, user=getattr(revision, "user", None))
