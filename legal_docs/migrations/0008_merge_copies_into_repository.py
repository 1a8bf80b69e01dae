"""Classify documents by level and merge the units' copies into the shared
repository (legal_docs.merging), with redirects from the copies' addresses;
existing units' groups get the permissions on listings and listing rules."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from multisite.provisioning import grant_unit_snippet_permissions


def forwards(apps, schema_editor):
    from legal_docs.merging import classify, merge_duplicates

    app_config = apps.get_app_config("legal_docs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    grant_unit_snippet_permissions(
        ["legal_docs.DocumentListing", "legal_docs.DocumentListingRule"], app_registry=apps
    )
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
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
