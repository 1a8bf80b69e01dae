"""The RSS feed of a Q&A section's published answers (same scope as its listing)."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from .listing import answers_in_scope

FEED_SIZE = 30


class AnswersFeed(Feed):
    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.title

    def link(self):
        return self.page.full_url

    def description(self):
        return _("Câu hỏi pháp luật đã được trả lời")

    def items(self):
        return answers_in_scope(self.page).select_related("field").order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.question_text[:500] if item.question_text else (item.field.name if item.field else "")

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.field.name] if item.field else []
