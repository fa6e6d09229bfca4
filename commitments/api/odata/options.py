"""The query options of a request for `Toezegging`, read and checked: `$filter`, `$orderby`,
`$top`, `$skip`, `$select`, `$expand`, `$count`, `$format` and our own `$skiptoken`.

Each is refused with an OData error naming it when it is not one we understand, never ignored.
Options not starting with `$` are custom query options, which OData lets a service ignore.

Paging is by key where it can be: a `$skiptoken` holds the order values and the primary key of the
last row of a page, so the next page starts after it (`after`), costs what the first costs, and
rows added meanwhile shift nothing. Every property one can order by has a value in every row (see
`entity.QUERYABLE`), so every order pages by key; the primary key breaks ties.
"""

import base64
import dataclasses
import datetime
import json
import re
import uuid

from django.db.models import Q
from django.utils.translation import gettext as _

from commitments.api.odata.entity import QUERYABLE
from commitments.api.odata.errors import ODataError
from commitments.api.odata.filters import parse_filter
from commitments.api.odata.metadata import PROPERTIES

PAGE_SIZE = 250
OPTIONS = {
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$select",
    "$expand",
    "$count",
    "$format",
    "$skiptoken",
}
METADATA_LEVELS = ("minimal", "full", "none")
ORDER_ITEM = re.compile(r"^(?P<name>\w+)(?:\s+(?P<direction>asc|desc))?$")
EXPAND_ITEM = re.compile(r"^(?P<name>\w+)(?:\((?P<options>.*)\))?$")


@dataclasses.dataclass
class Options:
    """What a request asks for, checked."""

    condition: Q = dataclasses.field(default_factory=Q)
    uses: set = dataclasses.field(default_factory=set)
    order: list = dataclasses.field(default_factory=list)  # [(property, descending)]
    top: int | None = None
    skip: int = 0
    select: list | None = None
    expand: dict = dataclasses.field(default_factory=dict)  # see read_expand
    count: bool = False
    metadata: str = "minimal"
    after: list | None = None  # the last row's order values and primary key


def refuse(option: str, message: str) -> ODataError:
    return ODataError(message, target=option)


def read_options(params, *, accept: str = "", expandable: dict) -> Options:
    """The options of a query string (a QueryDict); ODataError for anything not understood.

    `expandable` maps each navigation property to those that may be expanded inside it."""
    unknown = sorted(name for name in params if name.startswith("$") and name not in OPTIONS)
    if unknown:
        raise refuse(unknown[0], _("%(option)s is not supported.") % {"option": unknown[0]})
    options = Options(metadata=metadata_level(params.get("$format"), accept))
    if params.get("$filter", "").strip():
        options.condition, options.uses = parse_filter(params["$filter"])
    options.order = read_order(params.get("$orderby", ""))
    options.top = read_number(params, "$top")
    options.skip = read_number(params, "$skip") or 0
    options.select = read_select(params.get("$select"))
    options.expand = read_expand(params.get("$expand", ""), expandable)
    count = params.get("$count", "false").strip().lower()
    if count not in ("true", "false"):
        raise refuse("$count", _("$count is true or false."))
    options.count = count == "true"
    if "$skiptoken" in params:
        options.after = decode_token(params["$skiptoken"], options.order)
    return options


def metadata_level(format_option: str | None, accept: str) -> str:
    """`odata.metadata` from `$format` (json, application/json;odata.metadata=full, ...), else
    from the Accept header; minimal by default."""
    if format_option is None:
        media = accept if "odata.metadata=" in accept else "application/json"
    else:
        media = format_option.strip()
        if media.split(";")[0].strip().lower() not in ("json", "application/json"):
            raise refuse("$format", _("Only json (application/json) is served here."))
    match = re.search(r"odata\.metadata=(\w+)", media)
    level = match.group(1).lower() if match else "minimal"
    if level not in METADATA_LEVELS:
        raise refuse("$format", _("odata.metadata is minimal, full or none."))
    return level


def read_number(params, option: str) -> int | None:
    if option not in params:
        return None
    text = params[option].strip()
    if not text.isdigit() or len(text) > 9:
        raise refuse(option, _("%(option)s is a whole number, 0 or more.") % {"option": option})
    return int(text)


