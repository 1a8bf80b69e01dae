"""Admin of questions: each unit's inbox (filters, actions, history, export), the
field → unit routing table, the dialogue comments to moderate, the overdue panel
on the dashboard and the log actions."""

import os

import django_filters
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from core.models import LegalField
from multisite.models import Unit
from multisite.scoping import user_unit_ids
from multisite.viewsets import UnitOwnedPermissionPolicy, UnitOwnedSnippetViewSet, register_unit_owned_snippet

from . import actions, admin_views, log_actions
from .admin_forms import QuestionAdminForm
from .models import CommentStatus, DialogueComment, Question, QuestionStatus, RoutingRule

ACTION_VIEWS = {
    actions.ROUTE: (admin_views.RouteView, _("Chuyển đơn vị trả lời"), "arrow-right"),
    actions.FORWARD: (admin_views.ForwardView, _("Chuyển tiếp"), "arrow-right"),
    actions.SEND_BACK: (admin_views.SendBackView, _("Trả lại Sở Tư pháp"), "arrow-left"),
    actions.ASSIGN: (admin_views.AssignView, _("Giao người trả lời"), "user"),
    actions.DECLINE: (admin_views.DeclineView, _("Từ chối trả lời"), "cross"),
    actions.ANSWER: (admin_views.AnswerView, _("Soạn câu trả lời"), "edit"),
}


@hooks.register("register_log_actions")
def register_question_log_actions(registry):
    log_actions.register(registry)


class QuestionFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Đơn vị"), queryset=Unit.objects.none())
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=QuestionStatus.choices)
    field = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=LegalField.objects.all())
    assignee = django_filters.ModelChoiceFilter(
        label=_("Người được giao"), queryset=get_user_model().objects.none(), method="filter_assignee"
    )
    overdue = django_filters.BooleanFilter(label=_("Quá hạn"), method="filter_overdue")

    class Meta:
        model = Question
        fields = ["unit", "status", "field", "assignee", "overdue"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        users = get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
        if request is not None and not request.user.is_superuser:
            users = users.filter(staff_profile__unit_id__in=user_unit_ids(request.user))
        self.filters["assignee"].queryset = users.order_by("username")
        units = Unit.objects.order_by("name")
        if request is not None and not request.user.is_superuser:
            units = units.filter(pk__in=user_unit_ids(request.user))
        self.filters["unit"].queryset = units

    def filter_assignee(self, queryset, name, value):
        return queryset.filter(assignee=value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


def action_buttons(user, question, context):
    return [
        Button(
            label,
            url=reverse(f"wagtailsnippets_questions_question:{name}", args=[question.pk]),
            icon_name=icon,
            priority=5 + position,
        )
        for position, (name, (_view, label, icon)) in enumerate(ACTION_VIEWS.items())
        if name in actions.allowed_actions(user, question, context)
    ]


class QuestionIndexView(IndexView):
    """The inbox: each question links to its page (the inspect view), where the
    actions are; rows carry no menu, which keeps a page of the inbox light."""

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    def get_list_more_buttons(self, instance):
        return []


class QuestionInspectView(InspectView):
    def get_field_display_value(self, field_name=None, field=None):
        # Wagtail looks for get_<name>_display_value(): for the field named "field"
        # that is this very method, called without arguments.
        if field_name is None:
            return str(self.object.field or "")
        return super().get_field_display_value(field_name, field)

    def get_attachment_display_value(self):
        if not self.object.attachment:
            return "–"
        url = reverse("wagtailsnippets_questions_question:attachment", args=[self.object.pk])
        return format_html('<a href="{}">{}</a>', url, os.path.basename(self.object.attachment.name))

    @cached_property
    def header_more_buttons(self):
        context = actions.ActionContext(self.request.user)
        history = Button(
            _("Lịch sử xử lý"),
            url=reverse("wagtailsnippets_questions_question:history", args=[self.object.pk]),
            icon_name="history",
            priority=30,
        )
        return (
            action_buttons(self.request.user, self.object, context)
            + list(super().header_more_buttons)
            + [history]
        )


def deadline_label(question):
    """The deadline (dd/mm/yyyy), flagged when the question is overdue."""
    label = f"{question.deadline:%d/%m/%Y}"
    return f"{label} – {_('quá hạn')}" if question.is_overdue else label


class QuestionViewSet(UnitOwnedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Câu hỏi pháp luật")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = QuestionIndexView
    inspect_view_class = QuestionInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "tracking_code",
        "status",
        "unit",
        "asked_at",
        "asker_name",
        "email",
        "phone",
        "field",
        "text",
        "attachment",
        "consent_to_publish",
        "assignee",
        "deadline",
        "created_at",
        "answered_at",
        "answer_page",
        "decline_reason",
    ]
    base_form_class = QuestionAdminForm
    filterset_class = QuestionFilterSet
    list_display = [
        "tracking_code",
        Column("text", label=_("Câu hỏi"), accessor=lambda q: q.text[:90]),
        "field",
        "status",
        "unit",
        "assignee",
        Column("deadline", label=_("Hạn trả lời"), accessor=deadline_label),
        DateColumn("created_at", label=_("Ngày gửi")),
    ]
    search_fields = ["text", "tracking_code", "asker_name"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 25
    list_export = [
        "tracking_code",
        "created_at",
        "unit",
        "field",
        "get_status_display",
        "asker_name",
        "email",
        "phone",
        "text",
        "deadline",
        "answered_at",
        "decline_reason",
    ]
    export_headings = {
        "tracking_code": _("Mã tra cứu"),
        "created_at": _("Ngày gửi"),
        "unit": _("Đơn vị trả lời"),
        "field": _("Lĩnh vực"),
        "get_status_display": _("Tình trạng"),
        "asker_name": _("Người hỏi"),
        "email": _("Thư điện tử"),
        "phone": _("Điện thoại"),
        "text": _("Câu hỏi"),
        "deadline": _("Hạn trả lời"),
        "answered_at": _("Ngày trả lời"),
        "decline_reason": _("Lý do từ chối"),
    }
    export_filename = "cau-hoi-phap-luat"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("field", "assignee")

    def get_urlpatterns(self):
        actions_urls = [
            path(f"{name}/<str:pk>/", view.as_view(), name=name)
            for name, (view, _l, _i) in ACTION_VIEWS.items()
        ]
        attachment = path("attachment/<str:pk>/", admin_views.AttachmentView.as_view(), name="attachment")
        return super().get_urlpatterns() + actions_urls + [attachment]


class RoutingRuleViewSet(SnippetViewSet):
    """Field → unit table: global, kept by the Department of Justice (system administrators)."""

    model = RoutingRule
    icon = "arrow-right"
    menu_label = _("Phân công theo lĩnh vực")
    list_display = ["field", "unit"]


class DialogueCommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=CommentStatus.choices)

    class Meta:
        model = DialogueComment
        fields = ["status", "dialogue"]


class DialogueCommentViewSet(UnitOwnedSnippetViewSet):
    model = DialogueComment
    icon = "comment"
    menu_label = _("Ý kiến đối thoại")
    filterset_class = DialogueCommentFilterSet
    list_display = [
        Column("text", label=_("Ý kiến"), accessor=lambda c: c.text[:90]),
        "name",
        "dialogue",
        "part_heading",
        "status",
        DateColumn("created_at", label=_("Ngày gửi")),
    ]
    list_per_page = 50
    search_fields = ["text", "name"]
    search_backend_name = None
    list_export = [
        "dialogue",
        "part_heading",
        "name",
        "email",
        "text",
        "get_status_display",
        "reply",
        "created_at",
    ]
    export_headings = {
        "dialogue": _("Đối thoại"),
        "part_heading": _("Phần"),
        "name": _("Họ và tên"),
        "email": _("Thư điện tử"),
        "text": _("Ý kiến"),
        "get_status_display": _("Tình trạng"),
        "reply": _("Trả lời của cơ quan"),
        "created_at": _("Ngày gửi"),
    }
    export_filename = "y-kien-doi-thoai"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dialogue")


class CommentPermissionPolicy(UnitOwnedPermissionPolicy):
    """Comments come from citizens on the public page: staff moderate and reply, never add."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_unit_owned_snippet(QuestionViewSet)
register_permission_policy(DialogueComment, CommentPermissionPolicy(DialogueComment))
register_snippet(DialogueCommentViewSet)
register_snippet(RoutingRuleViewSet)


class OverdueQuestionsPanel(Component):
    """Dashboard: the open questions of the user's units that are past their deadline."""

    name = "overdue_questions"
    template_name = "questions/admin/overdue_panel.html"
    order = 60

    def __init__(self, questions, count):
        self.questions = questions
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "questions": self.questions,
            "count": self.count,
            "list_url": reverse("wagtailsnippets_questions_question:list") + "?overdue=true",
        }


@hooks.register("construct_homepage_panels")
def add_overdue_questions_panel(request, panels):
    from .actions import policy

    if not policy.user_has_permission(request.user, "view"):
        return
    overdue = Question.objects.overdue(timezone.localdate())
    if not request.user.is_superuser:
        overdue = overdue.filter(unit_id__in=user_unit_ids(request.user))
    count = overdue.count()
    if count:
        panels.append(
            OverdueQuestionsPanel(list(overdue.select_related("unit").order_by("deadline")[:10]), count)
        )
