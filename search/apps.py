from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.models import Site
        from wagtail.signals import page_published

        from core.registries import search_facets
        from multisite.models import Unit

        from . import promotions  # noqa: F401 - its signal handlers
        from .facets import OWN_FACETS, forget_unit_names
        from .setup import on_post_migrate
        from .signals import reindex_published_page

        for facet in OWN_FACETS:
            search_facets.register(facet)
        # A fresh install gets its indexes with the portal's mappings on migrate.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="search-ensure-indexes")
        # Wagtail indexes a page on save, before its many-to-many relations
        # (e.g. a document's fields) are written; index it again once published.
        page_published.connect(reindex_published_page, dispatch_uid="search-reindex-published")
        from .dictionary import forget
        from .models import DictionaryEntry

        # A saved or deleted dictionary entry applies from the next search on.
        post_save.connect(forget, sender=DictionaryEntry, dispatch_uid="search-dictionary-save")
        post_delete.connect(forget, sender=DictionaryEntry, dispatch_uid="search-dictionary-delete")
        for sender in (Unit, Site):
            post_save.connect(
                forget_unit_names, sender=sender, dispatch_uid=f"search-units-{sender.__name__}-save"
            )
            post_delete.connect(
                forget_unit_names, sender=sender, dispatch_uid=f"search-units-{sender.__name__}-del"
            )
