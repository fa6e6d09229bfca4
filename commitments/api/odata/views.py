"""The OData v4 service at /api/odata/: the service document, `$metadata`, the entity set
`Toezegging` (with its query options, `/$count`, one entity by key and its navigation
properties).

Reading follows the rest of the API (`ReadPublicWriteClerk`: public unless
DASHBOARD_REQUIRE_LOGIN), and so does throttling; nothing is written here. Every refusal is an
OData error (`errors.py`). A page costs one query, plus one for `$count=true` and one per
expanded navigation property.
"""

import functools
import re
import urllib.parse
import uuid

from django.db.models import F, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from commitments.api.odata import errors
from commitments.api.odata.entity import NAMESPACE, QUERYABLE, annotate
from commitments.api.odata.expand import EXPANDABLE, NAVIGATION
from commitments.api.odata.metadata import PROPERTIES, csdl, service_document
from commitments.api.odata.options import (
    PAGE_SIZE,
    Options,
    after,
    encode_token,
    read_options,
)
from commitments.api.permissions import ReadPublicWriteClerk
from commitments.models import Commitment
from commitments.tk.export import export_id, local_pk, to_record

KEY = re.compile(r"^(?:Id=)?(?:guid)?'?(?P<guid>[0-9a-fA-F-]{36})'?$")
# Properties a client cannot tell the type of from JSON alone (odata.metadata=full).
TYPED = {name: edm.removeprefix("Edm.") for name, edm in PROPERTIES.items()}
TYPED = {name: kind for name, kind in TYPED.items() if kind in ("Guid", "DateTimeOffset")}


