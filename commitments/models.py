import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.numbering import allocate_number, reserve_number


class Ministry(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self):
        return self.name


class Official(models.Model):
    """A bewindspersoon: the minister or state secretary who makes a promise."""

    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(
        _("function"),
        max_length=200,
        help_text=_("For example: Staatssecretaris van Justitie en Veiligheid"),
    )
    ministry = models.ForeignKey(
        Ministry, models.PROTECT, related_name="officials", verbose_name=_("ministry")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "function"],
                name="official_name_function_unique",
                violation_error_message=_("An official with this name and function exists."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.function})"


class Contact(models.Model):
    """Ministry staff who receive reminders and answer them through a signed link."""

    ministry = models.ForeignKey(
        Ministry, models.PROTECT, related_name="contacts", verbose_name=_("ministry")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    is_senior = models.BooleanField(
        _("senior contact"),
        default=False,
        help_text=_("Receives the escalation when a commitment stays overdue for long."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["ministry", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "ministry",
                name="contact_email_per_ministry_unique",
                violation_error_message=_("This ministry already has a contact with this address."),
            ),
            models.UniqueConstraint(
                fields=["ministry"],
                condition=Q(is_senior=True),
                name="contact_one_senior_per_ministry",
                violation_error_message=_("This ministry already has a senior contact."),
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Committee(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name


class Party(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, unique=True)

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.abbreviation


class Member(models.Model):
    """A member of parliament to whom a commitment can be made."""

    name = models.CharField(_("name"), max_length=200)
    party = models.ForeignKey(
        Party,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("party"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member of parliament")
        verbose_name_plural = _("members of parliament")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "party"],
                name="member_name_party_unique",
                violation_error_message=_("This member exists already."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.party})" if self.party_id else self.name


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
            return f"Kamerstuk {self.dossier_number}, nr. {self.document_number}"
        return ""


class Recess(models.Model):
    """A recess of the Tweede Kamer: deadline phrases such as 'voor het zomerreces' refer to it."""

    class Kind(models.TextChoices):
        SPRING = "spring", _("Spring recess")
        MAY = "may", _("May recess")
        SUMMER = "summer", _("Summer recess")
        AUTUMN = "autumn", _("Autumn recess")
        CHRISTMAS = "christmas", _("Christmas recess")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "starts_on"],
                name="recess_kind_start_unique",
                violation_error_message=_("This recess exists already."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="recess_ends_after_start",
                violation_error_message=_("A recess cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        """Commitments the government still owes: open or only partially fulfilled, and not
        withdrawn from the Tweede Kamer's register they came from."""
        return self.filter(status__in=Commitment.OPEN_STATUSES, withdrawn_from_source=False)

    def overdue(self, *, on: datetime.date | None = None):
        """Open commitments whose due date lies before `on` (today by default)."""
        on = on or timezone.localdate()
        return self.open().filter(due_date__lt=on)

    def due_within(self, days: int, *, on: datetime.date | None = None):
        """Open commitments due from `on` (today by default) up to and including `days` later."""
        on = on or timezone.localdate()
        return self.open().filter(due_date__gte=on, due_date__lte=on + datetime.timedelta(days))

    def without_deadline(self):
        return self.filter(due_date__isnull=True)


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

    OPEN_STATUSES = (Status.OPEN, Status.PARTIALLY_FULFILLED)

    number = models.CharField(
        _("number"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Assigned on creation as TZyyyymm-nnn, from the month the promise was made."),
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
    # commitments/importers/tk.py.
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

    # The audit trail is read per commitment (by id) and by date; indexes on its other columns
    # would only slow down the sweep's bulk audit inserts.
    history = HistoricalRecords(
        m2m_fields=[made_to, made_to_parties],
        no_db_index=[
            "number",
            "ministry",
            "official",
            "committee",
            "source",
            "fulfilled_by",
            "repeats",
            "amends",
            "supplements",
            "tk_id",
        ],
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
                condition=Q(overdue_since__isnull=True)
                | Q(status__in=["open", "partially_fulfilled"]),
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
        if self.original_due_date is None:
            self.original_due_date = self.due_date
        if not self.number:
            self.number = allocate_number(made_on=self.made_on)
        elif self._state.adding:
            reserve_number(self.number)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self):
        return self.overdue_since is not None

    def clean(self):
        # Overdue describes an open commitment only; closing one ends it.
        if self.status not in self.OPEN_STATUSES:
            self.overdue_since = None
        # A vague deadline has no precision and a dated one has some; keep the two in step so a
        # clerk who clears the date does not also have to find the precision field.
        if self.due_date is None:
            self.due_precision = self.Precision.NONE
        elif self.due_precision == self.Precision.NONE:
            self.due_precision = self.Precision.DAY


class TkSync(models.Model):
    """How far the import of one Tweede Kamer source (a URL or a file) has got: the latest
    GewijzigdOp among the pages that landed. It moves in the same transaction as each page."""

    source_url = models.CharField(_("source"), max_length=500, unique=True)
    last_changed_at = models.DateTimeField(_("changed up to (GewijzigdOp)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Tweede Kamer sync point")
        verbose_name_plural = _("Tweede Kamer sync points")

    def __str__(self):
        return f"{self.source_url}: {self.last_changed_at}"


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


class NumberCounter(models.Model):
    """The last sequence number handed out per month, for TZyyyymm-nnn numbers."""

    period = models.CharField(max_length=6, unique=True)
    last_value = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")

    def __str__(self):
        return f"TZ{self.period}: {self.last_value}"


class Digest(models.Model):
    """One reminder email to one contact on one day: the unit the sender claims and delivers.

    States move pending -> sending -> sent (or back to pending for a retry, or to failed). A
    digest still 'sending' after its lease has expired may or may not have reached the contact:
    it is shown as in doubt and left for a clerk to decide, never sent again by itself.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        REMINDERS = "reminders", _("Daily reminders")
        RAPPEL = "rappel", _("Rappel")

    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="digests", verbose_name=_("contact")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REMINDERS)
    day = models.DateField(_("day"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "contact"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "kind", "day"], name="digest_one_per_contact_per_day"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="digest_pending_idx",
            ),
            # The health check and the admin's in-doubt filter look only at digests being sent.
            models.Index(
                fields=["lease_expires_at"],
                condition=Q(state="sending"),
                name="digest_sending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.contact} {self.day:%Y-%m-%d}"

    @property
    def in_doubt(self):
        return (
            self.state == self.State.SENDING
            and self.lease_expires_at is not None
            and self.lease_expires_at < timezone.now()
        )


class Reminder(models.Model):
    """The outbox: one row per (contact, commitment, kind, due date, scheduled day).

    The unique constraint is what makes a reminder impossible to queue twice, however often and
    however concurrently the reminder run is started.
    """

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", _("Due soon")
        DUE = "due", _("Due today")
        OVERDUE = "overdue", _("Overdue")
        NAG = "nag", _("Still overdue")
        RAPPEL = "rappel", _("Rappel")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="reminders", verbose_name=_("contact")
    )
    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="reminders", verbose_name=_("commitment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("due date"))
    scheduled_for = models.DateField(_("scheduled for"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    digest = models.ForeignKey(
        Digest,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("digest"),
    )
    created_on = models.DateField(_("queued on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_on", "contact"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "commitment", "kind", "due_date", "scheduled_for"],
                name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["contact"],
                condition=Q(state="pending", digest__isnull=True),
                name="reminder_unbundled_idx",
            ),
            models.Index(fields=["commitment", "contact"], name="reminder_commitment_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.commitment.number} -> {self.contact}"

    def still_applies(self, *, today: datetime.date) -> bool:
        """Whether this reminder should still go out: the commitment is open, has the same
        due date, is still overdue (for overdue reminders) or not yet due (for upcoming ones),
        and the contact is still active."""
        commitment = self.commitment
        if (
            commitment.status not in Commitment.OPEN_STATUSES
            or commitment.withdrawn_from_source
            or commitment.due_date != self.due_date
            or not self.contact.is_active
        ):
            return False
        if self.kind in (self.Kind.OVERDUE, self.Kind.NAG):
            return commitment.overdue_since is not None
        if self.kind == self.Kind.UPCOMING:
            return commitment.due_date > today
        return True


class ContactResponse(models.Model):
    """What a ministry contact answered through the signed link, waiting for a clerk.

    Nothing here changes a commitment by itself: a clerk accepts (and then the commitment is
    updated) or rejects (and the contact is told why).
    """

    class Kind(models.TextChoices):
        FULFILLED = "fulfilled", _("Reported fulfilled")
        NEW_DATE = "new_date", _("New date proposed")
        FORECAST = "forecast", _("Forecast")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    # The one-time key of the form the contact submitted: the same form posted twice is one answer.
    submission = models.UUIDField(_("submission"), unique=True, editable=False)
    contact = models.ForeignKey(
        Contact, models.PROTECT, related_name="responses", verbose_name=_("contact")
    )
    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="responses", verbose_name=_("commitment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    document_reference = models.CharField(
        _("fulfilling document (Kamerstuk)"), max_length=60, blank=True
    )
    document_date = models.DateField(_("date of the fulfilling document"), null=True, blank=True)
    document_url = models.URLField(_("link to the fulfilling document"), blank=True)
    proposed_date = models.DateField(_("proposed or expected date"), null=True, blank=True)
    reason = models.TextField(_("reason or explanation"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response from a ministry")
        verbose_name_plural = _("responses from ministries")
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(state="pending"), name="response_pending_idx"
            ),
        ]

    def __str__(self):
        return f"{self.commitment.number}: {self.get_kind_display()} ({self.contact})"
