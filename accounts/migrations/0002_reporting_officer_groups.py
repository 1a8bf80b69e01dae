"""Give units provisioned before the reporting officer role existed its group."""

from django.db import migrations


def add_missing_role_groups(apps, schema_editor):
    from multisite.provisioning import sync_role_groups

    Unit = apps.get_model("multisite", "Unit")
    if Unit.objects.exists():
        sync_role_groups()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("multisite", "0002_reporting_officer_role"),
        ("wagtailcore", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
    ]

    operations = [migrations.RunPython(add_missing_role_groups, migrations.RunPython.noop)]
