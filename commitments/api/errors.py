"""One JSON shape for every error: {"status", "code", "detail", "errors": {field: [messages]}}."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from commitments.api.serializers import errors_by_field
from commitments.models import Commitment


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
        return None
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
