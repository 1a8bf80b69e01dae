"""Public views: the survey section, answering a survey (on its own unit's site
or, province-wide, on any unit's), e-mail verification, and published results."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from multisite.models import Unit, UnitKind

from . import services
from .forms import CodeStepForm, EmailStepForm, SurveyForm
from .models import ContactMode, OnePerPerson, SurveyPage
from .statistics import breakdown_choices, survey_stats

SENT_KEY = "surveys:sent"
EMAIL_KEY = "surveys:email:{}"
PENDING_KEY = "surveys:pending:{}"
COOKIE_MAX_AGE = 400 * 24 * 3600


def page_unit(page):
    info = page.unit_info
    if info:
        return Unit.objects.get(pk=info["id"])
    return Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()


def surveys_of(index_page):
    return SurveyPage.objects.child_of(index_page).live().public().order_by("-opens_on", "-pk")


def province_wide_surveys(index_page):
    """Live province-wide surveys of the portal, for another unit's section."""
    root = Page.objects.filter(depth=2, path=index_page.path[: Page.steplen * 2]).first()
    found = SurveyPage.objects.live().public().filter(province_wide=True)
    if root is not None:
        found = found.not_descendant_of(root)
    province = Unit.objects.filter(kind=UnitKind.PROVINCE).select_related("site").first()
    if province is None or province.site_id is None:
        return found.none()
    return found.descendant_of(province.site.root_page).order_by("-opens_on", "-pk")


def index_view(page, request):
    own = list(surveys_of(page))
    shared = list(province_wide_surveys(page))
    base = page.get_url(request)
    shared_links = [(s, base + page.reverse_subpage("shared", args=[s.pk])) for s in shared]
    return page.render(
        request,
        context_overrides={
            "open_surveys": [s for s in own if s.is_open],
            "upcoming_surveys": [s for s in own if s.status_on() == "upcoming"],
            "closed_surveys": [s for s in own if s.is_closed],
            "shared_surveys": [(s, url) for s, url in shared_links if not s.is_closed],
        },
    )


def survey_view(survey, request, step):
    base = survey.get_url(request)
    return _answer(survey, request, page_unit(survey), base, survey, step)


def shared_survey_view(index_page, request, survey_id, step):
    survey = province_wide_surveys(index_page).filter(pk=survey_id).first()
    if survey is None:
        own = surveys_of(index_page).filter(pk=survey_id).first()
        if own is not None:
            return redirect(own.get_url(request))
        raise Http404(_("Không có khảo sát này."))
    base = index_page.get_url(request) + index_page.reverse_subpage("shared", args=[survey.pk])
    return _answer(survey, request, page_unit(index_page), base, index_page, step)


def _render(page, request, survey, context, status=200):
    context = {"survey": survey, "questions": survey.question_list(), **context}
    if page is not survey:
        context["page_title"] = survey.title
    response = page.render(request, template="surveys/survey_page.html", context_overrides=context)
    response.status_code = status
    return response


def closed_message(survey):
    return _("Khảo sát đã kết thúc ngày %(date)s; không nhận thêm ý kiến.") % {
        "date": date_format(survey.closes_on, "d/m/Y")
    }


