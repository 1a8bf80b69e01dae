"""Admin labels that Wagtail derives from attribute names, so no catalogue can translate them.

The sign-in form's password label (below) is one; the Sites listing's columns another;
inspect views print None, True and False as Python spells them.

Wagtail 8's Sites listing builds the headers of its "port", "site_name" and
"root_page" columns from the attribute names ("Port", "Site name", "Root page").
Give them the model fields' verbose names instead, which Wagtail's catalogues
translate (see locale/vi/po/50-wagtail.po).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.generic.models import InspectView
from wagtail.models import Site
from wagtail.sites import views as site_views

SITE_FIELD_COLUMNS = {"port", "site_name", "root_page"}


def label_site_columns():
    for column in site_views.IndexView.columns:
        if column.name in SITE_FIELD_COLUMNS:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form gives its password field no label, so Django shows
    the field's name, "Password", which no catalogue translates."""

    password = forms.CharField(
        label=_("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Nhập mật khẩu")}),
        strip=False,
    )


def _readable(value):
    """Inspect views show Python's None/True/False as they are: show words instead."""
    if value is None or value == "":
        return "–"
    if value is True:
        return _("Có")
    if value is False:
        return _("Không")
    return value


def readable_inspect_values():
    """Wrap the generic inspect view's field values (every snippet's "Xem chi tiết")."""
    original = InspectView.get_field_display_value
    if getattr(original, "readable", False):
        return

    def get_field_display_value(self, field_name, field):
        return _readable(original(self, field_name, field))

    get_field_display_value.readable = True
    InspectView.get_field_display_value = get_field_display_value
