"""Who is on the other end of a request."""


def client_ip(request):
    """The client's address as axes sees it (honours the proxy settings)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    try:
        return get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001 - a malformed header must not stop the audit
        return request.META.get("REMOTE_ADDR") or None
