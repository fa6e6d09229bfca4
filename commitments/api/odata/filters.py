"""`$filter`: parsed by odata-query (its lexer, parser and Django visitor), checked against the
properties of `Toezegging` we serve, and turned into one Django `Q` over their annotations.

Understood: eq, ne, gt, ge, lt, le, in, and, or, not, parentheses, null, and `contains`,
`startswith` and `endswith` on text; on the properties of `entity.QUERYABLE` only, each compared
with a literal of its own type (a text in quotes, true/false, a GUID, a date and time with `Z` or
an offset). Anything else (another property, arithmetic, another function, a path into a related
entity, a date and time without an offset) is refused with a message that says why, never
ignored: a client must not take a partial answer for a full one.

`DatumNakoming` is a day (midnight in Amsterdam, `export.format_date`); a comparison with a date and
time is turned into one with the day, so that `DatumNakoming ge 2025-03-31T00:00:00+02:00` and
`DatumNakoming ge 2025-03-30T22:00:00Z` both mean "due on 31 March 2025 or later". A plain date
(`2025-03-31`) is taken as that day.
"""

import dataclasses
import datetime
import logging

from django.db.models import F, Q, Value
from django.utils.translation import gettext as _
from odata_query import ast
from odata_query import exceptions as odata_exceptions
from odata_query.django.django_q import AstToDjangoQVisitor
from odata_query.django.django_q_ext import NotEqual
from odata_query.grammar import ODataLexer, ODataParser

from commitments.api.odata.entity import QUERYABLE
from commitments.api.odata.errors import ODataError
from commitments.models import Commitment
from commitments.tk.records import local_zone

LITERALS = {
    "Edm.String": (ast.String,),
    "Edm.Guid": (ast.GUID,),
    "Edm.Boolean": (ast.Boolean,),
    "Edm.DateTimeOffset": (ast.DateTime,),
}
FLIPPED = {ast.Lt: ast.Gt(), ast.LtE: ast.GtE(), ast.Gt: ast.Lt(), ast.GtE: ast.LtE()}
TEXT_FUNCTIONS = {"contains", "startswith", "endswith"}
# Deeper than any filter a client writes by hand, shallow enough for Python's recursion limit in
# the visitor and in Django's compiler (a hostile "a or b or ..." is as deep as it is long).
MAX_DEPTH = 100
# odata-query warns on every function call whose argument types it cannot infer from a model
# (ours are annotations); we check the types ourselves, so its warnings are only noise.
logging.getLogger("odata_query.typing").setLevel(logging.ERROR)


class Different(NotEqual):
    """odata-query's `ne` lookup, joining its parameters whatever sequence each side gives
    (its own adds a tuple to a list and fails on an expression such as our `Id`)."""

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} <> {rhs}", (*lhs_params, *rhs_params)


def refuse(message: str) -> ODataError:
    return ODataError(message, target="$filter")


