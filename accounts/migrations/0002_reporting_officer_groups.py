"""Give units provisioned before the reporting officer role existed its group."""

from django.db import migrations


def add_missing_role_groups(apps, schema_editor):
    Unit = apps.get_model("multisite", "Unit")
    if not Unit.objects.exists():
        return
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from multisite.provisioning import sync_role_groups

    # Permissions of apps installed in this same migrate run are only created after
    # it (post_migrate); the groups need them now.
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is not None:
            create_permissions(app_config, verbosity=0, apps=global_apps)
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
