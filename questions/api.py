"""JSON API under /api/v1/ for apps and the provincial main portal.

``POST /api/v1/questions/`` takes the form's fields (JSON or multipart) with the
same validation and protection as the form, and answers 201 with the tracking
code or 400 with ``{"errors": {field: [messages]}}`` (429 when rate limited).
``GET /api/v1/questions/status/?code=…&contact=…`` tells where a question is.
``GET /api/v1/questions/similar/?q=…`` suggests published answers (the form's
suggestions while typing). CSRF does not apply to the POST: it carries no
cookie-based authority, and is protected like the form otherwise.
"""

import json
import logging

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.search.backends import get_search_backend

from core.forms_protection import hit_rate_limit
from multisite.models import Unit

from . import services
from .forms import QuestionForm
from .models import QuestionAnswerPage, QuestionStatus
from .views import STATUS_LOOKUP_LIMIT, find_question

logger = logging.getLogger(__name__)
RATE_LIMIT_CODES = {"rate_limited", "contact_rate_limited"}
SIMILAR_LIMIT = 5
SIMILAR_WORDS = 24


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(errors, status=400):
    return _json({"errors": errors}, status=status)


@csrf_exempt
@require_POST
def submit_question(request):
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            return _errors({"__all__": [_("Dữ liệu gửi lên không phải JSON hợp lệ.")]})
        if not isinstance(data, dict):
            return _errors({"__all__": [_("Dữ liệu gửi lên phải là một đối tượng JSON.")]})
        data = {key: value for key, value in data.items() if isinstance(value, str | bool | int)}
        if "consent_to_publish" in data and data["consent_to_publish"] in (False, "false", 0, "0"):
            data.pop("consent_to_publish")
        if "field" in data:
            data["field"] = _field_pk(data["field"])
        files = None
    else:
        data, files = request.POST.copy(), request.FILES
        if "field" in data:
            data["field"] = _field_pk(data["field"])
    unit_code = str(data.get("unit") or "")
    asked_at = Unit.objects.filter(code=unit_code).first() if unit_code else services.province_unit()
    if asked_at is None:
        return _errors({"unit": [_("Không có đơn vị với mã “%(code)s”.") % {"code": unit_code}]})
    form = QuestionForm(data, files, request=request)
    if not form.is_valid():
        codes = {error.code for error in form.non_field_errors().as_data()}
        return _errors(form.errors, status=429 if codes & RATE_LIMIT_CODES else 400)
    question = services.submit(form.cleaned_data, asked_at, attachment=form.cleaned_data.get("attachment"))
    return _json(
        {
            "tracking_code": question.tracking_code,
            "status": question.status,
            "status_url": services.status_url(question),
        },
        status=201,
    )


def _field_pk(value):
    """The form takes a field's id; the API also accepts its slug."""
    from core.models import LegalField

    value = str(value)
    if value.isdigit():
        return value
    pk = LegalField.objects.filter(slug=value).values_list("pk", flat=True).first()
    return str(pk) if pk else value


@require_GET
def question_status(request):
    code = request.GET.get("code", "").strip().upper()
    contact = request.GET.get("contact", "").strip()
    errors = {}
    if not code:
        errors["code"] = [_("Vui lòng nhập mã tra cứu.")]
    if not contact:
        errors["contact"] = [_("Vui lòng nhập thư điện tử hoặc số điện thoại.")]
    if errors:
        return _errors(errors)
    if hit_rate_limit(request, "questions-status", STATUS_LOOKUP_LIMIT):
        return _errors(
            {"__all__": [_("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")]}, status=429
        )
    question = find_question(code, contact)
    if question is None:
        return _errors(
            {"__all__": [_("Không tìm thấy câu hỏi với mã tra cứu và thông tin liên hệ này.")]}, status=404
        )
    page = question.answer_page if question.status == QuestionStatus.ANSWERED else None
    return _json(
        {
            "tracking_code": question.tracking_code,
            "status": question.status,
            "status_label": question.get_status_display(),
            "created_at": question.created_at.isoformat(),
            "deadline": question.deadline.isoformat(),
            "unit": question.unit.name if question.status != QuestionStatus.RECEIVED else None,
            "answer_url": page.get_full_url(request) if page else None,
            "decline_reason": question.decline_reason if question.status == QuestionStatus.DECLINED else None,
        }
    )


def similar_answers(query, limit=SIMILAR_LIMIT):
    """Published answers matching any of the first words of ``query`` (best first);
    the database fallback answers when the search engine is down."""
    from search.service import fallback_backend

    words = [word for word in query.split() if len(word) > 1][:SIMILAR_WORDS]
    if not words:
        return []
    queryset = QuestionAnswerPage.objects.live().public().select_related("field")
    text = " ".join(words)
    try:
        return list(get_search_backend().search(text, queryset, operator="or")[:limit])
    except Exception as error:  # noqa: BLE001 - the engine is down: answer from the database
        logger.warning("Similar answers from the fallback search: %s", error)
        return list(fallback_backend().search(text, queryset, operator="or")[:limit])


@require_GET
def similar(request):
    query = " ".join(request.GET.get("q", "").split())[:300]
    results = [
        {
            "title": page.title,
            "url": page.get_full_url(request),
            "field": page.field.name if page.field_id else None,
        }
        for page in similar_answers(query)
    ]
    return _json({"query": query, "results": results})
