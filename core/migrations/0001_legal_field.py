"""LegalField moves from legal_docs to core: its table, rows, permissions and
content type stay; only Django's model state and the content type's app label
change (legal_docs.0005 and reporters.0003 point their relations here)."""

import modelsearch.index
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="legalfield").exists():
        ContentType.objects.filter(app_label="legal_docs", model="legalfield").update(app_label="core")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="legal_docs", model="legalfield").exists():
        ContentType.objects.filter(app_label="core", model="legalfield").update(app_label="legal_docs")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("legal_docs", "0004_legal_sections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LegalField",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=255, unique=True, verbose_name="tên")),
                        ("slug", models.SlugField(max_length=100, unique=True, verbose_name="mã")),
                        ("sort_order", models.PositiveIntegerField(default=0, verbose_name="thứ tự")),
                    ],
                    options={
                        "verbose_name": "lĩnh vực",
                        "verbose_name_plural": "lĩnh vực",
                        "db_table": "legal_docs_legalfield",
                        "ordering": ["sort_order", "name"],
                        "abstract": False,
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
