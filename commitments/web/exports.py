"""The CSV download of the filtered commitments, made to open right in a spreadsheet.

In the reader's language: on a Dutch page the separator is `;` (Dutch Excel reads `,` as the
decimal sign and puts a comma-separated file in one column) and the headers and labels are
Dutch; on an English page `,` and English. Both start with a UTF-8 byte order mark, without which
Excel reads the file in the local code page. Statuses and precisions are written as their labels,
the ministry by name, the addressees as names, the fulfilling letter as its Kamerstuk reference,
and each row ends with the address of the commitment's public page.

No contact's name or address is ever a column: the export holds what the public pages show.
Rows stream from a database cursor in chunks, one query per chunk: the addressees come as text
aggregated in SQL (PostgreSQL's string_agg, SQLite's group_concat) in the commitment's own row.
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

from commitments.models import Commitment
from commitments.web import views
from commitments.web.feeds import CHUNK_SIZE, in_batches, invalid_filters

# Between two addressees in one cell: a semicolon, as the names themselves hold commas
# ("Haga, W.") but no semicolon.
ADDRESSEE_SEPARATOR = "; "

# The separator per language; any language not named here gets ",".
SEPARATORS = {"nl": ";"}


class JoinedText(Aggregate):
    """The texts of a group joined by `separator`, as one text; NULL for an empty group.

    PostgreSQL's string_agg, sorted; SQLite's group_concat (3.40 takes no ORDER BY inside an
    aggregate), in the order SQLite reads the rows."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression, *, separator: str):
        super().__init__(expression, Value(separator))

    def as_postgresql(self, compiler, connection, **extra):
        # After the two expressions come the aggregate's filter, none here.
        text, separator, *_filter = self.get_source_expressions()
        text_sql, text_params = compiler.compile(text)
        separator_sql, separator_params = compiler.compile(separator)
        sql = f"STRING_AGG(({text_sql})::text, {separator_sql} ORDER BY ({text_sql})::text)"
        return sql, [*text_params, *separator_params, *text_params]

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def joined(relation: str, label) -> Subquery:
    """The commitment's addressees through the many-to-many `relation` ("made_to",
    "made_to_parties"), each as `label` (an expression over the through table's row), joined
    into one text; NULL without any."""
    through = getattr(Commitment, relation).through
    rows = through.objects.filter(commitment_id=OuterRef("pk")).order_by().values("commitment_id")
    return Subquery(
        rows.annotate(text=JoinedText(label, separator=ADDRESSEE_SEPARATOR)).values("text"),
        output_field=TextField(),
    )


def member_with_party():
    """A member as "Kuik (CDA)", or the bare name without a party."""
    return Case(
        When(member__party__isnull=True, then=F("member__name")),
        default=Concat(
            F("member__name"), Value(" ("), F("member__party__abbreviation"), Value(")")
        ),
        output_field=CharField(),
    )


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


def columns() -> dict:
    """The columns in the active language: {header: expression or field name}, in order. Built
    per request, so that headers and labels are in the reader's language."""
    return {
        _("Number"): "number",
        _("Summary"): "summary",
        _("Text"): "text",
        _("Status"): label_of("status", Commitment.Status.choices),
        # A commitment withdrawn from the Tweede Kamer's register keeps the status it had, so
        # this column says it is no longer open, whatever its status reads.
        _("Withdrawn from the Tweede Kamer's register"): yes_no("withdrawn_from_source"),
        _("Made on"): "made_on",
        _("Due date"): "due_date",
        _("Precision of the due date"): label_of("due_precision", Commitment.Precision.choices),
        _("Deadline as worded"): "deadline_phrase",
        _("Original due date"): "original_due_date",
        _("Overdue since"): "overdue_since",
        _("Ministry"): "ministry__name",
        _("Official"): "official__name",
        _("Function"): "official__function",
        _("Committee"): "committee__name",
        _("Source"): citation("source"),
        _("Made to (members)"): joined("made_to", member_with_party()),
        _("Made to (parties)"): joined("made_to_parties", F("party__abbreviation")),
        _("Fulfilled on"): "fulfilled_on",
        _("Fulfilled by"): citation("fulfilled_by"),
    }


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

    Headers and labels are read from the active language when this is called, not while the
    response streams: build the lines' first step in the view (see commitments_csv)."""
    writer = csv.writer(Echo(), delimiter=separator)
    named = columns()
    fields, expressions = [], {}
    for index, value in enumerate(named.values()):
        if isinstance(value, str):
            fields.append(value)
        else:
            expressions[f"column_{index}"] = value
            fields.append(f"column_{index}")
    header = [*(str(name) for name in named), str(_("Public page"))]
    rows = queryset.annotate(**expressions).values_list(*fields).iterator(chunk_size=CHUNK_SIZE)

    def lines():
        # Excel reads a CSV file in the local code page unless it starts with a byte order
        # mark; the BOM makes it read UTF-8, so that "geïnformeerd" arrives intact.
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            page = f"{link[0]}{quote(row[0])}{link[1]}"
            yield writer.writerow(formula_safe([*row, page]))

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
