"""The same service in OData v2's JSON format, at /api/odata/v2/, for clients that speak only v2.

pyodata 1.12.1 (PyPI, SAP) is one: its only version is 2 (pyodata/client.py `ODATA_VERSION_2`),
it cannot read a v4 `NavigationProperty` from `$metadata` (it wants v2's `Relationship`), and it
reads collections as `{"d": {"results": [...], "__count": "n", "__next": url}}` and an
Edm.DateTimeOffset as `/Date(<ms>±<offset minutes>)/` (pyodata/v2/model.py, service.py).

Served here: `$metadata` (CSDL 1.0 / DataServiceVersion 2.0, `Toezegging` with the same
properties and types, no navigation properties), `Toezegging` with `$filter`, `$orderby`, `$top`,
`$skip`, `$select`, `$inlinecount=allpages` (v2's `$count=true`), `$format=json` and paging by
`__next`, one record by key and `/$count`. `$filter` takes v2's typed literals
(`datetimeoffset'...'`, `datetime'...'` as UTC, `guid'...'`) and `substringof`; the rest of its
reading, the rows and the paging are the v4 service's. Errors take v2's shape,
`{"error": {"code", "message": {"lang", "value"}}}`. Our instance annotations have no place in v2
and are left out.
"""

import datetime
import json
import re
import urllib.parse

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema

from commitments.api.odata import errors
from commitments.api.odata.entity import NAMESPACE
from commitments.api.odata.metadata import PROPERTIES, REQUIRED, TOEZEGGING
from commitments.api.odata.options import Options, read_options
from commitments.api.odata.views import (
    CollectionView,
    CountView,
    EntityView,
    ODataView,
    by_key,
    commitments,
    select_page,
)
from commitments.tk.export import to_record

EDMX = "http://schemas.microsoft.com/ado/2007/06/edmx"
EDM = "http://schemas.microsoft.com/ado/2008/09/edm"
METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
VERSION = {"DataServiceVersion": "2.0"}
# v2's typed literals and substringof, outside the text literals of a $filter.
V2_SYNTAX = re.compile(
    r"'(?:[^']|'')*'"
    r"|\b(?P<kind>datetimeoffset|datetime|guid)'(?P<value>[^']*)'"
    r"|\bsubstringof\(\s*(?P<text>'(?:[^']|'')*')\s*,\s*(?P<prop>\w+)\s*\)",
    re.IGNORECASE,
)


