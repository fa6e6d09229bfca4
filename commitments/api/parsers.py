"""The API's parsers: DRF's, with a body nested too deeply refused like any malformed JSON."""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser. Python's parser recurses once per nested array or object and gives up
    with a RecursionError somewhere below a thousand levels (where depends on the stack already
    in use); no commitment, document or action needs more than three, so such a body is a 400
    in the API's error shape (errors.py) instead of a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("The JSON is nested too deeply.")) from error
