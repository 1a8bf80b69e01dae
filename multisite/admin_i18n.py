"""Admin labels that Wagtail derives from attribute names, so no catalogue can translate them.

Wagtail 8's Sites listing builds the headers of its "port", "site_name" and
"root_page" columns from the attribute names ("Port", "Site name", "Root page").
Give them the model fields' verbose names instead, which Wagtail's catalogues
translate (see locale/vi/po/50-wagtail.po).
"""

from django.utils.text import capfirst
from wagtail.models import Site
from wagtail.sites import views as site_views

SITE_FIELD_COLUMNS = {"port", "site_name", "root_page"}


def label_site_columns():
    for column in site_views.IndexView.columns:
        if column.name in SITE_FIELD_COLUMNS:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
