"""Control characters never reach a view, the database or the audit trail.

PostgreSQL refuses NUL in text, so ``/search/?q=%00`` used to end in a 500
when the query statistics were saved; other control characters corrupt logs
and exports. An address (path or query string) holding one is refused with a
400 and a Vietnamese page, since no legitimate link contains them. Form fields
are cleaned instead of refused, so that a citizen's or editor's text pasted
from another program is kept: control characters other than tab and line
breaks are removed. The user agent and referrer, which the audit trail
stores, are cleaned the same way.
"""

import re
from urllib.parse import unquote

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CLEANED_HEADERS = ("HTTP_USER_AGENT", "HTTP_REFERER")


def strip_control_characters(value):
    return CONTROL_CHARACTERS.sub("", value)


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = request.path + "?" + unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if CONTROL_CHARACTERS.search(address):
            raise BadRequest(_("Địa chỉ yêu cầu chứa ký tự điều khiển không hợp lệ."))
        for header in CLEANED_HEADERS:
            if header in request.META:
                request.META[header] = strip_control_characters(request.META[header])
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            self.clean_form(request)
        return self.get_response(request)

    @staticmethod
    def clean_form(request):
        data = request.POST
        if not any(CONTROL_CHARACTERS.search(key + "".join(data.getlist(key))) for key in data):
            return
        cleaned = data.copy()
        for key in list(cleaned):
            values = [strip_control_characters(value) for value in cleaned.getlist(key)]
            del cleaned[key]
            cleaned.setlist(strip_control_characters(key), values)
        cleaned._mutable = False
        request.POST = cleaned
