"""Units provisioned before the "Liên kết" section had a page type: the section
becomes a LinksPage in place, and every unit gets the national links."""

from django.db import migrations

from multisite.links import add_national_links
from multisite.provisioning import upgrade_section_pages


def forwards(apps, schema_editor):
    upgrade_section_pages("links", "home.LinksPage", app_registry=apps)
    Unit = apps.get_model("multisite", "Unit")
    add_national_links(list(Unit.objects.values_list("pk", flat=True)), apps.get_model("multisite", "UnitLink"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_links_page"),
        ("multisite", "0002_reporting_officer_role"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
