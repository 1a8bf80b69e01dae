"""People's fields point at core.LegalField (same table, same join table)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_legal_field"),
        ("reporters", "0002_existing_units"),
    ]
    # legal_docs.0005 removes LegalField from legal_docs' state: nothing may point at it then.
    run_before = [("legal_docs", "0005_legal_field_to_core")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="person",
                    name="fields",
                    field=models.ManyToManyField(
                        blank=True, related_name="people", to="core.legalfield", verbose_name="lĩnh vực"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
