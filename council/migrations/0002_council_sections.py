"""Units provisioned before this app got their council section as a CouncilPage."""

from django.db import migrations

from multisite.provisioning import upgrade_section_pages


def forwards(apps, schema_editor):
    upgrade_section_pages("council", "council.CouncilPage", app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0001_initial"),
        ("multisite", "0001_initial"),
        ("home", "0002_portal_defaults"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
