"""Units provisioned before this app got their legal section as a LegalDocumentIndexPage."""

from django.db import migrations

from multisite.provisioning import upgrade_section_pages


def forwards(apps, schema_editor):
    upgrade_section_pages("legal_documents", "legal_docs.LegalDocumentIndexPage", app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("legal_docs", "0003_document_pages"),
        ("multisite", "0001_initial"),
        ("home", "0002_portal_defaults"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
