"""Every call this project makes into a private API of Django, Wagtail,
django-treebeard, django-modelcluster or modelsearch, in one place.

A name starting with ``_`` may change in any release without notice. Each
wrapper below says what it relies on; ``CHECKED_VERSIONS`` lists the versions
they were checked against, and ``tests/core/test_internals.py`` fails as soon
as an installed version differs, so that an upgrade re-checks this module.
Code elsewhere calls these wrappers, never the private names.
"""

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex, Site

# Distribution name -> version the wrappers were checked against. Django is
# pinned to its feature release (its private names do not change in patches).
CHECKED_VERSIONS = {
    "django": "5.2",
    "wagtail": "8.0.1",
    "django-treebeard": "5.3.1",
    "django-modelcluster": "6.5",
    "modelsearch": "1.3.2",
}


# Reference index (Wagtail) ---------------------------------------------------


def extract_references(obj):
    """The (to content type id, to object id, model path, content path) tuples
    Wagtail's reference index would store for ``obj``.

    Relies on ``ReferenceIndex._extract_references_from_object`` (a generator
    classmethod), which ``ReferenceIndex.create_or_update_for_object`` uses.
    """
    return set(ReferenceIndex._extract_references_from_object(obj))


def content_path_hash(content_path):
    """The ``content_path_hash`` column of a ReferenceIndex row.

    Relies on ``ReferenceIndex._get_content_path_hash`` (a UUID5 of the path).
    """
    return ReferenceIndex._get_content_path_hash(content_path)


# Page tree (treebeard's materialised path, Wagtail's Page) -----------------


def path_step(path):
    """The number of the last step of a materialised ``path`` ("00010002" → 2).

    Relies on treebeard's ``MP_Node._str2int`` and ``steplen`` (public).
    """
    return Page._str2int(path[-Page.steplen :])


def child_path(parent, step):
    """The materialised path of ``parent``'s child number ``step``.

    Relies on treebeard's ``MP_Node._get_path(path, depth, newstep)``.
    """
    return Page._get_path(parent.path, parent.depth + 1, step)


def prime_new_page(page, parent):
    """Tell an unsaved page (whose path is set by hand) its parent and that it is
    no site root, so that saving it does not query for either.

    Relies on treebeard's ``_cached_parent_obj`` (read by ``get_parent``, set by
    Wagtail's ``add_child``) and Wagtail's ``_is_site_root`` (read by
    ``Page.is_site_root``, set by ``PageQuerySet.annotate_site_root_state``).
    """
    page._cached_parent_obj = parent
    page._is_site_root = False


# Child relations (django-modelcluster) ---------------------------------------


def set_child_relations(instance, children):
    """Make ``instance``'s child relations and parental many-to-many fields read
    ``children`` ({accessor or field name: [objects]}) from memory, as they do on
    an instance built from a form, instead of querying the database.

    Relies on modelcluster's ``_cluster_related_objects`` dict, which its
    relation managers consult before the database.
    """
    instance._cluster_related_objects = children


# Indexing on save (modelsearch) -----------------------------------------------


def disconnect_index_on_save(model):
    """Stop modelsearch from indexing ``model`` on every save; True if it did.

    Relies on ``modelsearch.signal_handlers.post_save_signal_handler``, which
    ``register_signal_handlers`` connects to ``post_save`` once per indexed model
    (sender=model, no dispatch_uid).
    """
    return post_save.disconnect(post_save_signal_handler, sender=model)


def connect_index_on_save(model):
    """Undo ``disconnect_index_on_save`` (same receiver, same sender)."""
    post_save.connect(post_save_signal_handler, sender=model)


# Sites and requests (Django, Wagtail) ----------------------------------------


def raw_host(request):
    """The request's Host header, without Django's ALLOWED_HOSTS check.

    Relies on ``HttpRequest._get_raw_host``, which Wagtail's site lookup uses.
    """
    return request._get_raw_host()


def find_site_for_request(request):
    """Wagtail's Site for ``request``, looked up in the database (no caching).

    Relies on ``Site._find_for_request``, the uncached half of
    ``Site.find_for_request``.
    """
    return Site._find_for_request(request)


def cache_site_on_request(request, site):
    """Make ``Site.find_for_request(request)`` answer ``site`` without a query.

    Relies on Wagtail memoising the site as ``request._wagtail_site``.
    """
    request._wagtail_site = site


def admin_api_endpoint(router, name):
    """The endpoint class registered under ``name`` in Wagtail's admin API router
    (``WagtailAPIRouter._endpoints``; there is no public getter), or None."""
    return router._endpoints.get(name)


def annotate_last_edit_info(queryset, language_code, root_path):
    """The page-types usage report's counts and last edits, limited to the pages
    under ``root_path`` (``wagtail.admin.views.reports.page_types_usage``'s
    module-private ``_annotate_last_edit_info``)."""
    from wagtail.admin.views.reports import page_types_usage

    return page_types_usage._annotate_last_edit_info(queryset, language_code, root_path)
