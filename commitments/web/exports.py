"""The CSV download of the filtered commitments, made to open right in a spreadsheet.

In the reader's language: on a Dutch page the separator is `;` (Dutch Excel reads `,` as the
decimal sign and puts a comma-separated file in one column) and the headers and labels are
Dutch; on an English page `,` and English. Both start with a UTF-8 byte order mark, without which
Excel reads the file in the local code page. Statuses and precisions are written as their labels,
the ministry by name, the addressees as names, the fulfilling letter as its Kamerstuk reference,
and each row ends with the address of the commitment's public page.

No contact's name or address is ever a column: the export holds what the public pages show.
Rows stream from a database cursor in chunks, one query per chunk: the addressees come as their
ids aggregated in SQL (PostgreSQL's string_agg, SQLite's group_concat) in the commitment's own
row, and their names from two small queries per download.
"""

from urllib.parse import quote

from defusedcsv import csv
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Member, Party
from commitments.web import views
from commitments.web.feeds import CHUNK_SIZE, in_batches, invalid_filters

# Between two addressees in one cell: a semicolon, as the names themselves hold commas
# ("Haga, W.") but no semicolon.
ADDRESSEE_SEPARATOR = "; "

# The separator per language; any language not named here gets ",".
SEPARATORS = {"nl": ";"}


class JoinedIds(Aggregate):
    """The ids of a group as one text, "12,40": PostgreSQL's string_agg, SQLite's group_concat;
    NULL for an empty group."""

    function = "STRING_AGG"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="%(function)s((%(expressions)s)::text, ',')", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def addressee_ids(relation: str, column: str) -> Subquery:
    """The ids in `column` ("member_id", "party_id") of the commitment's addressees through the
    many-to-many `relation` ("made_to", "made_to_parties"), joined by commas; NULL without any.
    Read from the through table's index on the commitment alone: the names come from
    addressee_names(), once per download, because a join to the members for every commitment
    made the download of the register several times slower."""
    through = getattr(Commitment, relation).through
    rows = through.objects.filter(commitment_id=OuterRef("pk")).order_by().values("commitment_id")
    return Subquery(rows.annotate(ids=JoinedIds(column)).values("ids"), output_field=TextField())


def addressee_names() -> tuple[dict[str, str], dict[str, str]]:
    """The names to write for addressee ids, as ({member id: "Kuik (CDA)" or the bare name
    without a party}, {party id: abbreviation}), ids as text; two small queries."""
    members = Member.objects.order_by().values_list("pk", "name", "party__abbreviation")
    parties = Party.objects.order_by().values_list("pk", "abbreviation")
    return (
        {str(pk): f"{name} ({party})" if party else name for pk, name, party in members},
        {str(pk): abbreviation for pk, abbreviation in parties},
    )


def names_of(ids: str | None, names: dict[str, str]) -> str:
    """The names of `ids` ("12,40") in alphabetical order, joined by ADDRESSEE_SEPARATOR."""
    if not ids:
        return ""
    # An addressee added while the download streams, after the names were read, is left out
    # rather than written as a bare id.
    known = [names[key] for key in ids.split(",") if key in names]
    return ADDRESSEE_SEPARATOR.join(sorted(known, key=str.casefold))


def citation(relation: str):
    """The document `relation` ("source", "fulfilled_by") names, as the Chamber cites it
    ("Kamerstuk 28 638, nr. 212"), or its title when it has no Kamerstuk number; NULL without a
    document. Computed in SQL, so that no Document is loaded per row."""
    return Case(
        # Checked first: without a document the joined columns are NULL, and CONCAT would turn
        # them into an empty citation.
        When(**{f"{relation}__isnull": True}, then=Value(None)),
        When(
            Q(**{f"{relation}__dossier_number": ""}) | Q(**{f"{relation}__document_number": ""}),
            then=F(f"{relation}__title"),
        ),
        default=Concat(
            Value("Kamerstuk "),
            F(f"{relation}__dossier_number"),
            Value(", nr. "),
            F(f"{relation}__document_number"),
        ),
        output_field=CharField(),
    )


def label_of(field: str, choices) -> Case:
    """`field`'s stored code as its label in the active language ("open" → "Openstaand"); a code
    without a label stays as stored."""
    return Case(
        *[When(**{field: code}, then=Value(str(label))) for code, label in choices],
        default=F(field),
        output_field=CharField(),
    )


def yes_no(field: str) -> Case:
    return Case(
        When(**{field: True}, then=Value(str(_("yes")))),
        default=Value(str(_("no"))),
        output_field=CharField(),
    )


