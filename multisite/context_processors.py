"""Template context shared by every public page."""

from .lookup import province_info, unit_for_request


def current_unit(request):
    if request.path.startswith(("/admin/", "/static/", "/media/")):
        return {}
    return {"current_unit": unit_for_request(request), "province": province_info()}
