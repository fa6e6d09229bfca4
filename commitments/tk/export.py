"""Our commitments as the Tweede Kamer's `Toezegging` records: the mirror of `records.parse_record`.

`to_record` writes one commitment in the shape the Chamber's OData v4 API serves (the property
names and value formats of its `Toezegging` entity, /work/shared/tk/related-entities-real.json), so
that what we export reads back in through our own import and tools written for the Chamber's API
read ours. Change one side, change the other; the round-trip test tells whether they still agree.

What the Chamber wrote is exported as it wrote it: `Aanmaakdatum` with its time, its `GewijzigdOp`
and `ApiGewijzigdOp`, `Status` in its spelling ("Deels Afgedaan", FACTS.md's counts) or empty
where it gave none. For commitments registered here the same properties carry our own times
(`created_at`, `updated_at`).

Ids: a record from the Chamber keeps the Chamber's Id. Whatever we registered ourselves (a
commitment, a member, a party, a document) gets a GUID of our own that names its table and row:
20 fixed hex digits per entity type (an RFC 9562 version-8 prefix) followed by the row's primary
key in 12 hex digits. It never changes, not even when a commitment is renumbered, and a query can
compute it in SQL (`commitments.api.odata.entity`) and turn it back into a row.
"""

import datetime
import uuid

from commitments.models import Commitment, Committee, Document, Member, Party
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
# The day the promise was made, where `Aanmaakdatum` (the time the record was created) may fall
# on another day: our own commitments, and Chamber records whose date we moved.
MADE_ON = "@tracker.MadeOn"

EXPORT_STATUSES = {
    Commitment.Status.OPEN: "Openstaand",
    Commitment.Status.FULFILLED: "Afgedaan",
    Commitment.Status.PARTIALLY_FULFILLED: "Deels Afgedaan",
    Commitment.Status.LAPSED: "Vervallen",
}

EXPORT_ID_NAMESPACE = uuid.UUID("8c3c4d0e-5a7b-4f2e-9d61-2b1f0e6a7c55")
LOCAL_ENTITIES = ("Toezegging", "Persoon", "Fractie", "Document", "Activiteit", "Commissie")


def _prefix(entity: str) -> str:
    """20 hex digits of a version-8, RFC 9562 variant GUID, fixed for `entity`."""
    digits = uuid.uuid5(EXPORT_ID_NAMESPACE, entity).hex[:20]
    return digits[:12] + "8" + digits[13:16] + "a" + digits[17:]


LOCAL_ID_PREFIX = {entity: _prefix(entity) for entity in LOCAL_ENTITIES}
PK_DIGITS = 12


def local_id(entity: str, pk: int) -> uuid.UUID:
    """Our GUID for row `pk` of `entity` (one of LOCAL_ENTITIES)."""
    return uuid.UUID(LOCAL_ID_PREFIX[entity] + f"{pk:0{PK_DIGITS}x}")


def local_pk(entity: str, guid: uuid.UUID) -> int | None:
    """The row a GUID of ours names, or None when it is not one of ours for `entity`."""
    digits = guid.hex
    if digits[:-PK_DIGITS] != LOCAL_ID_PREFIX[entity]:
        return None
    return int(digits[-PK_DIGITS:], 16)


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
    """The Chamber's Id for a commitment that came from it; ours otherwise."""
    return commitment.tk_id or local_id("Toezegging", commitment.pk)


def format_timestamp(moment: datetime.datetime) -> str:
    """An Edm.DateTimeOffset in Amsterdam time, as the Chamber writes GewijzigdOp."""
    return moment.astimezone(local_zone()).isoformat()


def format_date(day: datetime.date | None) -> str:
    """A day as the Chamber writes one: midnight in Amsterdam; 0001-01-01 for none."""
    if day is None:
        return NO_DATE
    return datetime.datetime.combine(day, datetime.time(), tzinfo=local_zone()).isoformat()


def export_status(commitment: Commitment) -> str:
    """`Status` as the Chamber spells it; empty where the source gave none and it is still open."""
    if commitment.status_not_given and commitment.status == Commitment.Status.OPEN:
        return ""
    return EXPORT_STATUSES[commitment.status]


