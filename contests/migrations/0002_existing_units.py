"""Units provisioned before this app: their groups get the permissions on the
contests' question banks. (Their "Thi tìm hiểu pháp luật" section is added by
``manage.py upgrade_sections``.)"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from multisite.provisioning import grant_unit_snippet_permissions


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("contests")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    grant_unit_snippet_permissions(["contests.ContestQuestion"], app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0001_initial"),
        ("multisite", "0002_reporting_officer_role"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
