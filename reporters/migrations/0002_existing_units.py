"""Units provisioned before this app: their groups get the register's permissions
and their "reporters" and "statistics" sections become the register's pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from multisite.provisioning import grant_unit_snippet_permissions, upgrade_section_pages


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("reporters")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    grant_unit_snippet_permissions(["reporters.Person", "reporters.Activity"], app_registry=apps)
    upgrade_section_pages("reporters", "reporters.DirectoryPage", app_registry=apps)
    upgrade_section_pages("statistics", "reporters.StatisticsPage", app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reporters", "0001_initial"),
        ("multisite", "0001_initial"),
        ("home", "0002_portal_defaults"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
