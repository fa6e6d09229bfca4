"""The Tweede Kamer's `Toezegging` record and ours, both ways.

`parse_record` reads one record of the Chamber's open data (OData v4 JSON) into a `Record` in our
terms, or raises RecordError naming the record, the field at fault and why (the import then
quarantines that record and takes in the rest of its page). `to_record`
(commitments.tk.export) writes one of our commitments in the same shape, so that what we export
reads back in unchanged and tools written for the Chamber's API can read ours. The two mirror each
other on purpose: change one, change the other, and the round-trip test tells whether they still
agree.

Conventions of the source, and what we make of them:
- `Status` is Dutch and its spelling varies (Openstaand, Afgedaan, Deels Afgedaan, Vervallen, and
  the older Voldaan and Deels voldaan); it is matched without regard to case. An empty or null
  status (45 records of the live register, FACTS.md) is taken in as open with `status_not_given`,
  for a clerk to review: the register still owes an answer on it, so open is the state that
  keeps it in sight. An unknown status is refused: guessing would put a wrong status in it.
- `Ministerie` is null in every record before about September 2022, and `Functie` may be null;
  both come through as "" (the ministry is then found from `Functie`, commitments.tk.lookups).
- `Aanmaakdatum` keeps its time (`created_at`); `made_on` is its day in Amsterdam.
- Dates are Edm.DateTimeOffset values such as `2024-06-30T00:00:00+02:00`; the day is the day in
  Amsterdam. `DatumNakoming` `0001-01-01` (or null) means that no date was promised.
- `Naam` is written "Achternaam, Initialen tussenvoegsel" ("Burg, E. van der"); we name officials
  "E. van der Burg", from the name parts when the record has them, otherwise by turning `Naam`
  around its comma.
- `Verwijderd` records may be bare tombstones (an Id and a time, nothing else): those only tell us
  to mark ours withdrawn.
- Our fields that the Chamber's entity has no place for (summary, precision of the due date,
  deadline phrase, fulfilment date) travel as OData instance annotations (`@tracker.Summary`),
  which OData clients ignore; when a record has none, they are derived (see `Record`).
"""

import dataclasses
import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.utils.translation import gettext as _

from commitments import normalise
from commitments.models import Commitment
from commitments.tk.ministries import display_name

STATUSES = {
    "openstaand": Commitment.Status.OPEN,
    "afgedaan": Commitment.Status.FULFILLED,
    "voldaan": Commitment.Status.FULFILLED,
    "deels afgedaan": Commitment.Status.PARTIALLY_FULFILLED,
    "deels voldaan": Commitment.Status.PARTIALLY_FULFILLED,
    "vervallen": Commitment.Status.LAPSED,
}
KNOWN_STATUSES = "Openstaand, Afgedaan, Deels afgedaan, Vervallen, Voldaan, Deels voldaan"

SUMMARY = "@tracker.Summary"
DUE_PRECISION = "@tracker.DuePrecision"
DEADLINE_PHRASE = "@tracker.DeadlinePhrase"
FULFILLED_ON = "@tracker.FulfilledOn"
# The day the promise was made, which our export writes where it differs from Aanmaakdatum's.
MADE_ON = "@tracker.MadeOn"

SUMMARY_LENGTH = Commitment._meta.get_field("summary").max_length
# The longest values our columns take; a longer one stops the import rather than being cut.
LIMITS = {
    "Nummer": Commitment._meta.get_field("number").max_length,
    "Ministerie": 200,
    "Functie": 200,
    "Naam": 200,
    "Voornaam": 100,
    "Titulatuur": 100,
    "ActiviteitNummer": 30,
    DEADLINE_PHRASE: Commitment._meta.get_field("deadline_phrase").max_length,
}


class RecordError(Exception):
    """A record the import cannot take over as it is. The message names the record, its page
    and the problem; `field` is the property at fault ("" for the record as a whole) and
    `problem` the problem alone, which stays the same wherever the record is served."""

    def __init__(self, message: str, *, field: str = "", problem: str = ""):
        super().__init__(message)
        self.field = field
        self.problem = problem or message