class FilterVisitor(AstToDjangoQVisitor):
    """odata-query's Django visitor, held to the properties and operations we serve."""

    def __init__(self):
        super().__init__(Commitment)
        self.used: set[str] = set()

    def prop(self, node) -> str:
        if isinstance(node, ast.Attribute):
            raise refuse(_("Paths into related entities cannot be filtered on."))
        if not isinstance(node, ast.Identifier) or node.namespace:
            raise refuse(_("Compare a property with a value."))
        if node.name not in QUERYABLE:
            raise refuse(
                _("%(name)s cannot be filtered on; these can: %(names)s.")
                % {"name": node.name, "names": ", ".join(QUERYABLE)}
            )
        self.used.add(node.name)
        return node.name

    def visit_NotEq(self, node: ast.NotEq):
        return Different

    def visit_Identifier(self, node: ast.Identifier) -> F:
        return F(QUERYABLE[self.prop(node)].alias)

    def visit_Attribute(self, node: ast.Attribute):
        raise refuse(_("Paths into related entities cannot be filtered on."))

    def visit_BinOp(self, node: ast.BinOp):
        raise refuse(_("Arithmetic is not supported in $filter."))

    def visit_CollectionLambda(self, node):
        raise refuse(_("any() and all() are not supported in $filter."))

    def visit_DateTime(self, node: ast.DateTime) -> Value:
        moment = node.py_val
        if moment.tzinfo is None:
            raise refuse(
                _("%(value)s has no offset; write it as %(example)s.")
                % {"value": node.val, "example": "2024-05-01T08:00:00Z"}
            )
        return Value(moment)

    def visit_Compare(self, node: ast.Compare):
        left, right, comparator = node.left, node.right, node.comparator
        if isinstance(right, ast.Call) and isinstance(left, ast.Boolean):
            left, right = right, left
        if isinstance(left, ast.Call):
            return self.function_is(left, comparator, right)
        if not isinstance(left, ast.Identifier | ast.Attribute):
            left, right = right, left
            comparator = FLIPPED.get(type(comparator), comparator)
        name = self.prop(left)
        edm = QUERYABLE[name].edm
        if isinstance(right, ast.Null):
            if not isinstance(comparator, ast.Eq | ast.NotEq):
                raise refuse(_("Compare with null using eq or ne."))
            return super().visit_Compare(ast.Compare(comparator, left, right))
        if isinstance(right, ast.List) != isinstance(comparator, ast.In):
            raise refuse(_("A list of values goes with in, one value with the other operators."))
        values = right.val if isinstance(right, ast.List) else [right]
        if name == "DatumNakoming":
            return self.due_date(comparator, values)
        for value in values:
            if not isinstance(value, LITERALS[edm]):
                raise refuse(self.wrong_type(name, edm))
        if edm == "Edm.Boolean" and not isinstance(comparator, ast.Eq | ast.NotEq):
            raise refuse(_("Compare %(name)s with eq or ne.") % {"name": name})
        return super().visit_Compare(ast.Compare(comparator, left, right))

    @staticmethod
    def wrong_type(name: str, edm: str) -> str:
        return _("%(name)s is an %(type)s; compare it with a value of that type.") % {
            "name": name,
            "type": edm,
        }

    def due_date(self, comparator, values) -> Q:
        """A comparison of `DatumNakoming` (a day at midnight in Amsterdam) with dates and times,
        as one on the day: the moment midnight of day d is after moment m exactly when d is
        after m's day, or is m's day and m is before midnight (never: m's day starts at midnight
        or earlier)."""
        days = []
        for value in values:
            if isinstance(value, ast.Date):
                days.append((value.py_val, True))
            elif isinstance(value, ast.DateTime):
                try:
                    moment = self.visit_DateTime(value).value.astimezone(local_zone())
                except OverflowError:
                    raise refuse(
                        _("%(value)s lies outside the calendar.") % {"value": value.val}
                    ) from None
                days.append((moment.date(), moment.time() == datetime.time()))
            else:
                raise refuse(self.wrong_type("DatumNakoming", "Edm.DateTimeOffset"))
        alias = QUERYABLE["DatumNakoming"].alias
        if isinstance(comparator, ast.In):
            return Q(**{f"{alias}__in": [day for day, midnight in days if midnight]})
        ((day, midnight),) = days
        if isinstance(comparator, ast.Eq | ast.NotEq):
            matches = Q(**{alias: day}) if midnight else Q(pk__in=[])
            return matches if isinstance(comparator, ast.Eq) else ~matches
        lookup = {
            ast.Gt: "gt",
            ast.GtE: "gte" if midnight else "gt",
            ast.Lt: "lt" if midnight else "lte",
            ast.LtE: "lte",
        }[type(comparator)]
        return Q(**{f"{alias}__{lookup}": day})

    def function_is(self, call: ast.Call, comparator, value) -> Q:
        """`startswith(Nummer, 'TZ') eq true`, as v2 clients (pyodata) write a text function."""
        if not isinstance(value, ast.Boolean) or not isinstance(comparator, ast.Eq | ast.NotEq):
            raise refuse(_("Compare a function's result with eq or ne and true or false."))
        condition = self._ensure_q(self.visit_Call(call))
        return condition if value.py_val == isinstance(comparator, ast.Eq) else ~condition

    def visit_Call(self, node: ast.Call):
        name = node.func.full_name()
        if name not in TEXT_FUNCTIONS:
            raise refuse(
                _("The function %(name)s is not supported; these are: %(names)s.")
                % {"name": name, "names": ", ".join(sorted(TEXT_FUNCTIONS))}
            )
        if len(node.args) != 2 or not isinstance(node.args[1], ast.String):
            raise refuse(_("%(name)s takes a property and a text.") % {"name": name})
        prop = self.prop(node.args[0])
        if QUERYABLE[prop].edm != "Edm.String":
            raise refuse(_("%(name)s works on text properties only.") % {"name": name})
        return super().visit_Call(node)


def parse_filter(text: str) -> tuple[Q, set[str]]:
    """The condition of a `$filter` and the properties it uses; ODataError when it is not one
    this service understands."""
    try:
        tree = ODataParser().parse(ODataLexer().tokenize(text))
    except odata_exceptions.ODataException as exc:
        raise refuse(_("This $filter cannot be read: %(error)s") % {"error": exc}) from None
    if depth(tree) > MAX_DEPTH:
        raise refuse(
            _("This $filter nests more than %(max)d deep; use in (...) for a list of values.")
            % {"max": MAX_DEPTH}
        )
    if not is_condition(tree):
        raise refuse(_("A $filter must be a condition, such as Status eq 'Openstaand'."))
    visitor = FilterVisitor()
    try:
        condition = visitor.visit(tree)
    except odata_exceptions.ODataException as exc:
        raise refuse(str(exc)) from None
    return condition, visitor.used


def depth(tree) -> int:
    """How deep the parsed `$filter` nests, counted without recursion: odata-query's visitor and
    Django's SQL compiler recurse once a level or more, and a long chain of `or` is as deep as it
    is long."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        for field in dataclasses.fields(node) if dataclasses.is_dataclass(node) else ():
            value = getattr(node, field.name)
            for child in value if isinstance(value, list | tuple) else [value]:
                if isinstance(child, ast._Node):
                    stack.append((child, level + 1))
    return deepest


def is_condition(node) -> bool:
    """Whether `node` is true or false of a record: a comparison, a text function, or `and`,
    `or` and `not` of such (a bare property or literal is not)."""
    if isinstance(node, ast.Compare | ast.Call):
        return True
    if isinstance(node, ast.BoolOp):
        return is_condition(node.left) and is_condition(node.right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return is_condition(node.operand)
    return False
