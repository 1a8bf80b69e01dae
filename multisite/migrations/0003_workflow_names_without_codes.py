"""Workflow and task names read "Duyệt tin bài – <unit>", without the unit's code."""

from django.db import migrations


def rename(apps, schema_editor):
    Unit = apps.get_model("multisite", "Unit")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    for unit in Unit.objects.exclude(workflow=None).select_related("workflow"):
        workflow = unit.workflow
        workflow.name = f"Duyệt tin bài – {unit.name}"[:255]
        workflow.save(update_fields=["name"])
        for link in WorkflowTask.objects.filter(workflow=workflow).select_related("task"):
            if link.task.name.endswith(f"[{unit.code}]"):
                link.task.name = f"Kiểm duyệt – {unit.name}"[:255]
                link.task.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("multisite", "0002_reporting_officer_role"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
