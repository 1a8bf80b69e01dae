"""Admin of the contests: the rounds' screens, the question bank (unit-owned snippets) and log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from multisite.viewsets import UnitOwnedSnippetViewSet, register_unit_owned_snippet

from . import admin_views, log_actions
from .models import ContestQuestion

admin_urls = [
    path("", admin_views.RoundListView.as_view(), name="rounds"),
    path("rounds/<int:pk>/", admin_views.RoundResultsView.as_view(), name="results"),
    path("rounds/<int:pk>/import/", admin_views.QuestionImportView.as_view(), name="import"),
]


@hooks.register("register_admin_urls")
def register_contest_urls():
    return [path("contests/", include((admin_urls, "contests_admin"), namespace="contests_admin"))]


@hooks.register("register_admin_menu_item")
def register_contests_menu_item():
    return MenuItem(
        _("Thi tìm hiểu pháp luật"), reverse("contests_admin:rounds"), icon_name="trophy", order=460
    )


@hooks.register("register_log_actions")
def register_contest_log_actions(registry):
    log_actions.register(registry)


class RoundScopedFormMixin:
    """The round list offers only the rounds of the user's units; the question's unit is the round's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "round" in self.fields:
            self.fields["round"].queryset = admin_views.rounds_for(user)

    def clean(self):
        cleaned = super().clean()
        contest_round, unit = cleaned.get("round"), cleaned.get("unit")
        if contest_round is not None and unit is not None and contest_round.page.unit_id != unit.pk:
            self.add_error("round", _("Đợt thi này không thuộc đơn vị đã chọn."))
        return cleaned


class ContestQuestionViewSet(UnitOwnedSnippetViewSet):
    model = ContestQuestion
    icon = "help"
    menu_label = _("Ngân hàng câu hỏi thi")
    add_to_admin_menu = False
    list_display = ["text", "round", "correct", "field", "unit"]
    list_filter = ["unit", "field"]
    list_per_page = 50
    search_fields = ["text", "explanation"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        return type(form_class.__name__, (RoundScopedFormMixin, form_class), {})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round__page", "field")


register_unit_owned_snippet(ContestQuestionViewSet)
