"""Give the records Wagtail creates on a fresh install Vietnamese names.

The tree's root page and the default workflow on it are data, not code, so the
admin's catalogues cannot translate them; editors would otherwise read "Root"
and "Moderators approval" in an otherwise Vietnamese admin.
"""

from django.db import migrations

NAMES = {
    "root": "Gốc",
    "workflow": "Quy trình duyệt mặc định",
    "task": "Quản trị hệ thống phê duyệt",
}


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Page.objects.filter(depth=1, title="Root").update(title=NAMES["root"], draft_title=NAMES["root"])
    Workflow.objects.filter(name="Moderators approval").update(name=NAMES["workflow"])
    Task.objects.filter(name="Moderators approval").update(name=NAMES["task"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_portal_defaults"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
