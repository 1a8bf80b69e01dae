"""URL configuration: public pages, search, admin, documents and sitemaps."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.health import healthz
from contests import urls as contests_urls
from home import embed
from home.syndication import SectionFeed, SiteFeed, robots_txt
from legal_docs.feeds import LegalFieldFeed
from portal_sync import urls as portal_sync_urls
from questions import urls as questions_urls
from search import feedback as search_feedback
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search_view, name="search"),
    path("api/search/", search_views.api_search, name="api_search"),
    path("search/mo/", search_feedback.record_open, name="search_open"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="api_search_autocomplete"),
    *contests_urls.urlpatterns,
    *questions_urls.urlpatterns,  # before the open API, whose collections take any name
    *portal_sync_urls.urlpatterns,
    path("api/v1/", include("publicapi.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("embed.js", embed.embed_script, name="embed_script"),
    path("embed/", embed.frame, name="embed_frame"),
    path("embed/fragment/", embed.fragment, name="embed_fragment"),
    path("rss/", SiteFeed(), name="rss_site"),
    path("rss/linh-vuc/<slug:slug>/", LegalFieldFeed(), name="rss_legal_field"),
    path("rss/<path:path>/", SectionFeed(), name="rss_section"),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
