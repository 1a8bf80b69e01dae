"""Collection and group names read "Xã An Điền – Biên tập viên", without the
unit's code in brackets; a name another unit uses gets the parent unit's name.
Names an administrator changed (without the code) are left alone."""

from django.db import migrations

from multisite.models import UnitRole
from multisite.naming import admin_label


def group_name(label, role):
    return f"{label} – {UnitRole(role).label}"[:150]


def rename(apps, schema_editor):
    Unit = apps.get_model("multisite", "Unit")
    UnitGroup = apps.get_model("multisite", "UnitGroup")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    for unit in Unit.objects.select_related("parent", "collection").order_by("pk"):
        parent_name = unit.parent.name if unit.parent_id else ""
        marker = f"[{unit.code}]"
        collection = unit.collection
        if collection is not None and marker in collection.name:
            siblings = Collection.objects.filter(depth=collection.depth).exclude(pk=collection.pk)
            collection.name = admin_label(unit, parent_name, lambda label: siblings.filter(name=label).exists())
            collection.save(update_fields=["name"])
        links = list(UnitGroup.objects.filter(unit=unit).select_related("group"))
        if not any(marker in link.group.name for link in links):
            continue
        others = Group.objects.exclude(pk__in=[link.group_id for link in links])
        label = admin_label(
            unit,
            parent_name,
            lambda label: others.filter(name__in=[group_name(label, role) for role in UnitRole]).exists(),
        )
        for link in links:
            if marker in link.group.name:
                link.group.name = group_name(label, link.role)
                link.group.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("multisite", "0003_workflow_names_without_codes"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
