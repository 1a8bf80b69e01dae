"""Forms of the admin's question actions and the question edit form."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from multisite.models import Unit

from .models import RoutingRule


def unit_staff(unit_id):
    return (
        get_user_model()
        .objects.filter(staff_profile__unit_id=unit_id, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


class QuestionAdminForm(WagtailAdminModelForm):
    """A question's unit changes only through routing and forwarding (logged), never by editing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "unit" in self.fields:
            self.fields["unit"].disabled = True


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị trả lời"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Vui lòng chọn đơn vị trả lời.")},
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.exclude(pk=question.unit_id).order_by("kind", "name")
        rule = RoutingRule.objects.filter(field_id=question.field_id).select_related("unit").first()
        if rule is not None:
            self.fields["unit"].initial = rule.unit_id
            self.fields["unit"].help_text = _("Gợi ý theo lĩnh vực: %(unit)s") % {"unit": rule.unit.name}


class ForwardForm(RouteForm):
    reason = forms.CharField(
        label=_("Lý do chuyển"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi lý do.")},
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Người trả lời"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": _("Vui lòng chọn người trả lời.")},
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = unit_staff(question.unit_id)
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class ConfirmForm(forms.Form):
    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