def read_order(text: str) -> list[tuple[str, bool]]:
    order = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        match = ORDER_ITEM.match(item)
        if match is None or match["name"] not in QUERYABLE:
            raise refuse(
                "$orderby",
                _("Order by one or more of %(names)s, each asc or desc.")
                % {"names": ", ".join(QUERYABLE)},
            )
        order.append((match["name"], match["direction"] == "desc"))
    return order


def read_select(text: str | None) -> list[str] | None:
    if text is None or text.strip() in ("", "*"):
        return None
    names = [name.strip() for name in text.split(",")]
    unknown = [name for name in names if name not in PROPERTIES]
    if unknown:
        raise refuse(
            "$select",
            _("%(name)s is not a property of Toezegging.") % {"name": unknown[0]},
        )
    return names


def read_expand(text: str, expandable: dict) -> dict[str, dict]:
    """`$expand` as {navigation: {"expand": [names inside], "select": [properties] or None}};
    inside the parentheses `$expand` and `$select`, separated by `;`, as OData writes them
    (`IsHerhalingVan($select=Id)`, `ToegezegdAan($expand=Persoon,Fractie)`)."""
    expand = {}
    for item in split_top_level(text):
        match = EXPAND_ITEM.match(item)
        if match is None or match["name"] not in expandable:
            raise refuse(
                "$expand",
                _("These can be expanded: %(names)s.") % {"names": ", ".join(expandable)},
            )
        name = match["name"]
        inner = {"expand": [], "select": None}
        for option in split_top_level(match["options"] or "", separator=";"):
            key, _sep, value = option.partition("=")
            if key.strip() not in ("$expand", "$select") or not value.strip():
                raise refuse("$expand", _("Inside an expansion, $expand and $select are read."))
            inner[key.strip()[1:]] = split_top_level(value)
        if not set(inner["expand"]) <= set(expandable[name]):
            raise refuse(
                "$expand",
                _("Inside %(name)s, $expand takes %(names)s.")
                % {"name": name, "names": ", ".join(expandable[name]) or "-"},
            )
        expand[name] = inner
    return expand


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """`text` split at the separators outside parentheses."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        items.append(current.strip())
    return items


def encode_token(values: list, pk: int) -> str:
    """A `$skiptoken` for the row after which the next page starts."""
    text = json.dumps([*(str(value) for value in values), pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_token(token: str, order: list[tuple[str, bool]]) -> list:
    """The order values and primary key a token holds, typed; ODataError for one we never made
    (or one made for another order)."""
    try:
        *values, pk = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if len(values) != len(order) or not all(isinstance(value, str) for value in values):
            raise ValueError(token)
        if not (isinstance(pk, int) and 0 <= pk < 2**63):
            raise ValueError(token)
        names = [name for name, _descending in order]
        return [*(typed(name, value) for name, value in zip(names, values, strict=True)), pk]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise refuse("$skiptoken", _("This is not a token this service handed out.")) from None


def typed(name: str, text: str):
    edm = QUERYABLE[name].edm
    if name == "DatumNakoming":
        return datetime.date.fromisoformat(text)
    if edm == "Edm.DateTimeOffset":
        moment = datetime.datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise ValueError(text)
        return moment
    if edm == "Edm.Guid":
        return uuid.UUID(text)
    if edm == "Edm.Boolean":
        if text not in ("True", "False"):
            raise ValueError(text)
        return text == "True"
    return text


def after(order: list[tuple[str, bool]], values: list) -> Q:
    """The rows after (`values`, pk) in `order` then pk: for keys k1..kn, those with k1 past
    the value, or k1 equal and k2 past, ..., or all equal and a greater pk."""
    *keys, pk = values
    condition, equal = Q(), Q()
    for (name, descending), value in zip(order, keys, strict=True):
        alias = QUERYABLE[name].alias
        condition |= equal & Q(**{f"{alias}__{'lt' if descending else 'gt'}": value})
        equal &= Q(**{alias: value})
    return condition | (equal & Q(pk__gt=pk))
