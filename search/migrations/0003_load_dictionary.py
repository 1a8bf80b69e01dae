"""The starting dictionary of colloquial terms (search/data/dictionary.csv)."""

from django.db import migrations


def load(apps, schema_editor):
    from search.dictionary import load_data_file

    load_data_file(apps.get_model("search", "DictionaryEntry"), apps.get_model("core", "LegalField"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_dictionary_and_feedback"),
        # The legal fields the entries name are loaded there.
        ("legal_docs", "0002_taxonomy_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
