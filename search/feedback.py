"""What the portal learns from its searches: queries that found nothing and
results that were opened, for the editors' report (search.admin_views).

Nothing is written on an ordinary search: a row of QueryFeedback is touched
only when a search finds nothing, and when a visitor opens a result (the
result links carry ``ping``, so the browser tells us with a small POST while
it follows the link, without JavaScript and without a redirect).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from core.forms_protection import hit_rate_limit

from . import statistics
from .models import QueryFeedback

OPEN_RATE_LIMIT = 120  # result opens counted per visitor and hour
REPORT_DAYS = 30
MAX_QUERY_LENGTH = 200


def _add(query, **counts):
    today = timezone.localdate()
    changes = {name: F(name) + value for name, value in counts.items()}
    if QueryFeedback.objects.filter(query=query, date=today).update(**changes):
        return
    try:
        with transaction.atomic():
            QueryFeedback.objects.create(query=query, date=today, **counts)
    except IntegrityError:  # created meanwhile by another request
        QueryFeedback.objects.filter(query=query, date=today).update(**changes)


def record_outcome(query_string, count):
    """Remember a search that found nothing (nothing is written otherwise)."""
    if count == 0 and normalise_query_string(query_string):
        _add(Query.get(query_string), zero_results=1)


def open_ping_url(query_string):
    from urllib.parse import urlencode

    return reverse("search_open") + "?" + urlencode({"q": query_string})


@csrf_exempt  # a browser's ping carries no token; it can only add one to a counter
@require_POST
def record_open(request):
    """A visitor opened a result of the query ``q`` (hyperlink auditing ping)."""
    query_string = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if query_string and not hit_rate_limit(request, "search-open", limit=OPEN_RATE_LIMIT, window=3600):
        normalised = normalise_query_string(query_string)
        if any(pending == normalised for pending, _day in statistics.pending()):
            statistics.flush()  # searched a moment ago, counted in this process's batch
        query = Query.objects.filter(query_string=normalised).first()
        if query is not None:  # only queries that were searched
            _add(query, opens=1)
    return HttpResponse(status=204)


def report_rows(days=REPORT_DAYS, kind="all"):
    """Queries of the last ``days`` days that found nothing or whose results
    nobody opened: [{query, searches, zero_results, opens}], most searched first.

    ``kind``: "zero" (found nothing), "unopened" (found something, never opened) or "all".
    """
    statistics.flush()  # this process's searches of the last seconds count too
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    searches = dict(
        QueryDailyHits.objects.filter(date__gte=since)
        .values("query")
        .annotate(total=Sum("hits"))
        .values_list("query", "total")
    )
    feedback = {
        row["query"]: row
        for row in QueryFeedback.objects.filter(date__gte=since)
        .values("query")
        .annotate(zero=Sum("zero_results"), opened=Sum("opens"))
    }
    rows = []
    queries = Query.objects.in_bulk(list(searches))
    for pk, total in searches.items():
        row = feedback.get(pk, {})
        zero, opened = row.get("zero") or 0, row.get("opened") or 0
        if opened:
            continue
        is_zero = zero > 0
        if (kind == "zero" and not is_zero) or (kind == "unopened" and is_zero):
            continue
        rows.append({"query": queries[pk], "searches": total, "zero_results": zero, "opens": opened})
    rows.sort(key=lambda row: (-row["searches"], row["query"].query_string))
    return rows
