"""Lists ordered by the date they show (issue 15): an article back-dated to last
month is listed after one dated today, whenever each was first published."""

from django.apps import apps
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from wagtail.models import Page

from core.registries import section_child_types

SHOWN_DATE = "shown_date"


def dated_models():
    """Page types listed under sections that carry the date a list shows
    (articles and the types features add under sections), direct children
    of Wagtail's Page so that a page's row joins them by its id."""
    found = []
    for label in ["home.ArticlePage", *section_child_types]:
        model = apps.get_model(label)
        try:
            field = model._meta.get_field("date")
        except LookupError:
            continue
        if isinstance(field, models.DateField) and list(model._meta.parents) == [Page]:
            found.append(model)
    return found


def shown_date():
    """The date a list shows for a page: its own ``date`` when its type has one,
    else the day it was first published."""
    dates = [F(f"{model._meta.parents[Page].related_query_name()}__date") for model in dated_models()]
    return Coalesce(*dates, TruncDate("first_published_at"), output_field=models.DateField())


def by_shown_date(pages):
    """``pages`` (a queryset of Page) newest shown date first."""
    return pages.alias(**{SHOWN_DATE: shown_date()}).order_by(f"-{SHOWN_DATE}", "-first_published_at", "-pk")