class AnyContent(BaseContentNegotiation):
    """The service answers in the format its options ask for, whatever Accept says: `$format`
    and odata.metadata choose, the views render."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return None


class ODataView(APIView):
    """What every view of the service shares: the API's reading permission and throttle, JSON
    whatever Accept says, refusals in OData's error format, the service root's URL."""

    permission_classes = [ReadPublicWriteClerk]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AnyContent
    http_method_names = ["get", "head", "options"]
    root_name = "api-odata-root"

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            # As DRF decides: a 401 only with a challenge of the first authenticator (session
            # authentication has none), else a 403.
            challenge = self.get_authenticate_header(self.request)
            if challenge:
                self.headers["WWW-Authenticate"] = challenge
            else:
                exc.status_code = 403
        response = errors.handle(exc)
        return super().handle_exception(exc) if response is None else response

    @functools.cached_property
    def root_url(self) -> str:
        """The service root as the client reached it (computed once a request: every record
        of a page with odata.metadata=full links to it)."""
        return self.request.build_absolute_uri(reverse(self.root_name))


def json_response(body: dict, metadata: str = "minimal") -> JsonResponse:
    return JsonResponse(
        body,
        content_type=f"application/json;odata.metadata={metadata}",
        headers=errors.ODATA_VERSION,
        json_dumps_params={"ensure_ascii": False},
    )


class ServiceDocumentView(ODataView):
    @extend_schema(exclude=True)
    def get(self, request):
        return json_response(service_document(self.root_url))


class MetadataView(ODataView):
    @extend_schema(exclude=True)
    def get(self, request):
        return HttpResponse(
            csdl(), content_type="application/xml; charset=utf-8", headers=errors.ODATA_VERSION
        )


def commitments():
    return Commitment.objects.select_related("ministry", "official", "source", "committee")


class EntitySetView(ODataView):
    """Shared by the views of `Toezegging`: options, rows and their representation."""

    def query(self, allowed=None) -> Options:
        params = self.request.query_params
        if allowed is not None:
            refused = sorted(
                name for name in params if name.startswith("$") and name not in allowed
            )
            if refused:
                raise errors.ODataError(
                    _("%(option)s does not apply here.") % {"option": refused[0]},
                    target=refused[0],
                )
        return read_options(
            params, accept=self.request.headers.get("Accept", ""), expandable=EXPANDABLE
        )

    def entity(self, commitment: Commitment, options: Options, expanded: dict) -> dict:
        record = to_record(commitment)
        if options.select is not None:
            record = {name: record[name] for name in options.select}
        if options.metadata == "full":
            key = record.get("Id") or str(export_id(commitment))
            link = f"{self.root_url}Toezegging({key})"
            control = {"@odata.type": f"#{NAMESPACE}.Toezegging", "@odata.id": link}
            control["@odata.editLink"] = f"Toezegging({key})"
            for name in NAVIGATION:
                control[f"{name}@odata.navigationLink"] = f"{link}/{name}"
            for name, kind in TYPED.items():
                if name in record:
                    control[f"{name}@odata.type"] = f"#{kind}"
            record = control | record
        for name, values in expanded.items():
            select = options.expand[name]["select"]
            items = values[commitment.pk]
            if select is not None:
                items = [{key: item.get(key) for key in select} for item in items]
            record[name] = items
        return record

    def expanded(self, page: list[Commitment], options: Options) -> dict:
        return {
            name: NAVIGATION[name][0](page, inner["expand"])
            for name, inner in options.expand.items()
        }


def select_page(options: Options) -> tuple[list[Commitment], bool, int | None]:
    """The rows of one page (one query), whether more follow, and how many match in all when
    `$count` asks (one more query)."""
    matching = annotate(commitments(), options.uses | {name for name, _ in options.order})
    matching = matching.filter(options.condition)
    rows = matching
    if options.after is not None:
        rows = rows.filter(after(options.order, options.after))
    ordering = [
        F(QUERYABLE[name].alias).desc() if descending else F(QUERYABLE[name].alias).asc()
        for name, descending in options.order
    ]
    rows = rows.order_by(*ordering, "pk")
    # A $top that fits in a page is served whole, without a nextLink, as at the Chamber.
    fits = options.top is not None and options.top <= PAGE_SIZE
    size = options.top if fits else PAGE_SIZE
    fetched = list(rows[options.skip : options.skip + size + (0 if fits else 1)])
    count = matching.count() if options.count else None
    return fetched[:size], len(fetched) > size, count


class CollectionView(EntitySetView):
    """`GET /api/odata/Toezegging`: pages of 250, linked by `@odata.nextLink`."""

    @extend_schema(exclude=True)
    def get(self, request):
        options = self.query()
        page, more, count = select_page(options)
        body = {}
        if options.metadata != "none":
            body["@odata.context"] = f"{self.root_url}$metadata#Toezegging" + self.selected(options)
        if count is not None:
            body["@odata.count"] = count
        expanded = self.expanded(page, options)
        body["value"] = [self.entity(commitment, options, expanded) for commitment in page]
        if more:
            body["@odata.nextLink"] = self.next_link(options, page[-1], len(page))
        return json_response(body, options.metadata)

    @staticmethod
    def selected(options: Options) -> str:
        return f"({','.join(options.select)})" if options.select is not None else ""

    def next_link(self, options: Options, last: Commitment, served: int) -> str:
        values = [getattr(last, QUERYABLE[name].alias) for name, _desc in options.order]
        query = {
            name: value
            for name, value in self.request.query_params.items()
            if name not in ("$skip", "$skiptoken")
        }
        query["$skiptoken"] = encode_token(values, last.pk)
        if options.top is not None:
            query["$top"] = str(options.top - served)
        encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$(),'=;")
        return f"{self.request.build_absolute_uri(self.request.path)}?{encoded}"


class CountView(EntitySetView):
    """`GET /api/odata/Toezegging/$count`: how many match `$filter`, as plain text."""

    @extend_schema(exclude=True)
    def get(self, request):
        options = self.query(allowed={"$filter", "$format"})
        matching = annotate(Commitment.objects.all(), options.uses).filter(options.condition)
        return HttpResponse(
            str(matching.count()),
            content_type="text/plain; charset=utf-8",
            headers=errors.ODATA_VERSION,
        )


def by_key(key: str) -> Q:
    """The commitment `Toezegging(<key>)` names; ODataError 404 when the key is no GUID."""
    match = KEY.match(urllib.parse.unquote(key))
    try:
        guid = uuid.UUID(match["guid"]) if match else None
    except ValueError:
        guid = None
    if guid is None:
        raise errors.not_found(f"Toezegging({key})")
    pk = local_pk("Toezegging", guid)
    return Q(tk_id=guid) | Q(pk=pk, tk_id__isnull=True) if pk is not None else Q(tk_id=guid)


class EntityView(EntitySetView):
    """`GET /api/odata/Toezegging(<Id>)`: one record, with `$select` and `$expand`."""

    @extend_schema(exclude=True)
    def get(self, request, key):
        options = self.query(allowed={"$select", "$expand", "$format"})
        commitment = commitments().filter(by_key(key)).first()
        if commitment is None:
            raise errors.not_found(f"Toezegging({key})")
        record = self.entity(commitment, options, self.expanded([commitment], options))
        if options.metadata != "none":
            context = f"{self.root_url}$metadata#Toezegging{CollectionView.selected(options)}"
            record = {"@odata.context": f"{context}/$entity"} | record
        return json_response(record, options.metadata)


class NavigationView(EntitySetView):
    """`GET /api/odata/Toezegging(<Id>)/ToegezegdAan`: a navigation property on its own."""

    @extend_schema(exclude=True)
    def get(self, request, key, navigation):
        if navigation not in NAVIGATION:
            raise errors.not_found(f"Toezegging({key})/{navigation}")
        options = self.query(allowed={"$format"})
        commitment = Commitment.objects.filter(by_key(key)).first()
        if commitment is None:
            raise errors.not_found(f"Toezegging({key})")
        loader, _nested = NAVIGATION[navigation]
        body = {"value": loader([commitment], [])[commitment.pk]}
        if options.metadata != "none":
            body = {"@odata.context": f"{self.root_url}$metadata#{navigation}"} | body
        return json_response(body, options.metadata)


class UnknownView(ODataView):
    """Any other path under /api/odata/: not found, in OData's error format."""

    @extend_schema(exclude=True)
    def get(self, request, path):
        raise errors.not_found(path)
