"""The API's throttle, keyed on the same client address as the login throttle."""

from axes.helpers import get_client_ip_address
from rest_framework.throttling import AnonRateThrottle


class ClientAddressAnonThrottle(AnonRateThrottle):
    """Anonymous readers, `API_ANON_RATE` requests per client address.

    DRF's own `get_ident` believes any `X-Forwarded-For` a client sends, so rotating that header
    escaped the limit, and behind our proxy (which sets `X-Real-IP`) every reader shared the
    proxy's address and one busy reader throttled all. The address comes instead from the one
    place that knows which header to trust: django-axes' `get_client_ip_address`, configured by
    `AXES_IPWARE_META_PRECEDENCE_ORDER` (`REMOTE_ADDR`, or `X-Real-IP` with `BEHIND_PROXY`).
    """

    def get_ident(self, request):
        return get_client_ip_address(request)
