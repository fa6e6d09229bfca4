"""One JSON shape for every error: {"status", "code", "detail", "errors": {field: [messages]}}."""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from commitments.api.serializers import errors_by_field
from commitments.models import Commitment

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        # The services validate commitments; their messages go on the field they are about.
        exc = exceptions.ValidationError(
            errors_by_field(exc, Commitment)
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return server_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        errors = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        body = {
            "status": response.status_code,
            "code": "invalid",
            "detail": _("The request is not valid; see errors for each field."),
            "errors": errors,
        }
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = {
            "status": response.status_code,
            "code": codes if isinstance(codes, str) else "error",
            "detail": response.data.get("detail", "") if isinstance(response.data, dict) else "",
            "errors": {},
        }
    return Response(body, status=response.status_code, headers=dict(response.items()))


def server_error(exc, context) -> Response:
    """An error the API did not expect: logged with its traceback, answered as a 500 in the
    API's own shape (an integrator's client reads JSON, never Django's HTML error page), and
    the request's transaction rolled back as it would have been."""
    set_rollback()
    view = context.get("view")
    logger.error(
        "API error in %s: %s",
        type(view).__name__ if view else "?",
        type(exc).__name__,
        exc_info=exc,
        extra={"event": "api_error", "error": type(exc).__name__},
    )
    body = {
        "status": 500,
        "code": "server_error",
        "detail": _("Something went wrong on our side; it has been logged."),
        "errors": {},
    }
    return Response(body, status=500)
