"""Wagtail's user management, scoped to the units a unit administrator manages.

A unit administrator sees and edits only the accounts of their unit and the
units below it, can give them only those units' groups, and never touches a
system administrator's account.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from .models import StaffProfile, Unit
from .scoping import managed_unit_ids

User = get_user_model()


def manageable_users(user):
    users = User._default_manager.all()
    if user.is_superuser:
        return users
    return users.filter(is_superuser=False, staff_profile__unit_id__in=managed_unit_ids(user))


class UnitUserFormMixin:
    """Adds the unit field and limits groups to the manager's units."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        unit_ids = managed_unit_ids(for_user) if for_user else set()
        units = Unit.objects.filter(pk__in=unit_ids).order_by("name")
        self.fields["unit"] = forms.ModelChoiceField(
            label=_("Đơn vị"),
            queryset=units,
            required=not (for_user and for_user.is_superuser),
            help_text=_("Mỗi tài khoản thuộc một đơn vị."),
        )
        if self.instance.pk:
            profile = StaffProfile.objects.filter(user=self.instance).first()
            self.fields["unit"].initial = profile.unit_id if profile else None
        if for_user and not for_user.is_superuser:
            # A unit administrator cannot make anyone a system administrator.
            self.fields.pop("is_superuser", None)
        if "groups" in self.fields and for_user and not for_user.is_superuser:
            self.fields["groups"].queryset = Group.objects.filter(unit_role__unit_id__in=unit_ids).order_by(
                "name"
            )

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        groups = cleaned.get("groups")
        if unit is not None and groups:
            foreign = [
                g.name for g in groups if getattr(g, "unit_role", None) and g.unit_role.unit_id != unit.pk
            ]
            if foreign:
                self.add_error(
                    "groups",
                    _("Chỉ được gán nhóm của đơn vị “%(unit)s”; không được gán: %(groups)s.")
                    % {"unit": unit.name, "groups": ", ".join(foreign)},
                )
        return cleaned

    def save(self, commit=True):
        with transaction.atomic():
            user = super().save(commit=commit)
            unit = self.cleaned_data.get("unit")
            if commit and unit is not None:
                StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit})
        return user


class UnitUserCreationForm(UnitUserFormMixin, UserCreationForm):
    pass


class UnitUserEditForm(UnitUserFormMixin, UserEditForm):
    pass


class ScopedUserMixin:
    """Refuse accounts outside the manager's units before the view runs."""

    def setup(self, request, *args, **kwargs):
        pk = kwargs.get("pk", args[0] if args else None)
        if pk is not None and not manageable_users(request.user).filter(pk=unquote(str(pk))).exists():
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), UnitUserFormMixin):
            kwargs["for_user"] = self.request.user
        return kwargs


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=manageable_users(self.request.user))


class CreateView(ScopedUserMixin, wagtail_users.CreateView):
    pass


class EditView(ScopedUserMixin, wagtail_users.EditView):
    pass


def deletion_refusal(user):
    """Why ``user`` may not be deleted, or None: the first answer of the
    ``refuse_user_deletion`` hooks (apps that keep a history of accounts
    register one, so that such accounts are deactivated instead)."""
    for hook in hooks.get_hooks("refuse_user_deletion"):
        reason = hook(user)
        if reason:
            return reason
    return None


class DeleteView(ScopedUserMixin, wagtail_users.DeleteView):
    """Only system administrators delete, and only accounts no app refuses to
    delete; the others are deactivated (untick "Hoạt động" on the edit form)."""

    def dispatch(self, request, *args, **kwargs):
        target = self.get_object()
        reason = deletion_refusal(target) if request.user.is_superuser else None
        if reason:
            messages.error(request, reason)
            return redirect("wagtailusers_users:edit", target.pk)
        return super().dispatch(request, *args, **kwargs)


class HistoryView(ScopedUserMixin, wagtail_users.HistoryView):
    pass


class UnitUserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    create_template_name = "multisite/users/create.html"
    edit_template_name = "multisite/users/edit.html"

    def get_form_class(self, for_update=False):
        return UnitUserEditForm if for_update else UnitUserCreationForm