def columns() -> list[tuple[str, str, object]]:
    """The columns in the active language, in order: (key, header, field name or expression).
    Built per request, so that headers and labels are in the reader's language."""
    return [
        ("number", _("Number"), "number"),
        ("summary", _("Summary"), "summary"),
        ("text", _("Text"), "text"),
        ("status", _("Status"), label_of("status", Commitment.Status.choices)),
        # A commitment withdrawn from the Tweede Kamer's register keeps the status it had, so
        # this column says it is no longer open, whatever its status reads.
        (
            "withdrawn",
            _("Withdrawn from the Tweede Kamer's register"),
            yes_no("withdrawn_from_source"),
        ),
        ("made_on", _("Made on"), "made_on"),
        ("due_date", _("Due date"), "due_date"),
        (
            "precision",
            _("Precision of the due date"),
            label_of("due_precision", Commitment.Precision.choices),
        ),
        ("phrase", _("Deadline as worded"), "deadline_phrase"),
        ("original_due_date", _("Original due date"), "original_due_date"),
        ("overdue_since", _("Overdue since"), "overdue_since"),
        ("ministry", _("Ministry"), "ministry__name"),
        ("official", _("Official"), "official__name"),
        ("function", _("Function"), "official__function"),
        ("committee", _("Committee"), "committee__name"),
        ("source", _("Source"), citation("source")),
        ("members", _("Made to (members)"), addressee_ids("made_to", "member_id")),
        ("parties", _("Made to (parties)"), addressee_ids("made_to_parties", "party_id")),
        ("fulfilled_on", _("Fulfilled on"), "fulfilled_on"),
        ("fulfilled_by", _("Fulfilled by"), citation("fulfilled_by")),
    ]


class Echo:
    """A file-like object that returns what is written to it, so that the csv writer formats
    one row at a time for the stream instead of filling a buffer."""

    def write(self, value):
        return value


# defusedcsv puts an apostrophe before a cell that starts with = + - @ | or %, so that a
# spreadsheet shows it as text instead of running it as a formula; spreadsheets also skip a
# leading tab or carriage return before reading a formula, so such a cell gets one too.
FORMULA_AFTER = ("\t", "\r")


def formula_safe(row):
    """`row` with each text that starts with a tab or carriage return behind an apostrophe."""
    return [
        "'" + value if isinstance(value, str) and value.startswith(FORMULA_AFTER) else value
        for value in row
    ]


def csv_lines(queryset, *, link: tuple[str, str], separator: str):
    """The CSV file, line by line: byte order mark and header first, then one line per row,
    ending in the address of the commitment's page (`link`: what comes before and after the
    number in it). A cell a spreadsheet would run as a formula starts with an apostrophe.

    Headers and labels are read in the active language, and the addressees' names loaded, when
    this is called (in the view), not while the response streams."""
    writer = csv.writer(Echo(), delimiter=separator)
    named = columns()
    fields = [value if isinstance(value, str) else f"column_{key}" for key, _h, value in named]
    expressions = {f"column_{key}": value for key, _h, value in named if not isinstance(value, str)}
    keys = [key for key, _header, _value in named]
    members_at, parties_at = keys.index("members"), keys.index("parties")
    member_names, party_names = addressee_names()
    header = [*(str(header) for _key, header, _value in named), str(_("Public page"))]
    rows = queryset.annotate(**expressions).values_list(*fields).iterator(chunk_size=CHUNK_SIZE)

    def lines():
        # Excel reads a CSV file in the local code page unless it starts with a byte order
        # mark; the BOM makes it read UTF-8, so that "geïnformeerd" arrives intact.
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            cells = list(row)
            cells[members_at] = names_of(row[members_at], member_names)
            cells[parties_at] = names_of(row[parties_at], party_names)
            cells.append(f"{link[0]}{quote(row[0])}{link[1]}")
            yield writer.writerow(formula_safe(cells))

    return lines()


@views.dashboard_view
def commitments_csv(request):
    """The filtered commitments as a CSV download, for spreadsheets, in the reader's language."""
    filterset = views.filtered_commitments(request)
    if error := invalid_filters(filterset):
        return error
    language = translation.get_language()
    # The page's address around a number, built once rather than reversed for every row.
    placeholder = "TZ000000-000"
    before, _placeholder, after = request.build_absolute_uri(
        reverse("commitment-detail", args=[placeholder])
    ).rpartition(placeholder)
    lines = csv_lines(
        filterset.qs,
        link=(before, after),
        separator=SEPARATORS.get(language, ","),
    )
    response = StreamingHttpResponse(
        in_batches(lines, joiner=""), content_type="text/csv; charset=utf-8"
    )
    filename = "toezeggingen.csv" if language == "nl" else "commitments.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = language
    return response
