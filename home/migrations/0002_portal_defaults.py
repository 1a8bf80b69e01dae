"""Replace Wagtail's fresh-install defaults with the portal's.

Wagtail creates a welcome page with a default site, and "Editors"/"Moderators"
groups whose permissions cover the whole tree; units get their own scoped
groups instead, so these would only be a way around the isolation. The
English locale is added beside Vietnamese for later translation work.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    welcome = Page.objects.filter(depth=2, slug="home", content_type=page_type)
    for page in welcome:
        Site.objects.filter(root_page=page).delete()
        root = Page.objects.get(depth=1)
        root.numchild = max(root.numchild - 1, 0)
        root.save(update_fields=["numchild"])
        page.delete()
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
