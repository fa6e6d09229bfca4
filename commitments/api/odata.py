"""Our commitments in the Tweede Kamer's shape: `/api/odata/Toezegging`, OData v4 JSON.

Tools written for the Chamber's open-data API read ours as they read theirs: the envelope
`{"@odata.context", "value", "@odata.nextLink"}`, records with the Chamber's field names and
formats (`commitments.tk.records.to_record`, the mirror of what our importer reads), and
pages of 250 followed through `@odata.nextLink` until there is none.

Paging is by key, not by offset: the link carries the last row's position in an opaque
`$skiptoken`, so a deep page costs what the first costs and rows added meanwhile shift nothing.
One query per page, whatever its size. Of OData's query options the ones a synchronising client
needs are understood: `$filter` on `GewijzigdOp` (and `ApiGewijzigdOp`, the same moment for us),
compared with `gt`, `ge`, `lt` or `le`, and on `Verwijderd` with `eq` or `ne`, joined with `and`;
`$orderby=GewijzigdOp` (oldest change first; without it, the order of creation); `$format=json`.
Anything else is refused with a 400 rather than ignored, so a client never takes a partial answer
for a full one. `GewijzigdOp` is our last change of the commitment.

Reading follows the rest of the API: public unless DASHBOARD_REQUIRE_LOGIN.
"""

import base64
import datetime
import re
import urllib.parse

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from commitments.api.permissions import ReadPublicWriteClerk
from commitments.models import Commitment
from commitments.tk.export import to_record

OPTIONS = {"$filter", "$orderby", "$skiptoken", "$format"}
CLAUSE = re.compile(
    r"^(?P<field>GewijzigdOp|ApiGewijzigdOp|Verwijderd)\s+(?P<operator>eq|ne|gt|ge|lt|le)\s+"
    r"(?P<value>\S+)$"
)
MOMENT_FIELDS = {"GewijzigdOp", "ApiGewijzigdOp"}
ORDER_BY_CHANGE = re.compile(r"^(Api)?GewijzigdOp( asc)?$")


def refuse(option: str, message: str) -> ValidationError:
    return ValidationError({option: [message]})


def parse_filter(text: str) -> Q:
    """The conditions of a `$filter` this endpoint understands, as one Q."""
    condition = Q()
    for clause in re.split(r"\s+and\s+", text.strip()):
        clause = clause.strip()
        while clause.startswith("(") and clause.endswith(")"):
            clause = clause[1:-1].strip()
        match = CLAUSE.match(clause)
        if match is None:
            raise refuse(
                "$filter",
                _(
                    "Only GewijzigdOp or ApiGewijzigdOp (gt, ge, lt, le a date and time) and "
                    "Verwijderd (eq, ne true or false), joined with 'and', can be filtered on."
                ),
            )
        condition &= clause_condition(**match.groupdict())
    return condition


def clause_condition(*, field: str, operator: str, value: str) -> Q:
    if field in MOMENT_FIELDS:
        if operator not in ("gt", "ge", "lt", "le"):
            raise refuse("$filter", _("Compare a date and time with gt, ge, lt or le."))
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise refuse(
                "$filter",
                _("%(value)s is not a date and time with an offset, such as %(example)s.")
                % {"value": value, "example": "2024-05-01T08:00:00Z"},
            )
        lookup = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}[operator]
        return Q(**{f"updated_at__{lookup}": moment})
    if operator not in ("eq", "ne") or value not in ("true", "false"):
        raise refuse("$filter", _("Compare Verwijderd with eq or ne and true or false."))
    return Q(withdrawn_from_source=(value == "true") == (operator == "eq"))


def encode_token(*parts) -> str:
    return base64.urlsafe_b64encode("|".join(map(str, parts)).encode()).decode().rstrip("=")


def row_id(text: str) -> int:
    """A row id from a token; ValueError for anything a bigint column cannot hold."""
    value = int(text)
    if not 0 <= value < 2**63:
        raise ValueError(text)
    return value


def decode_token(token: str, *, by_change: bool) -> Q:
    """The rows after the position a `$skiptoken` holds, in the page order."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        if by_change:
            moment, pk = text.split("|")
            after = datetime.datetime.fromisoformat(moment)
            return Q(updated_at__gt=after) | Q(updated_at=after, pk__gt=row_id(pk))
        return Q(pk__gt=row_id(text))
    except (ValueError, UnicodeDecodeError):
        raise refuse("$skiptoken", _("This is not a token this endpoint handed out.")) from None


class ToezeggingFeed(APIView):
    """Commitments as the Tweede Kamer's open-data entity `Toezegging` (OData v4 JSON)."""

    permission_classes = [ReadPublicWriteClerk]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]
    page_size = 250

    @extend_schema(
        operation_id="odata_toezegging",
        parameters=[
            OpenApiParameter(
                "$filter", str, description="e.g. GewijzigdOp ge 2024-05-01T08:00:00Z"
            ),
            OpenApiParameter("$orderby", str, description="GewijzigdOp: oldest change first"),
            OpenApiParameter("$skiptoken", str, description="from @odata.nextLink"),
            OpenApiParameter("$format", str, enum=["json"]),
        ],
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "Commitments in the shape of the Tweede Kamer's OData entity Toezegging, 250 a page; "
            "follow @odata.nextLink for the next."
        ),
    )
    def get(self, request):
        params = request.query_params
        unknown = sorted(set(params) - OPTIONS)
        if unknown:
            raise ValidationError({name: [_("Not supported here.")] for name in unknown})
        if params.get("$format", "json") not in ("json", "application/json"):
            raise refuse("$format", _("Only json."))
        order = params.get("$orderby", "").strip()
        by_change = bool(ORDER_BY_CHANGE.match(order))
        if order and not by_change:
            raise refuse("$orderby", _("Only GewijzigdOp (ascending) is supported."))

        commitments = Commitment.objects.select_related("ministry", "official", "source")
        if params.get("$filter", "").strip():
            commitments = commitments.filter(parse_filter(params["$filter"]))
        if "$skiptoken" in params:
            commitments = commitments.filter(
                decode_token(params["$skiptoken"], by_change=by_change)
            )
        ordering = ["updated_at", "pk"] if by_change else ["pk"]
        rows = list(commitments.order_by(*ordering)[: self.page_size + 1])
        page, more = rows[: self.page_size], len(rows) > self.page_size

        body = {
            "@odata.context": self.context_url(request),
            "value": [to_record(commitment) for commitment in page],
        }
        if more:
            last = page[-1]
            token = (
                encode_token(last.updated_at.isoformat(), last.pk)
                if by_change
                else encode_token(last.pk)
            )
            body["@odata.nextLink"] = self.next_url(request, token)
        return Response(body, headers={"OData-Version": "4.0"})

    @staticmethod
    def context_url(request) -> str:
        return request.build_absolute_uri(request.path.rsplit("/", 1)[0] + "/$metadata") + (
            "#Toezegging"
        )

    @staticmethod
    def next_url(request, token: str) -> str:
        query = {key: value for key, value in request.query_params.items() if key != "$skiptoken"}
        query["$skiptoken"] = token
        encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$(),'")
        return f"{request.build_absolute_uri(request.path)}?{encoded}"
