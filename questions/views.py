"""Public views of the Q&A section: ask, see the tracking code, look up a status."""

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.forms_protection import hit_rate_limit
from multisite.models import Unit

from . import services
from .forms import AnswerFilterForm, QuestionForm, StatusForm
from .listing import answers_in_scope, filter_answers, scope_units, years_of
from .models import DialoguePage, Question, QuestionAnswerPage, QuestionStatus

PAGE_SIZE = 20
SESSION_KEY = "questions:sent"
STATUS_LOOKUP_LIMIT = 30


def page_unit(page):
    info = page.unit_info
    return Unit.objects.get(pk=info["id"]) if info else services.province_unit()


def index_view(page, request):
    """The form (GET shows it, POST stores the question) and the published answers."""
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES, request=request)
        if form.is_valid():
            question = services.submit(
                form.cleaned_data, page_unit(page), attachment=form.cleaned_data.get("attachment")
            )
            request.session[SESSION_KEY] = question.tracking_code
            return redirect(page.get_url(request) + page.reverse_subpage("sent"))
        status = 400
    else:
        form = QuestionForm(request=request)
        status = 200
    response = page.render(request, context_overrides=answers_context(page, request, form))
    response.status_code = status
    return response


def answers_context(page, request, form):
    include_shared = request.GET.get("nguon") == "bo-tu-phap"
    answers = answers_in_scope(page, include_shared=include_shared)
    units = scope_units(page)
    filters = AnswerFilterForm(request.GET or None, units=units, years=years_of(answers))
    if filters.is_valid():
        answers = filter_answers(answers, filters.cleaned_data)
    elif filters.is_bound:
        answers = answers.none()
    answers = answers.select_related("field").order_by("-date", "-pk")
    dialogues = DialoguePage.objects.child_of(page).live().public().order_by("-opens_on")
    # Articles the section held before it became a Q&A page stay listed.
    articles = (
        page.get_children()
        .live()
        .public()
        .not_type(QuestionAnswerPage, DialoguePage)
        .order_by("-first_published_at", "-pk")[:PAGE_SIZE]
    )
    return {
        "form": form,
        "filters": filters,
        "answers": Paginator(answers, PAGE_SIZE).get_page(request.GET.get("trang")),
        "show_unit": len(units) > 1,
        "include_shared": include_shared,
        "dialogues": dialogues,
        "articles": articles,
        "status_url": page.get_url(request) + page.reverse_subpage("status"),
        "feed_url": page.get_url(request) + page.reverse_subpage("feed"),
    }


def sent_view(page, request):
    code = request.session.get(SESSION_KEY)
    if not code:
        return redirect(page.get_url(request))
    return page.render(
        request,
        template="questions/question_sent.html",
        context_overrides={
            "tracking_code": code,
            "status_url": page.get_url(request) + page.reverse_subpage("status"),
        },
    )


def find_question(code, contact):
    """The question with tracking ``code`` if ``contact`` is its asker's, else None."""
    question = Question.objects.select_related("unit", "answer_page").filter(tracking_code=code).first()
    return question if question is not None and question.contact_matches(contact) else None


def status_view(page, request):
    """The public status page: the code and the asker's contact show where the question is."""
    form = StatusForm(request.GET or None)
    question = None
    not_found = False
    if form.is_valid():
        if hit_rate_limit(request, "questions-status", STATUS_LOOKUP_LIMIT):
            form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút."))
        else:
            question = find_question(form.cleaned_data["ma"], form.cleaned_data["lien_he"])
            not_found = question is None
    response = page.render(
        request,
        template="questions/question_status.html",
        context_overrides={
            "form": form,
            "question": question,
            "not_found": not_found,
            "statuses": QuestionStatus,
        },
    )
    if not_found:
        response.status_code = 404
    return response