@dataclasses.dataclass
class Record:
    """One `Toezegging`, read and checked, in our terms.

    A tombstone (`complete` false) carries only the Id, the times and `deleted`. Otherwise every
    field our model requires is there, and the dates already satisfy our constraints: where the
    source gives a due date before the creation date, `made_on` is moved back to the due date
    (and `made_on_moved` says so), so the record is kept, with the source's deadline. Text
    fields the source leaves null are "". `raw` is the record as served, with the navigation
    properties the import asked to `$expand` (commitments.tk.related reads those).
    """

    tk_id: uuid.UUID
    changed_at: datetime.datetime
    deleted: bool
    raw: dict = dataclasses.field(default_factory=dict, repr=False)
    api_changed_at: datetime.datetime | None = None
    complete: bool = True
    number: str = ""
    text: str = ""
    status: str = ""
    status_not_given: bool = False
    made_on: datetime.date | None = None
    created_at: datetime.datetime | None = None
    due_date: datetime.date | None = None
    made_on_moved: bool = False
    official_name: str = ""
    official_function: str = ""
    official_first_name: str = ""
    official_title: str = ""
    ministry: str = ""
    notes: str = ""
    activity_number: str = ""
    summary: str | None = None
    due_precision: str | None = None
    deadline_phrase: str | None = None
    fulfilled_on: datetime.date | None = None

    @property
    def label(self) -> str:
        """How messages name the record: its Id, and its number when it has one."""
        return f"{self.tk_id} ({self.number})" if self.number else str(self.tk_id)


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def parse_record(raw, *, where: str) -> Record:
    """Read one record of a page; `where` ("page 3") goes into the messages. RecordError when
    the record cannot be taken in as it is."""
    if not isinstance(raw, dict):
        raise RecordError(
            _("A record on %(where)s is not a JSON object.") % {"where": where},
            problem=_("It is not a JSON object."),
        )
    raw_id = raw.get("Id")
    try:
        tk_id = uuid.UUID(str(raw_id))
    except ValueError:
        raise RecordError(
            _("A record on %(where)s has no valid Id (a GUID): %(id)r.")
            % {"where": where, "id": raw_id},
            field="Id",
            problem=_("It has no valid Id (a GUID): %(id)r.") % {"id": raw_id},
        ) from None
    fields = _Fields(raw, label=str(tk_id), where=where)

    changed_at = fields.timestamp("GewijzigdOp", required=True)
    api_changed_at = fields.timestamp("ApiGewijzigdOp")
    deleted = fields.boolean("Verwijderd")
    if deleted and not (raw.get("Tekst") and raw.get("Nummer")):
        return Record(
            tk_id=tk_id,
            changed_at=changed_at,
            api_changed_at=api_changed_at,
            deleted=True,
            complete=False,
            raw=raw,
        )

    number = fields.text("Nummer", required=True)
    fields.label = f"{tk_id} ({number})"
    status = fields.status()
    created_at = fields.timestamp("Aanmaakdatum", required=True)
    record = Record(
        tk_id=tk_id,
        changed_at=changed_at,
        api_changed_at=api_changed_at,
        deleted=deleted,
        raw=raw,
        number=number,
        text=fields.text("Tekst", required=True, strip=False),
        status=status or Commitment.Status.OPEN,
        status_not_given=not status,
        created_at=created_at,
        made_on=fields.date(MADE_ON) or fields.date("Aanmaakdatum", required=True),
        due_date=fields.date("DatumNakoming"),
        ministry=fields.text("Ministerie"),
        official_name=fields.official_name(),
        official_function=fields.text("Functie"),
        official_first_name=fields.text("Voornaam"),
        official_title=fields.text("Titulatuur"),
        notes=fields.text("Notities", strip=False),
        activity_number=fields.text("ActiviteitNummer"),
        summary=fields.annotation(SUMMARY),
        due_precision=fields.precision(),
        deadline_phrase=fields.annotation(DEADLINE_PHRASE),
        fulfilled_on=fields.date(FULFILLED_ON),
    )
    if record.due_date is not None and record.due_date < record.made_on:
        record.made_on = record.due_date
        record.made_on_moved = True
    return record