def to_record(commitment: Commitment) -> dict:
    """One of our commitments as a `Toezegging` record (official, ministry and source loaded).

    Keys are the Chamber's property names (all of them, None where we have nothing) and our
    instance annotations (`@tracker.*`, declared in `$metadata`)."""
    official = commitment.official
    initials, particles, surname = split_name(official.name) if official else ("", "", "")
    naam = ", ".join(part for part in [surname, f"{initials} {particles}".strip()] if part)
    source = commitment.source
    return {
        SUMMARY: commitment.summary,
        DUE_PRECISION: commitment.due_precision,
        DEADLINE_PHRASE: commitment.deadline_phrase,
        FULFILLED_ON: commitment.fulfilled_on.isoformat() if commitment.fulfilled_on else None,
        MADE_ON: commitment.made_on.isoformat(),
        "Id": str(export_id(commitment)),
        "Nummer": commitment.number,
        "Tekst": commitment.text,
        "Naam": naam or None,
        "Achternaam": surname or None,
        "Initialen": initials or None,
        "Tussenvoegsel": particles or None,
        "Voornaam": (official.first_name or None) if official else None,
        "Achtervoegsel": None,
        "Titulatuur": (official.title or None) if official else None,
        "Functie": official.function if official else None,
        "Ministerie": commitment.ministry.name,
        "Status": export_status(commitment),
        "DatumNakoming": format_date(commitment.due_date),
        "Aanmaakdatum": format_timestamp(commitment.source_created_at or commitment.created_at),
        "ActiviteitNummer": source.tk_activity_number if source else None,
        "GewijzigdOp": format_timestamp(commitment.source_changed_at or commitment.updated_at),
        "ApiGewijzigdOp": format_utc(commitment.source_api_changed_at or commitment.updated_at),
        "Verwijderd": commitment.withdrawn_from_source,
        "Notities": commitment.notes or None,
    }


def persoon(member: Member) -> dict:
    """A member as the Chamber's `Persoon`, as far as we know one (no contact details: we keep
    none). Property names from the real sample in related-entities-real.json."""
    initials, particles, surname = split_name(member.name)
    return {
        "Id": persoon_id(member),
        "Initialen": initials or None,
        "Tussenvoegsel": particles or None,
        "Achternaam": surname,
        "Verwijderd": False,
    }


def fractie(party: Party) -> dict:
    """A party as the Chamber's `Fractie` (property names from the real sample)."""
    return {
        "Id": fractie_id(party),
        "Afkorting": party.abbreviation,
        "NaamNL": party.name,
        "Verwijderd": False,
    }


def persoon_id(member: Member) -> str:
    return str(member.tk_id or local_id("Persoon", member.pk))


def fractie_id(party: Party) -> str:
    return str(party.tk_id or local_id("Fractie", party.pk))


def document_id(document: Document) -> str:
    return str(document.tk_id or local_id("Document", document.pk))


def document(letter: Document) -> dict:
    """A document (the letter that fulfilled a commitment) as the Chamber's `Document`, with
    the properties our import reads (commitments.tk.related: Id, DocumentNummer, Titel,
    Onderwerp, Datum; names as tkapi 0.9.10 document.py reads them). We keep one title: it is
    both `Titel` and `Onderwerp`."""
    return {
        "Id": document_id(letter),
        "DocumentNummer": letter.document_number or None,
        "Titel": letter.title,
        "Onderwerp": letter.title,
        "Datum": format_date(letter.date),
        "Verwijderd": False,
    }


def activiteit(debate: Document, committee: Committee | None) -> dict:
    """The debate a commitment was made in as the Chamber's `Activiteit` (Nummer, Onderwerp,
    Datum; tkapi 0.9.10 activiteit.py), with the commitment's committee as its
    `Voortouwcommissie`. We keep no Activiteit Id of the Chamber's: its Id is ours."""
    return {
        "Id": str(local_id("Activiteit", debate.pk)),
        "Nummer": debate.tk_activity_number,
        "Onderwerp": debate.title,
        "Datum": format_date(debate.date),
        "Verwijderd": False,
        "Voortouwcommissie": [commissie(committee)] if committee else [],
    }


def commissie(committee: Committee) -> dict:
    """A committee as the Chamber's `Commissie` (NaamNL, Afkorting; tkapi 0.9.10 commissie.py)."""
    return {
        "Id": str(committee.tk_id or local_id("Commissie", committee.pk)),
        "NaamNL": committee.name,
        "Afkorting": committee.abbreviation,
        "Verwijderd": False,
    }