def _answer(survey, request, unit, base, page, step):
    """The answering flow, wherever the survey is shown (``page`` renders it,
    ``base`` is its URL there, ``unit`` gets the responses)."""
    if step == "sent":
        if request.session.get(SENT_KEY) != survey.pk:
            return redirect(base)
        return page.render(
            request,
            template="surveys/survey_sent.html",
            context_overrides={"survey": survey, "page_title": survey.title},
        )
    status = survey.status_on()
    context = {"base_url": base, "status": status}
    if survey.shows_public_results:
        context["results_url"] = survey.get_url(request) + survey.reverse_subpage("results")
    if status == "upcoming":
        context["refusal"] = _("Khảo sát bắt đầu nhận ý kiến từ ngày %(date)s.") % {
            "date": date_format(survey.opens_on, "d/m/Y")
        }
        return _render(page, request, survey, context, 400 if request.method == "POST" else 200)
    if status == "closed":
        context["refusal"] = closed_message(survey)
        return _render(page, request, survey, context, 400 if request.method == "POST" else 200)

    identity, new_cookie = "", None
    if survey.one_per_person == OnePerPerson.EMAIL:
        identity = request.session.get(EMAIL_KEY.format(survey.pk), "")
        if not identity:
            return _verify_email(survey, request, page, base, context)
        context["verified_email"] = identity
    elif survey.one_per_person == OnePerPerson.BROWSER:
        identity = request.get_signed_cookie(services.BROWSER_COOKIE, default="", salt="surveys")
        if not identity:
            new_cookie = services.new_browser_token()
    if identity and services.has_answered(survey, identity):
        context["already_answered"] = True
        return _render(page, request, survey, context)

    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        verified_email=identity if survey.one_per_person == OnePerPerson.EMAIL else "",
        request=request,
    )
    response_status = 200
    if request.method == "POST":
        if survey.one_per_person == OnePerPerson.BROWSER and not identity:
            form.is_valid()
            form.add_error(
                None, _("Trình duyệt của bạn cần cho phép cookie để trả lời khảo sát này. Vui lòng gửi lại.")
            )
        if form.is_valid():
            try:
                services.submit(
                    survey, unit, form.questions, form.answers(), _contact(survey, form, identity), identity
                )
            except services.AlreadyAnswered:
                context["already_answered"] = True
                return _render(page, request, survey, context, 409)
            request.session[SENT_KEY] = survey.pk
            return redirect(base + "da-gui/")
        response_status = 400
    context["form"] = form
    response = _render(page, request, survey, context, response_status)
    if new_cookie:
        response.set_signed_cookie(
            services.BROWSER_COOKIE,
            new_cookie,
            salt="surveys",
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _contact(survey, form, identity):
    if survey.contact_mode == ContactMode.ANONYMOUS:
        # Anonymous even when the address was verified: only its keyed hash is kept.
        return {}
    data = form.cleaned_data
    email = identity if survey.one_per_person == OnePerPerson.EMAIL else data.get("contact_email", "")
    return {
        "name": data.get("contact_name", ""),
        "email": email or "",
        "phone": data.get("contact_phone", ""),
    }


def _verify_email(survey, request, page, base, context):
    """Two steps before the form: the address, then the code mailed to it."""
    pending_key = PENDING_KEY.format(survey.pk)
    pending = request.session.get(pending_key, "")
    email_form = EmailStepForm(request=request, initial={"email": pending})
    code_form = CodeStepForm()
    status = 200
    if request.method == "POST" and request.POST.get("buoc") == "gui-ma":
        email_form = EmailStepForm(request.POST, request=request)
        if email_form.is_valid():
            email = email_form.cleaned_data["email"].lower()
            if services.has_answered(survey, email):
                email_form.add_error("email", _("Địa chỉ e-mail này đã trả lời khảo sát."))
                status = 409
            else:
                services.send_code(survey, email, request.build_absolute_uri(base))
                request.session[pending_key] = email
                return redirect(base + "?ma=1")
        else:
            status = 400
    elif request.method == "POST" and request.POST.get("buoc") == "xac-minh" and pending:
        code_form = CodeStepForm(request.POST)
        if code_form.is_valid():
            if services.check_code(survey, pending, code_form.cleaned_data["code"]):
                request.session[EMAIL_KEY.format(survey.pk)] = pending
                request.session.pop(pending_key, None)
                return redirect(base)
            code_form.add_error(
                "code", _("Mã xác minh không đúng hoặc đã hết hạn. Vui lòng kiểm tra lại hoặc gửi mã mới.")
            )
        status = 400
    elif request.method == "POST":
        status = 400
        context["verify_first"] = _("Vui lòng xác minh địa chỉ e-mail trước khi trả lời khảo sát.")
    context.update(
        {"email_form": email_form, "code_form": code_form if pending else None, "pending_email": pending}
    )
    return _render(page, request, survey, context, status)


def public_results_view(survey, request):
    """The results, published after closing if the unit chose so."""
    if not survey.shows_public_results:
        raise Http404(_("Kết quả khảo sát chưa được công bố."))
    breakdown = request.GET.get("theo", "")
    stats = survey_stats(survey, breakdown)
    return survey.render(
        request,
        template="surveys/survey_results.html",
        context_overrides={
            "survey": survey,
            "stats": stats,
            "breakdown_choices": breakdown_choices(survey),
            "page_title": survey.title,
        },
    )
