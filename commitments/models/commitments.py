"""Commitments (toezeggingen), the documents they come from and their search documents; their
numbers are in numbers.py."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.models.register import Committee, Member, Ministry, Official, Party
from commitments.references import format_kamerstuk


class Document(models.Model):
    """A parliamentary document: the source of commitments or the one that fulfils them."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        DEBATE = "debate", _("Debate")
        ANSWERS = "answers", _("Answers to written questions")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LETTER)
    dossier_number = models.CharField(
        _("dossier number"), max_length=30, blank=True, help_text=_("For example: 28 638")
    )
    document_number = models.CharField(
        _("document number"), max_length=30, blank=True, help_text=_("For example: 212")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("full text"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    # The Tweede Kamer's number for the debate or other activity a commitment was made in
    # (`ActiviteitNummer` of its open data); set by the import, so not edited in forms.
    tk_activity_number = models.CharField(
        _("Tweede Kamer activity number"),
        max_length=30,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("For example: 2024A05766"),
    )
    # The Tweede Kamer's `Document` Id (a fulfilling letter, `KamerbriefNakoming`).
    tk_id = models.UUIDField(
        _("Tweede Kamer Id"), null=True, blank=True, unique=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier_number", "document_number"],
                condition=~Q(dossier_number="") & ~Q(document_number=""),
                name="document_kamerstuk_unique",
                violation_error_message=_("A document with this Kamerstuk number exists already."),
            )
        ]

    def __str__(self):
        if self.kamerstuk:
            return f"{self.kamerstuk}: {self.title}"
        return f"{self.title} ({self.date:%Y-%m-%d})"

    @property
    def kamerstuk(self):
        """The citation as the Chamber writes it, e.g. 'Kamerstuk 28 638, nr. 212'."""
        if self.dossier_number and self.document_number:
            return format_kamerstuk(dossier=self.dossier_number, number=self.document_number)
        return ""


# A commitment's relations to single records, and to the members and parties it was made to:
# what forms offer to pick, and what a read of one whole commitment joins.
RELATED_RECORDS = (
    "ministry",
    "official",
    "committee",
    "source",
    "fulfilled_by",
    "repeats",
    "amends",
    "supplements",
)
ADDRESSEES = ("made_to", "made_to_parties")

# The statuses in which the government still owes what it promised.
OPEN_STATUSES = ("open", "partially_fulfilled")


def open_condition(relation: str = "") -> Q:
    """The one definition of an open commitment: open or only partially fulfilled, and not
    withdrawn from the Tweede Kamer's register it came from. `relation` reaches commitments from
    another model (`"commitments__"` from a ministry) for counting in an annotation."""
    return Q(**{f"{relation}status__in": OPEN_STATUSES, f"{relation}withdrawn_from_source": False})


def open_sql(alias: str) -> str:
    """open_condition() for raw SQL over the commitments table as `alias`; our own constants are
    written into the SQL because neither driver expands a tuple parameter."""
    statuses = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    return f"{alias}.status IN ({statuses}) AND NOT {alias}.withdrawn_from_source"


def overdue_condition(relation: str = "") -> Q:
    """The one definition of overdue: the flag the sweep records (services/overdue.py), which it
    sets only on open commitments and clears on withdrawn ones, and closing one clears it."""
    return open_condition(relation) & Q(**{f"{relation}overdue_since__isnull": False})


def precision_of(due_date: datetime.date | None, precision: str | None) -> str:
    """The one rule for a deadline's precision: a vague deadline (no due date) has precision
    "none"; a dated one has a real precision, "day" when none is given."""
    if due_date is None:
        return "none"
    if precision in (None, "", "none"):
        return "day"
    return precision


# Plausible dates: none before the first post-war parliament, a promise not made more than a
# year ahead (a date typed in advance), a deadline at most a generation after the promise.
EARLIEST_DATE = datetime.date(1945, 1, 1)
AHEAD_YEARS = 1
DEADLINE_YEARS = 30


def years_after(day: datetime.date, years: int) -> datetime.date:
    """`day` moved `years` on (29 February to the 28th), or the last date Python has."""
    year = min(day.year + years, datetime.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def implausible_dates(
    *,
    made_on: datetime.date | None = None,
    due_date: datetime.date | None = None,
    fulfilled_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """The one rule for plausible dates (a typo such as 9999-12-31 or 0202-05-01 is refused):
    `made_on` and `fulfilled_on` from 1945 up to a year after `today` (today by default),
    `due_date` from 1945 up to 30 years after `made_on` (after `today` when the promise's date
    is unknown or itself implausible). Returns {field name: message} for each implausible date
    given; empty when all are plausible."""
    today = today or timezone.localdate()
    latest = years_after(today, AHEAD_YEARS)
    problems = {}
    for name, value in (("made_on", made_on), ("fulfilled_on", fulfilled_on)):
        if value is not None and not EARLIEST_DATE <= value <= latest:
            problems[name] = _("Give a date from 1945 up to %(latest)s.") % {
                "latest": latest.isoformat()
            }
    if due_date is not None:
        promised = today if made_on is None or "made_on" in problems else made_on
        if not EARLIEST_DATE <= due_date <= years_after(promised, DEADLINE_YEARS):
            problems["due_date"] = _(
                "A due date lies at most %(years)d years after the promise was made."
            ) % {"years": DEADLINE_YEARS}
    return problems


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        """Commitments the government still owes (open_condition)."""
        return self.filter(open_condition())

    def overdue(self):
        """Open commitments the sweep has flagged overdue."""
        return self.filter(overdue_condition())

    def due_within(self, days: int, *, on: datetime.date | None = None):
        """Open commitments due from `on` (today by default) up to and including `days` later."""
        on = on or timezone.localdate()
        return self.open().filter(due_date__gte=on, due_date__lte=on + datetime.timedelta(days))

    def without_deadline(self):
        """Open commitments with a vague deadline (no due date)."""
        return self.open().filter(due_date__isnull=True)


class Commitment(models.Model):
    """A toezegging: a promise made to parliament, with its owner, deadline and status."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
        LAPSED = "lapsed", _("Lapsed")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Half-year")
        SEASON = "season", _("Season")
        RECESS = "recess", _("Recess")
        YEAR = "year", _("Year")
        NONE = "none", _("None (vague)")

    OPEN_STATUSES = OPEN_STATUSES

    number = models.CharField(
        _("number"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_(
            "Given on registration from our own series (TLyyyymm-nnn, the month the promise was "
            "made); a chamber's commitment keeps the chamber's number."
        ),
        error_messages={"unique": _("A commitment with this number exists already.")},
    )
    text = models.TextField(_("text"), help_text=_("The promise, verbatim."))
    summary = models.CharField(_("summary"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    made_on = models.DateField(_("made on"))
    due_date = models.DateField(
        _("due date"), null=True, blank=True, help_text=_("Empty when the deadline is vague.")
    )
    due_precision = models.CharField(
        _("precision of the due date"),
        max_length=20,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    deadline_phrase = models.CharField(
        _("deadline phrase"),
        max_length=300,
        blank=True,
        help_text=_("The words of the source about the deadline, verbatim."),
    )
    original_due_date = models.DateField(
        _("original due date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The first due date, kept when the deadline is extended."),
    )
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True, editable=False)
    official = models.ForeignKey(
        Official,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("official"),
    )
    ministry = models.ForeignKey(
        Ministry, models.PROTECT, related_name="commitments", verbose_name=_("ministry")
    )
    committee = models.ForeignKey(
        Committee,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("committee"),
    )
    made_to = models.ManyToManyField(
        Member, blank=True, related_name="commitments", verbose_name=_("made to (members)")
    )
    made_to_parties = models.ManyToManyField(
        Party, blank=True, related_name="commitments", verbose_name=_("made to (parties)")
    )
    source = models.ForeignKey(
        Document,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("source"),
    )
    fulfilled_by = models.ForeignKey(
        Document,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="fulfilled_commitments",
        verbose_name=_("fulfilled by"),
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    repeats = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        verbose_name=_("repeats"),
    )
    amends = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("amends"),
    )
    supplements = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplemented_by",
        verbose_name=_("supplements"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The Tweede Kamer's register (open-data entity `Toezegging`): the record's Id, whether the
    # register has since deleted it (we keep ours), and which version of it we took over. See
    # commitments/tk/sync.py.
    tk_id = models.UUIDField(
        _("Tweede Kamer Id"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("The Id of this commitment in the Tweede Kamer's open data."),
    )
    withdrawn_from_source = models.BooleanField(
        _("withdrawn from the source"),
        default=False,
        editable=False,
        help_text=_("Deleted from the Tweede Kamer's register; kept here."),
    )
    source_changed_at = models.DateTimeField(
        _("changed at the source"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the Tweede Kamer last changed the version taken over (GewijzigdOp)."),
    )
    source_api_changed_at = models.DateTimeField(
        _("reached the source's API at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the version taken over reached the API (ApiGewijzigdOp)."),
    )
    source_created_at = models.DateTimeField(
        _("created at the source"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the Tweede Kamer registered it (Aanmaakdatum), with its time."),
    )
    # The source gave no status (an empty or null `Status`): it is taken in as open, for a clerk
    # to review; a clerk's change of the status, or a later version with one, clears it.
    status_not_given = models.BooleanField(
        _("status not given by the source"), default=False, db_default=False
    )
    # The database default serves rows inserted in SQL (the benchmarks', the fault suite's).
    notes = models.TextField(
        _("notes"), blank=True, db_default="", help_text=_("The register's `Notities`.")
    )

    # The audit trail is read per commitment (by id) and by date; indexes on its other columns
    # would only slow down the sweep's bulk audit inserts.
    history = HistoricalRecords(
        m2m_fields=[made_to, made_to_parties],
        no_db_index=["number", *RELATED_RECORDS, "tk_id"],
    )
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-number"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "fulfilled", "partially_fulfilled", "lapsed"]),
                name="commitment_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("made_on")),
                name="commitment_due_not_before_made",
                violation_error_message=_(
                    "The due date cannot lie before the date the commitment was made."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="fulfilled") | Q(fulfilled_on__isnull=False),
                name="commitment_fulfilled_has_date",
                violation_error_message=_(
                    "A fulfilled commitment needs the date on which it was fulfilled."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fulfilled_on__isnull=True) | Q(fulfilled_on__gte=F("made_on")),
                name="commitment_fulfilled_not_before_made",
                violation_error_message=_(
                    "A commitment cannot be fulfilled before the date it was made."
                ),
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=False) | Q(due_precision="none"),
                name="commitment_vague_has_no_precision",
                violation_error_message=_("A commitment without a due date has precision 'none'."),
            ),
            models.CheckConstraint(
                condition=Q(overdue_since__isnull=True) | Q(status__in=OPEN_STATUSES),
                name="commitment_only_open_is_overdue",
                violation_error_message=_("Only an open commitment can be overdue."),
            ),
        ]
        indexes = [
            # The overdue sweep and the dashboard only ever look at open rows by due date.
            models.Index(
                fields=["due_date"],
                condition=Q(status__in=["open", "partially_fulfilled"]),
                name="commitment_open_due_idx",
            ),
            # The sweep clears the flag of the few flagged rows whose date moved, and the
            # overview lists the longest overdue first (overdue_since is the day after due_date).
            models.Index(
                fields=["due_date", "number"],
                condition=Q(overdue_since__isnull=False),
                name="commitment_overdue_due_idx",
            ),
            # Sorting the list by due date, empty dates last; the descending order has an index
            # of its own on PostgreSQL (migration 0007), as SQLite cannot declare one.
            models.Index(fields=["due_date", "number"], name="commitment_due_idx"),
            models.Index(fields=["ministry", "status"], name="commitment_ministry_status_idx"),
            # The dashboard's default order, newest first, served from the index a page at a time.
            models.Index(fields=["-made_on", "-number"], name="commitment_newest_idx"),
        ]

    def __str__(self):
        return f"{self.number}: {self.summary}" if self.number else self.summary

    def save(self, *args, **kwargs):
        # The first due date ever set is the one promised; extensions only move `due_date`.
        # Numbers are given by services.commitments.register_commitment, not here.
        if self.original_due_date is None:
            self.original_due_date = self.due_date
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        return self.overdue_since is not None

    def clean(self):
        # Overdue describes an open commitment only; closing one ends it.
        if self.status not in self.OPEN_STATUSES:
            self.overdue_since = None
        # Keep date and precision in step, so a clerk who clears the date does not also have
        # to find the precision field.
        self.due_precision = precision_of(self.due_date, self.due_precision)
        problems = implausible_dates(
            made_on=self.made_on, due_date=self.due_date, fulfilled_on=self.fulfilled_on
        )
        if problems:
            raise ValidationError(problems)


class CommitmentSearch(models.Model):
    """The full-text search document of one commitment: its summary and text as PostgreSQL's
    Dutch text search sees them.

    A trigger on PostgreSQL (migration 0008) writes it whenever a commitment's summary or text
    is written, and a GIN index serves the searches. It lives beside the commitment rather than
    in it because every update of a commitment row (the overdue sweep flags hundreds of
    thousands at once) would otherwise re-index its whole text. SQLite, for the demo, leaves
    it empty and searches the commitments themselves.
    """

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField()

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return str(self.commitment_id)
