"""Documents' fields point at core.LegalField (same table); legal_docs forgets the model."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_legal_field"),
        ("legal_docs", "0004_legal_sections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="legaldocumentpage",
                    name="fields",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="documents", to="core.legalfield", verbose_name="lĩnh vực"
                    ),
                ),
                migrations.DeleteModel(name="LegalField"),
            ],
            database_operations=[],
        ),
    ]
