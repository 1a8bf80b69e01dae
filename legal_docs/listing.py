"""Filtered, counted and paginated listing of a legal-document section."""


def listing_context(index_page, request):
    return {}
