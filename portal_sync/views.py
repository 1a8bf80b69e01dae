"""The intake: where another portal pushes content to this one (``/api/v1/intake/``).

A delivery is a JSON object ``{"id": uuid, "resource": key, "object": {…}}``
signed by a sender this portal knows (``SYNC_INTAKE_KEYS``): the headers carry
the sender's key id, a Unix timestamp and ``sha256=HMAC(secret, timestamp +
"." + body)``. A delivery is applied once (a retried id answers "duplicate");
its object is received like a pulled one (``engine.receive``), so a local
edit is never overwritten. Every refusal is a JSON ``{"error": …}`` in
Vietnamese: 401 for a bad signature, 400 for a bad body, 422 for an object
that cannot be applied.
"""

import hmac
import json
import time
import uuid

from django.conf import settings
from django.db import IntegrityError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from multisite.models import Unit, UnitKind

from . import engine
from .models import ReceivedDelivery
from .push import KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign


def _refuse(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _signature_problem(request, body):
    key_id = request.headers.get(KEY_HEADER, "")
    secret = settings.SYNC_INTAKE_KEYS.get(key_id)
    if secret is None:
        return _("Bên gửi “%(key)s” không được phép gửi tới cổng này.") % {"key": key_id[:100]}
    try:
        timestamp = int(request.headers.get(TIMESTAMP_HEADER, ""))
    except ValueError:
        return _("Thiếu hoặc sai dấu thời gian %(header)s.") % {"header": TIMESTAMP_HEADER}
    if abs(time.time() - timestamp) > settings.SYNC_MAX_SKEW:
        return _("Dấu thời gian lệch quá %(n)d giây: gói tin cũ hoặc đồng hồ bên gửi sai.") % {
            "n": settings.SYNC_MAX_SKEW
        }
    expected = sign(secret, timestamp, body)
    if not hmac.compare_digest(expected, request.headers.get(SIGNATURE_HEADER, "")):
        return _("Chữ ký HMAC không khớp.")
    return None


@csrf_exempt
@require_POST
def intake(request):
    body = request.body
    if len(body) > settings.SYNC_MAX_BYTES:
        return _refuse(_("Gói tin lớn quá %(n)d byte.") % {"n": settings.SYNC_MAX_BYTES}, status=413)
    problem = _signature_problem(request, body)
    if problem:
        return _refuse(problem, status=401)
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return _refuse(_("Nội dung không phải JSON hợp lệ (UTF-8)."))
    if not isinstance(data, dict) or not {"id", "resource", "object"} <= set(data):
        return _refuse(_("Gói tin phải là đối tượng JSON có id, resource và object."))
    try:
        delivery_id = uuid.UUID(str(data["id"]))
    except ValueError:
        return _refuse(_("id của gói tin phải là một UUID."))
    resource = data["resource"]
    if not isinstance(resource, str) or engine.validator(resource) is None:
        return _refuse(_("Tập dữ liệu “%(key)s” không nhận được.") % {"key": str(resource)[:50]})
    sender = request.headers[KEY_HEADER]
    if ReceivedDelivery.objects.filter(uuid=delivery_id).exists():
        return JsonResponse({"status": "duplicate"})
    reasons = engine.invalid_reasons(resource, data["object"])
    if reasons:
        return _refuse("; ".join(reasons), status=422)
    unit = Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
    if unit is None:
        return _refuse(_("Cổng này chưa có đơn vị cấp tỉnh để nhận nội dung."), status=503)
    try:
        ReceivedDelivery.objects.create(uuid=delivery_id, sender=sender, resource=resource, result="pending")
    except IntegrityError:
        return JsonResponse({"status": "duplicate"})
    try:
        report = engine.receive(f"intake:{sender}", resource, [data["object"]], unit)
    except engine.SyncProblem as error:
        report = engine.Report(problems=[str(error)])
    if not report.counts or report.counts[engine.Outcome.INVALID]:
        # Not applied: forget the id, so that the sender's retry is heard.
        ReceivedDelivery.objects.filter(uuid=delivery_id).delete()
        return _refuse("; ".join(report.problems) or _("Không áp dụng được nội dung."), status=422)
    outcome = next(iter(report.counts))
    ReceivedDelivery.objects.filter(uuid=delivery_id).update(result=outcome)
    return JsonResponse({"status": outcome})
