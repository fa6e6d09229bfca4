"""Our commitments as the Tweede Kamer's `Toezegging` records: the mirror of `records.parse_record`.

`to_record` writes one commitment in the shape the Chamber's OData v4 API serves (property names
and value formats of its `Toezegging` entity), so that what we export reads back in through our own
import unchanged and tools written for the Chamber's API read ours. Change one side, change the
other; the round-trip test tells whether they still agree.
"""

import datetime
import uuid

from commitments.models import Commitment
from commitments.tk.records import (
    DEADLINE_PHRASE,
    DUE_PRECISION,
    FULFILLED_ON,
    SUMMARY,
    format_utc,
    local_zone,
)

# The source's way of saying "no date"; written back as such by the export.
NO_DATE = "0001-01-01T00:00:00Z"

EXPORT_STATUSES = {
    Commitment.Status.OPEN: "Openstaand",
    Commitment.Status.FULFILLED: "Afgedaan",
    Commitment.Status.PARTIALLY_FULFILLED: "Deels afgedaan",
    Commitment.Status.LAPSED: "Vervallen",
}

# The Ids we give our own commitments in the export: derived from the number, which never
# changes, so the same commitment keeps its Id from one export to the next.
EXPORT_ID_NAMESPACE = uuid.UUID("8c3c4d0e-5a7b-4f2e-9d61-2b1f0e6a7c55")


def split_name(name: str) -> tuple[str, str, str]:
    """Initials, tussenvoegsel and surname of "E. van der Burg": ("E.", "van der", "Burg")."""
    words = name.split()
    initials = []
    while words and words[0].endswith("."):
        initials.append(words.pop(0))
    particles = []
    while len(words) > 1 and words[0][:1].islower():
        particles.append(words.pop(0))
    return " ".join(initials), " ".join(particles), " ".join(words)


def export_id(commitment: Commitment) -> uuid.UUID:
    """The Chamber's Id for a commitment that came from it; a stable one of ours otherwise."""
    return commitment.tk_id or uuid.uuid5(EXPORT_ID_NAMESPACE, commitment.number)


def format_timestamp(moment: datetime.datetime) -> str:
    """An Edm.DateTimeOffset in Amsterdam time, as the Chamber writes GewijzigdOp."""
    return moment.astimezone(local_zone()).isoformat()


def format_date(day: datetime.date | None) -> str:
    """A day as the Chamber writes one: midnight in Amsterdam; 0001-01-01 for none."""
    if day is None:
        return NO_DATE
    return datetime.datetime.combine(day, datetime.time(), tzinfo=local_zone()).isoformat()


def to_record(commitment: Commitment) -> dict:
    """One of our commitments as a `Toezegging` record (official, ministry and source loaded)."""
    official = commitment.official
    initials, particles, surname = split_name(official.name) if official else ("", "", "")
    naam = ", ".join(part for part in [surname, f"{initials} {particles}".strip()] if part)
    source = commitment.source
    return {
        SUMMARY: commitment.summary,
        DUE_PRECISION: commitment.due_precision,
        DEADLINE_PHRASE: commitment.deadline_phrase,
        FULFILLED_ON: commitment.fulfilled_on.isoformat() if commitment.fulfilled_on else None,
        "Id": str(export_id(commitment)),
        "Nummer": commitment.number,
        "Tekst": commitment.text,
        "Naam": naam or None,
        "Achternaam": surname or None,
        "Initialen": initials or None,
        "Tussenvoegsel": particles or None,
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": official.function if official else None,
        "Ministerie": commitment.ministry.name,
        "Status": EXPORT_STATUSES[commitment.status],
        "DatumNakoming": format_date(commitment.due_date),
        "Aanmaakdatum": format_date(commitment.made_on),
        "ActiviteitNummer": source.tk_activity_number if source else None,
        "GewijzigdOp": format_timestamp(commitment.updated_at),
        "ApiGewijzigdOp": format_utc(commitment.updated_at),
        "Verwijderd": commitment.withdrawn_from_source,
    }
