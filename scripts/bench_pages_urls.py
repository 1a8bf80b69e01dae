"""The portal's URLs plus the benchmark's floor: a bare Django view returning 20 KB."""

from django.http import HttpResponse
from django.urls import path

from site_config.urls import urlpatterns as portal_urlpatterns

FLOOR_BODY = ("<p>Pho bien, giao duc phap luat.</p>\n" * 1000).encode()[: 20 * 1024]


def floor(request):
    return HttpResponse(FLOOR_BODY)


urlpatterns = [path("__floor__/", floor), *portal_urlpatterns]
