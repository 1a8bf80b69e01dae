"""Existing units' administrators may edit their own site's identity."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("identity")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    UnitGroup = apps.get_model("multisite", "UnitGroup")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    content_type = ContentType.objects.get_for_model(apps.get_model("identity", "SiteIdentity"))
    permission = Permission.objects.get(content_type=content_type, codename="change_siteidentity")
    for row in UnitGroup.objects.filter(role="admin").exclude(unit__site=None).select_related("unit"):
        GroupSitePermission.objects.get_or_create(
            group_id=row.group_id, site_id=row.unit.site_id, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
        ("multisite", "0003_workflow_names_without_codes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
