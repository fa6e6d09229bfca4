"""Errors in the OData JSON error format (OData v4.0 JSON Format §21):
`{"error": {"code": "...", "message": "...", "target": "$filter"}}`.

Clients written for the Chamber's API read `['error']['message']` (tkapi 0.9.10,
tkapi/tkapi.py `_request_json`), so every refusal of the OData service has that shape, the ones
DRF makes (not signed in, throttled, method not allowed) too.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions

ODATA_VERSION = {"OData-Version": "4.0"}


class ODataError(Exception):
    """A request the service refuses: the HTTP status, a code and a message for the client, and
    the query option or path segment it is about."""

    def __init__(self, message: str, *, target: str = "", status: int = 400, code: str = ""):
        super().__init__(message)
        self.message = message
        self.target = target
        self.status = status
        self.code = code or {400: "BadRequest", 404: "NotFound"}.get(status, "Error")


def error_response(status: int, code: str, message: str, target: str = "") -> JsonResponse:
    error = {"code": code, "message": message}
    if target:
        error["target"] = target
    return JsonResponse({"error": error}, status=status, headers=ODATA_VERSION)


def handle(exc: Exception) -> JsonResponse | None:
    """The OData answer to `exc`, or None when it is not one the service expects (a bug: the
    API's own handler logs it and answers 500)."""
    if isinstance(exc, ODataError):
        return error_response(exc.status, exc.code, exc.message, exc.target)
    if isinstance(exc, exceptions.APIException):
        response = error_response(exc.status_code, str(exc.get_codes()), str(exc.detail))
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            response["Retry-After"] = str(int(exc.wait))
        if isinstance(exc, exceptions.MethodNotAllowed):
            response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    return None


def not_found(what: str) -> ODataError:
    return ODataError(_("%(what)s was not found.") % {"what": what}, status=404)
