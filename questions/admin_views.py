"""The admin's question actions: route, forward, send back, assign, decline, answer.

Each is refused (403) unless the user may change the question (its unit is
theirs) and the action applies to it now (actions.allowed_actions)."""

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import actions, services
from .admin_forms import AssignForm, ConfirmForm, ForwardForm, ReasonForm, RouteForm
from .models import Question

LIST_URL = "wagtailsnippets_questions_question:list"


class QuestionActionView(WagtailAdminTemplateMixin, FormView):
    model = Question
    action = None
    template_name = "questions/admin/action.html"
    header_icon = "help"
    submit_label = gettext_lazy("Thực hiện")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.question = get_object_or_404(Question.objects.select_related("unit", "field"), pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if self.action not in actions.allowed_actions(request.user, self.question):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.question.tracking_code

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "question": self.question}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(LIST_URL), "label": Question._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": self.question,
            "submit_label": self.submit_label,
            "list_url": reverse(LIST_URL),
        }

    def get_success_url(self):
        return reverse(LIST_URL)


class RouteView(QuestionActionView):
    action = actions.ROUTE
    form_class = RouteForm
    page_title = gettext_lazy("Chuyển đơn vị trả lời")
    submit_label = gettext_lazy("Chuyển")

    def form_valid(self, form):
        services.route(self.question, form.cleaned_data["unit"], self.request.user)
        messages.success(
            self.request, _("Đã chuyển câu hỏi đến %(unit)s.") % {"unit": form.cleaned_data["unit"]}
        )
        return super().form_valid(form)


class ForwardView(QuestionActionView):
    action = actions.FORWARD
    form_class = ForwardForm
    page_title = gettext_lazy("Chuyển tiếp sang đơn vị khác")
    submit_label = gettext_lazy("Chuyển tiếp")

    def form_valid(self, form):
        services.forward(
            self.question, form.cleaned_data["unit"], self.request.user, form.cleaned_data["reason"]
        )
        messages.success(
            self.request, _("Đã chuyển câu hỏi đến %(unit)s.") % {"unit": form.cleaned_data["unit"]}
        )
        return super().form_valid(form)


class SendBackView(QuestionActionView):
    action = actions.SEND_BACK
    form_class = ReasonForm
    page_title = gettext_lazy("Trả lại Sở Tư pháp")
    submit_label = gettext_lazy("Trả lại")

    def form_valid(self, form):
        services.send_back(self.question, self.request.user, form.cleaned_data["reason"])
        messages.success(self.request, _("Đã trả lại câu hỏi."))
        return super().form_valid(form)


class AssignView(QuestionActionView):
    action = actions.ASSIGN
    form_class = AssignForm
    page_title = gettext_lazy("Giao người trả lời")
    submit_label = gettext_lazy("Giao")

    def form_valid(self, form):
        services.assign(self.question, form.cleaned_data["assignee"], self.request.user)
        messages.success(self.request, _("Đã giao câu hỏi."))
        return super().form_valid(form)


class DeclineView(QuestionActionView):
    action = actions.DECLINE
    form_class = ReasonForm
    page_title = gettext_lazy("Từ chối trả lời")
    submit_label = gettext_lazy("Từ chối")

    def form_valid(self, form):
        services.decline(self.question, form.cleaned_data["reason"], self.request.user)
        messages.success(self.request, _("Đã từ chối trả lời câu hỏi."))
        return super().form_valid(form)


class AnswerView(QuestionActionView):
    """Creates (once) the draft answer page and opens it in the page editor."""

    action = actions.ANSWER
    form_class = ConfirmForm
    page_title = gettext_lazy("Soạn câu trả lời")
    submit_label = gettext_lazy("Tạo bản nháp trả lời")

    def form_valid(self, form):
        page = services.start_answer(self.question, self.request.user)
        return redirect("wagtailadmin_pages:edit", page.pk)


class AttachmentView(View):
    """The question's attachment, to the staff who may see the question (a private file)."""

    model = Question

    def get(self, request, pk):
        question = get_object_or_404(Question, pk=pk)
        if not question.attachment or not actions.policy.user_has_permission_for_instance(
            request.user, "view", question
        ):
            raise Http404
        name = os.path.basename(question.attachment.name)
        return FileResponse(question.attachment.open("rb"), as_attachment=True, filename=name)