class _Fields:
    """Typed access to a raw record's fields, with messages that name the record and field."""

    def __init__(self, raw: dict, *, label: str, where: str):
        self.raw = raw
        self.label = label
        self.where = where

    def error(self, problem: str, *, field: str) -> RecordError:
        return RecordError(
            _("Record %(record)s on %(where)s: %(problem)s")
            % {"record": self.label, "where": self.where, "problem": problem},
            field=field,
            problem=problem,
        )

    def missing(self, field: str) -> RecordError:
        return self.error(_("%(field)s is missing.") % {"field": field}, field=field)

    def text(self, field: str, *, required: bool = False, strip: bool = True) -> str:
        value = self.raw.get(field)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.error(_("%(field)s is not text.") % {"field": field}, field=field)
        if not storable(value):
            raise self.error(
                _("%(field)s holds a NUL character or a lone surrogate, which is not text.")
                % {"field": field},
                field=field,
            )
        value = " ".join(normalise.line(value).split()) if strip else normalise.text(value)
        if required and not value.strip():
            raise self.missing(field)
        limit = LIMITS.get(field)
        # A new ministry is named with "en" for "&", which makes the name longer.
        length = len(display_name(value)) if field == "Ministerie" else len(value)
        if limit is not None and length > limit:
            raise self.error(
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": field, "limit": limit},
                field=field,
            )
        return value

    def boolean(self, field: str) -> bool:
        value = self.raw.get(field)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(_("%(field)s is not true or false.") % {"field": field}, field=field)
        return value

    def _moment(self, field: str, *, required: bool, message: str) -> datetime.datetime | None:
        """The field parsed as an ISO date and time; None when it is null or empty."""
        value = self.raw.get(field)
        if value in (None, ""):
            if required:
                raise self.missing(field)
            return None
        try:
            return datetime.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.error(message % {"field": field, "value": value}, field=field) from None

    def timestamp(self, field: str, *, required: bool = False) -> datetime.datetime | None:
        moment = self._moment(
            field, required=required, message=_("%(field)s is not a date and time: %(value)r.")
        )
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=local_zone())
        if moment is not None:
            try:
                # Stored in UTC and shown in Amsterdam: both must lie within the calendar.
                for zone in (datetime.UTC, local_zone()):
                    moment.astimezone(zone)
            except OverflowError:
                raise self.error(
                    _("%(field)s is not a date and time: %(value)r.")
                    % {"field": field, "value": self.raw.get(field)},
                    field=field,
                ) from None
        return moment

    def date(self, field: str, *, required: bool = False) -> datetime.date | None:
        """The day a date field means in Amsterdam; None for null, empty and 0001-01-01."""
        moment = self._moment(
            field, required=required, message=_("%(field)s is not a date: %(value)r.")
        )
        if moment is None:
            return None
        if moment.year == 1:
            if required:
                raise self.missing(field)
            return None
        if moment.tzinfo is not None:
            try:
                moment = moment.astimezone(local_zone())
            except OverflowError:
                # The last hours of 9999 in a zone behind Amsterdam fall in the year 10000.
                raise self.error(
                    _("%(field)s is not a date: %(value)r.")
                    % {"field": field, "value": self.raw.get(field)},
                    field=field,
                ) from None
        return moment.date()

    def status(self) -> str:
        """Our status for the source's; "" when the source gives none (empty or null)."""
        value = self.text("Status")
        if not value:
            return ""
        try:
            return STATUSES[value.lower()]
        except KeyError:
            raise self.error(
                _("Status %(status)r is unknown (known: %(known)s).")
                % {"status": value, "known": KNOWN_STATUSES},
                field="Status",
            ) from None

    def official_name(self) -> str:
        """Our way of writing the official's name: "E. van der Burg"."""
        surname = self.text("Achternaam")
        if surname:
            parts = [self.text("Initialen"), self.text("Tussenvoegsel"), surname]
            parts.append(self.text("Achtervoegsel"))
            name = " ".join(part for part in parts if part)
        else:
            surname, _comma, rest = self.text("Naam").partition(",")
            name = " ".join(part for part in [rest.strip(), surname.strip()] if part)
        if len(name) > LIMITS["Naam"]:
            raise self.error(
                _("Naam is longer than %(limit)d characters.") % {"limit": LIMITS["Naam"]},
                field="Naam",
            )
        return name

    def annotation(self, field: str) -> str | None:
        """One of our own fields, as our export writes it; None when the record has none."""
        if self.raw.get(field) is None:
            return None
        return self.text(field, strip=False)

    def precision(self) -> str | None:
        value = self.annotation(DUE_PRECISION)
        if value is not None and value not in Commitment.Precision.values:
            raise self.error(
                _("%(field)s %(value)r is unknown.") % {"field": DUE_PRECISION, "value": value},
                field=DUE_PRECISION,
            )
        return value


def storable(value: str) -> bool:
    """Whether PostgreSQL takes `value` as text: JSON can hold a NUL character (\\u0000) and a
    lone surrogate (\\ud800), and it takes neither."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def summarise(text: str) -> str:
    """A summary for a commitment that came without one: its text, shortened at a word."""
    line = " ".join(text.split())
    if len(line) <= SUMMARY_LENGTH:
        return line
    return line[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def format_utc(moment: datetime.datetime) -> str:
    """An Edm.DateTimeOffset in UTC, as the Chamber writes ApiGewijzigdOp."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