def csdl() -> str:
    """`$metadata` in CSDL 1.0, as a v2 client reads it."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<edmx:Edmx Version="1.0" xmlns:edmx="{EDMX}" xmlns:m="{METADATA}">',
        '<edmx:DataServices m:DataServiceVersion="2.0">',
        f'<Schema Namespace="{NAMESPACE}" xmlns="{EDM}">',
        '<EntityType Name="Toezegging">',
        '<Key><PropertyRef Name="Id"/></Key>',
    ]
    for name, edm in TOEZEGGING:
        nullable = "false" if name in REQUIRED else "true"
        lines.append(f'<Property Name="{name}" Type="{edm}" Nullable="{nullable}"/>')
    lines += [
        "</EntityType>",
        '<EntityContainer Name="Container" m:IsDefaultEntityContainer="true">',
        f'<EntitySet Name="Toezegging" EntityType="{NAMESPACE}.Toezegging"/>',
        "</EntityContainer>",
        "</Schema>",
        "</edmx:DataServices>",
        "</edmx:Edmx>",
        "",
    ]
    return "\n".join(lines)


def v4_filter(text: str) -> str:
    """A v2 `$filter` in the v4 syntax our parser reads."""

    def rewrite(match: re.Match) -> str:
        if match["kind"]:
            value = match["value"]
            if match["kind"].lower() == "datetime" and not re.search(r"(Z|[+-]\d\d:\d\d)$", value):
                value += "Z"
            return value
        if match["prop"]:
            return f"contains({match['prop']}, {match['text']})"
        return match[0]

    return V2_SYNTAX.sub(rewrite, text)


def v2_moment(text: str) -> str:
    """An Edm.DateTimeOffset as v2 JSON writes it: wall-clock milliseconds since 1970-01-01 in
    the value's own offset, and that offset in minutes (pyodata's `from_json`)."""
    moment = datetime.datetime.fromisoformat(text)
    offset = int(moment.utcoffset() / datetime.timedelta(minutes=1))
    ticks = (moment.replace(tzinfo=None) - datetime.datetime(1970, 1, 1)) // datetime.timedelta(
        milliseconds=1
    )
    return f"/Date({ticks}{offset:+05d})/"


COLLECTION_OPTIONS = {"$filter", "$orderby", "$top", "$skip", "$select", "$inlinecount"}
COLLECTION_OPTIONS |= {"$format", "$skiptoken"}


class V2View(ODataView):
    """Errors in v2's shape; the version header v2 clients look for."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if not isinstance(response, JsonResponse) or "error" not in json.loads(response.content):
            return response
        error = json.loads(response.content)["error"]
        message = {"lang": self.request.LANGUAGE_CODE, "value": error["message"]}
        return JsonResponse(
            {"error": {"code": error["code"], "message": message}},
            status=response.status_code,
            headers={key: value for key, value in response.items() if key != "Content-Type"}
            | VERSION,
        )

    root_name = "api-odata-v2-root"

    def query(self, allowed=None) -> Options:
        allowed = COLLECTION_OPTIONS if allowed is None else allowed
        params = self.request.query_params.copy()
        refused = sorted(name for name in params if name.startswith("$") and name not in allowed)
        if refused:
            raise errors.ODataError(
                _("%(option)s does not apply here.") % {"option": refused[0]}, target=refused[0]
            )
        inline = params.pop("$inlinecount", ["none"])[-1]
        if inline not in ("allpages", "none"):
            raise errors.ODataError(_("$inlinecount is allpages or none."), target="$inlinecount")
        params["$count"] = "true" if inline == "allpages" else "false"
        if "$filter" in params:
            params["$filter"] = v4_filter(params["$filter"])
        return read_options(params, expandable={})

    def v2_entity(self, commitment, options: Options) -> dict:
        record = to_record(commitment)
        names = options.select if options.select is not None else list(PROPERTIES)
        uri = f"{self.root_url}Toezegging(guid'{record['Id']}')"
        entity = {"__metadata": {"uri": uri, "type": f"{NAMESPACE}.Toezegging"}}
        for name in names:
            value = record[name]
            if PROPERTIES[name] == "Edm.DateTimeOffset" and value is not None:
                value = v2_moment(value)
            entity[name] = value
        return entity


def v2_json(body: dict) -> JsonResponse:
    return JsonResponse(body, headers=VERSION, json_dumps_params={"ensure_ascii": False})


class MetadataV2View(V2View):
    @extend_schema(exclude=True)
    def get(self, request):
        return HttpResponse(csdl(), content_type="application/xml; charset=utf-8", headers=VERSION)


class ServiceDocumentV2View(V2View):
    @extend_schema(exclude=True)
    def get(self, request):
        return v2_json({"d": {"EntitySets": ["Toezegging"]}})


class CollectionV2View(V2View, CollectionView):
    @extend_schema(exclude=True)
    def get(self, request):
        options = self.query()
        page, more, count = select_page(options)
        results = {"results": [self.v2_entity(commitment, options) for commitment in page]}
        if count is not None:
            results["__count"] = str(count)
        if more:
            results["__next"] = self.next_link(options, page[-1], len(page))
        return v2_json({"d": results})


class EntityV2View(V2View, EntityView):
    @extend_schema(exclude=True)
    def get(self, request, key):
        options = self.query({"$select", "$format"})
        commitment = commitments().filter(by_key(key)).first()
        if commitment is None:
            raise errors.not_found(f"Toezegging({urllib.parse.unquote(key)})")
        return v2_json({"d": self.v2_entity(commitment, options)})


class CountV2View(V2View, CountView):
    """`/$count`, as in v4 (plain text), with a v2 `$filter`."""
