"""Signal handlers of the search app."""

from wagtail.search.index import insert_or_update_object


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again after publishing, when its relations are saved too."""
    insert_or_update_object(instance)
