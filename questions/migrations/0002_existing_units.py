"""Units provisioned before this app: their groups get the permissions on questions
and dialogue comments, and their "qa" section becomes a QuestionIndexPage in place."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from multisite.provisioning import grant_unit_snippet_permissions, upgrade_section_pages


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("questions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    grant_unit_snippet_permissions(["questions.Question", "questions.DialogueComment"], app_registry=apps)
    upgrade_section_pages("qa", "questions.QuestionIndexPage", app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("multisite", "0002_reporting_officer_role"),
        ("home", "0003_vietnamese_defaults"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
