"""Request set-up shared by every view."""

from core.internals import cache_site_on_request

from .lookup import site_for_request


class CachedSiteMiddleware:
    """Gives Wagtail the request's Site from the cache (multisite.lookup), so
    that serving a page or a search does not look the site up in the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cache_site_on_request(request, site_for_request(request))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Keep each unit's staff out of other units' data in the admin (see admin_isolation)."""
        if not request.path.startswith("/admin/"):
            return None
        from .admin_isolation import guard_admin_view

        return guard_admin_view(request, view_func, view_args, view_kwargs)
