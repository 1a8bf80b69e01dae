from django.db import migrations

from legal_docs.taxonomy_data import DOCUMENT_TYPES, ISSUING_BODIES, LEGAL_FIELDS


def load_lists(apps, schema_editor):
    DocumentType = apps.get_model("legal_docs", "DocumentType")
    IssuingBody = apps.get_model("legal_docs", "IssuingBody")
    LegalField = apps.get_model("legal_docs", "LegalField")
    for order, (name, slug, abbreviation) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            slug=slug, defaults={"name": name, "abbreviation": abbreviation, "sort_order": order}
        )
    for order, (name, slug, abbreviation) in enumerate(ISSUING_BODIES):
        IssuingBody.objects.get_or_create(
            slug=slug, defaults={"name": name, "abbreviation": abbreviation, "sort_order": order}
        )
    for order, (name, slug) in enumerate(LEGAL_FIELDS):
        LegalField.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("legal_docs", "0001_taxonomy")]

    operations = [migrations.RunPython(load_lists, migrations.RunPython.noop)]
