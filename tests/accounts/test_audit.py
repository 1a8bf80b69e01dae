"""Every account event is written with the right actor, target and values."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import AuthAction, AuthEvent
from multisite.models import StaffProfile
from tests.factories import STAFF_PASSWORD

from .conftest import login

User = get_user_model()


def form_errors(response):
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return form.errors if form is not None else response.status_code


def last(action):
    return AuthEvent.objects.filter(action=action).order_by("-pk").first()


def edit_data(user, **overrides):
    profile = StaffProfile.objects.filter(user=user).first()
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Văn",
        "last_name": user.last_name or "Nguyễn",
        "is_active": "on" if user.is_active else "",
        "groups": [g.pk for g in user.groups.all()],
        "unit": profile.unit_id if profile else "",
        "password1": "",
        "password2": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_login_and_logout_are_recorded(client, editor_a, unit_a):
    response = login(client, editor_a.username, ip="198.51.100.4", user_agent="Firefox/140")
    assert response.status_code == 302
    event = last(AuthAction.LOGIN)
    assert (event.actor, event.target, event.unit) == (editor_a, editor_a, unit_a)
    assert event.ip_address == "198.51.100.4"
    assert event.user_agent == "Firefox/140"

    client.post(reverse("wagtailadmin_logout"))
    event = last(AuthAction.LOGOUT)
    assert event.target == editor_a


def test_failed_login_records_username_ip_and_agent(client, editor_a):
    response = login(
        client, editor_a.username, password="sai-mat-khau", ip="198.51.100.9", user_agent="curl/8"
    )
    assert response.status_code == 200
    event = last(AuthAction.LOGIN_FAILED)
    assert event.username == editor_a.username
    assert event.target == editor_a
    assert event.actor is None
    assert (event.ip_address, event.user_agent) == ("198.51.100.9", "curl/8")

    login(client, "khong-ton-tai", password="x")
    event = last(AuthAction.LOGIN_FAILED)
    assert event.username == "khong-ton-tai" and event.target is None


def test_unit_admin_changes_name_email_and_deactivates(client, admin_a, editor_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[editor_a.pk]),
        edit_data(editor_a, first_name="Lan", email="lan@example.vn", is_active=""),
    )
    assert response.status_code == 302, form_errors(response)
    change = last(AuthAction.USER_CHANGE)
    assert change.actor == admin_a and change.target == editor_a
    assert change.changes["first_name"] == {"old": "", "new": "Lan"}
    assert change.changes["last_name"] == {"old": "", "new": "Nguyễn"}
    assert change.changes["email"] == {"old": f"{editor_a.username}@example.vn", "new": "lan@example.vn"}
    deactivation = last(AuthAction.USER_DEACTIVATE)
    assert deactivation.actor == admin_a and deactivation.target == editor_a
    assert deactivation.changes == {"is_active": {"old": True, "new": False}}
    assert "Lan" in change.changes_text and "→" in change.changes_text


def test_unit_and_groups_changes_are_recorded(client, superuser, editor_a, unit_a, unit_b):
    client.force_login(superuser)
    new_group = unit_b.group_for("moderator")
    response = client.post(
        reverse("wagtailusers_users:edit", args=[editor_a.pk]),
        edit_data(editor_a, unit=unit_b.pk, groups=[new_group.pk]),
    )
    assert response.status_code == 302
    unit_event = last(AuthAction.UNIT_CHANGE)
    assert unit_event.actor == superuser and unit_event.target == editor_a
    assert unit_event.changes["unit"] == {"old": unit_a.name, "new": unit_b.name}
    groups_events = AuthEvent.objects.filter(action=AuthAction.GROUPS_CHANGE, target=editor_a)
    final = groups_events.order_by("-pk").first()
    assert final.actor == superuser
    assert final.changes["groups"]["new"] == [new_group.name]
    olds = [e.changes["groups"].get("old") for e in groups_events]
    assert [unit_a.group_for("editor").name] in olds


def test_user_creation_is_recorded(client, admin_a, unit_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nguyen.van.moi",
            "email": "moi@example.vn",
            "first_name": "Mới",
            "last_name": "Nguyễn",
            "password1": "Rat-kho-doan-2026!",
            "password2": "Rat-kho-doan-2026!",
            "groups": [unit_a.group_for("editor").pk],
            "unit": unit_a.pk,
        },
    )
    assert response.status_code == 302, form_errors(response)
    user = User.objects.get(username="nguyen.van.moi")
    event = last(AuthAction.USER_CREATE)
    assert event.actor == admin_a and event.target == user
    assert event.changes["email"]["new"] == "moi@example.vn"
    assert last(AuthAction.UNIT_CHANGE).changes["unit"] == {"old": None, "new": unit_a.name}


def test_own_password_change_and_admin_password_set(client, django_app, admin_a, editor_a):
    page = django_app.get(reverse("wagtailadmin_account"), user=editor_a.username)
    form = next(form for form in page.forms.values() if "password-old_password" in form.fields)
    form["name_email-first_name"] = "Hoa"
    form["name_email-last_name"] = "Trần"
    form["password-old_password"] = STAFF_PASSWORD
    form["password-new_password1"] = "Mat-khau-moi-2027!"
    form["password-new_password2"] = "Mat-khau-moi-2027!"
    response = form.submit()
    assert response.status_code == 302, form_errors(response)
    event = last(AuthAction.PASSWORD_CHANGE)
    assert event.actor == editor_a and event.target == editor_a

    client.force_login(admin_a)
    client.post(
        reverse("wagtailusers_users:edit", args=[editor_a.pk]),
        edit_data(editor_a, password1="Mat-khau-quan-tri-1!", password2="Mat-khau-quan-tri-1!"),
    )
    event = last(AuthAction.PASSWORD_SET)
    assert event.actor == admin_a and event.target == editor_a


def test_password_reset_by_email(client, editor_a):
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"new_password1": "Dat-lai-mat-khau-9!", "new_password2": "Dat-lai-mat-khau-9!"}
    )
    assert response.status_code == 302, form_errors(response)
    event = last(AuthAction.PASSWORD_RESET)
    assert event.target == editor_a and event.actor is None
    editor_a.refresh_from_db()
    assert editor_a.check_password("Dat-lai-mat-khau-9!")


def test_events_cannot_be_changed_or_deleted(editor_a):
    event = AuthEvent.objects.create(action=AuthAction.LOGIN, target=editor_a, username=editor_a.username)
    event.username = "khac"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuthEvent.objects.all().delete()
