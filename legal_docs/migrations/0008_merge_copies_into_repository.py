"""Classify documents by level and merge the units' copies into the shared
repository (legal_docs.merging), with redirects from the copies' addresses."""

from django.db import migrations


def forwards(apps, schema_editor):
    from legal_docs.merging import classify, merge_duplicates

    classify(apps)
    merge_duplicates(apps, log=print)


class Migration(migrations.Migration):
    dependencies = [
        ("legal_docs", "0007_shared_repository"),
        ("multisite", "0002_reporting_officer_role"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
