"""The related entities of the Tweede Kamer's register, as its OData v4 service `$expand`s them on
`Toezegging`, taken over for the commitments of one page.

Names as the real service gives them (/work/shared/tk/related-entities-real.json, from the live
`$metadata`; the expanded entities' properties as tkapi 0.9.10 reads them: tkapi/persoon.py,
fractie.py, commissie.py, activiteit.py, document.py):

- `ToegezegdAan`: items with `Persoon_Id` and/or `Fractie_Id`, and with `$expand` their `Persoon`
  (Achternaam, Tussenvoegsel, Initialen, Roepnaam, Nummer) and `Fractie` (NaamNL, Afkorting).
  They become the commitment's `made_to` (our `Member`, matched by `tk_id`) and `made_to_parties`
  (our `Party`, by `tk_id`).
- `KamerbriefNakoming`: the fulfilling `Document`s (Id, DocumentNummer, Titel, Onderwerp, Datum);
  the latest becomes `fulfilled_by` (our `Document`, by `tk_id`).
- `Activiteit`: the debate (Nummer, Onderwerp, Datum) and its `Voortouwcommissie` (a `Commissie`:
  NaamNL, Afkorting), which becomes the commitment's `committee` (our `Committee`, by `tk_id`).
  The debate itself is the commitment's `source`, found or made by `commitments.tk.lookups`.
- `IsHerhalingVan`, `IsWijzigingVan`, `IsAanvullingOp`: other `Toezegging`s (at least their Id),
  which become `repeats`, `amends` and `supplements`. A target we have not taken in yet is kept
  as a `TkPendingLink` and set by `resolve_pending_links` once it lands.

A member, party or committee we do not have by its Chamber Id is first looked for among ours that
have none (a clerk's: a party by abbreviation or name, a committee by name or abbreviation, a
member by name, each without case), which then gets the Id; otherwise it is made, named from the
expansion, or "Persoon <Id>" / "Fractie <Id>" until a record brings the expansion. A name or
abbreviation another row already has gets a number, as the unique constraints want.

Choices: a navigation property the page did not expand (absent from the record) leaves ours as it
is; so does one the source gives empty, so that what a clerk added to an imported commitment is
not wiped by a register that does not know it. When the source names any, ours become the
source's. Of several fulfilling letters the latest (by `Datum`, then Id) is `fulfilled_by`; of
several links of one kind, the first served; of several committees, the first served.

Queries: a fixed number per page, whatever its size (one read per kind, one bulk insert and one
bulk update per kind, one delete and one insert per many-to-many relation, and one audit row per
changed commitment written in bulk, by the source's account).
"""

import collections
import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from commitments.models import Commitment, Committee, Document, Member, Party, TkPendingLink
from commitments.services.history import bulk_update_with_history

# As commitments/tk/sync.py writes it: the reason of the import's audit rows.
IMPORT_REASON = "Imported from the Tweede Kamer's open data (Toezegging)"
RELATED_REASON = f"{IMPORT_REASON}: to whom it was made, its letter, committee and links"
LINKS = {
    "IsHerhalingVan": TkPendingLink.Kind.REPEATS,
    "IsWijzigingVan": TkPendingLink.Kind.AMENDS,
    "IsAanvullingOp": TkPendingLink.Kind.SUPPLEMENTS,
}
RELATED_FIELDS = ["committee", "fulfilled_by", *LINKS.values()]
BATCH_SIZE = 500
TITLE_LENGTH = Document._meta.get_field("title").max_length


def expanded(raw: dict, name: str) -> list[dict]:
    """The entities of navigation property `name` of `raw` that the source has not deleted:
    [] when it is absent, null or empty; a single entity is given as a list of one."""
    value = raw.get(name) if isinstance(raw, dict) else None
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return [item for item in items if isinstance(item, dict) and not item.get("Verwijderd")]


def day_of(value) -> datetime.date | None:
    """The day, in our time zone, of an OData `DateTimeOffset`; None for none, for one we cannot
    read and for `0001-01-01`, which the Chamber writes for "no date"."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if moment.year == 1:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


def guid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def take_related(landed: list[tuple[dict, int]], *, user) -> dict[str, int]:
    """Take over the related entities of a page's landed records: `landed` holds, per record,
    the record as served (a dict with its expanded navigation properties) and the id of our
    commitment it landed as. Run inside the page's transaction, after its records landed.
    Returns counts: members, parties, committees and documents made; commitments whose
    addressees, letter, committee or links changed; links set and links left pending."""
    landed = [(raw, pk) for raw, pk in landed if isinstance(raw, dict)]
    counts: collections.Counter = collections.Counter()
    parties = Parties(landed).find_or_make(counts)
    members = Members(landed, parties).find_or_make(counts)
    committees = Committees(landed).find_or_make(counts)
    letters = fulfilling_letters(landed, user=user, counts=counts)
    commitments = Commitment.objects.in_bulk([pk for _raw, pk in landed])
    changed = set_addressees(landed, members=members, parties=parties, counts=counts)
    changed |= set_links(landed, commitments, counts=counts)
    for raw, pk in landed:
        commitment = commitments.get(pk)
        if commitment is None:
            continue
        committee = first_committee(raw)
        if committee is not None and committees[committee].pk != commitment.committee_id:
            commitment.committee_id = committees[committee].pk
            counts["committee"] += 1
            changed.add(pk)
        letter = letters.get(pk)
        if letter is not None and letter.pk != commitment.fulfilled_by_id:
            commitment.fulfilled_by_id = letter.pk
            counts["fulfilled_by"] += 1
            changed.add(pk)
    if changed:
        bulk_update_with_history(
            [commitments[pk] for pk in sorted(changed) if pk in commitments],
            fields=RELATED_FIELDS,
            user=user,
            reason=RELATED_REASON,
            batch_size=BATCH_SIZE,
        )
    counts["commitments_changed"] = len(changed)
    return dict(counts)


def resolve_pending_links() -> int:
    """Set the links whose target has landed since, one UPDATE per kind, and forget them.
    Returns how many links were set."""
    landed_ids = Commitment.objects.filter(tk_id__isnull=False).values("tk_id")
    resolved = 0
    for kind in TkPendingLink.Kind.values:
        waiting = TkPendingLink.objects.filter(kind=kind, target_tk_id__in=landed_ids)
        target = Commitment.objects.filter(
            tk_id__in=TkPendingLink.objects.filter(
                kind=kind, commitment_id=OuterRef(OuterRef("pk"))
            ).values("target_tk_id")
        ).values("pk")[:1]
        resolved += Commitment.objects.filter(pk__in=waiting.values("commitment_id")).update(
            **{kind: Subquery(target)}
        )
    TkPendingLink.objects.filter(target_tk_id__in=landed_ids).delete()
    return resolved


def first_committee(raw: dict) -> uuid.UUID | None:
    """The Chamber Id of the committee that led the record's debate, when expanded."""
    activities = expanded(raw, "Activiteit")
    number = raw.get("ActiviteitNummer")
    activities.sort(key=lambda activity: activity.get("Nummer") != number)
    for activity in activities:
        for committee in expanded(activity, "Voortouwcommissie"):
            if (committee_id := guid(committee.get("Id"))) is not None:
                return committee_id
    return None


def addressees(raw: dict) -> list[tuple[uuid.UUID | None, dict, uuid.UUID | None, dict]]:
    """The record's `ToegezegdAan` as (Persoon Id, Persoon, Fractie Id, Fractie)."""
    rows = []
    for item in expanded(raw, "ToegezegdAan"):
        persoon = item.get("Persoon") if isinstance(item.get("Persoon"), dict) else {}
        fractie = item.get("Fractie") if isinstance(item.get("Fractie"), dict) else {}
        persoon_id = guid(item.get("Persoon_Id") or persoon.get("Id"))
        fractie_id = guid(item.get("Fractie_Id") or fractie.get("Id"))
        if persoon_id or fractie_id:
            rows.append((persoon_id, persoon, fractie_id, fractie))
    return rows


class Named:
    """Parties and committees: a unique name and abbreviation and the Chamber's Id. Subclasses
    say which model, which expanded entities and which placeholder names."""

    model: type
    abbreviation_length: int
    counted: str

    def __init__(self, details: dict[uuid.UUID, tuple[str, str]]):
        # Chamber Id -> (name, abbreviation) from the expansion; "" where it gives none.
        self.details = details

    def placeholder(self, tk_id: uuid.UUID) -> tuple[str, str]:
        raise NotImplementedError

    def find_or_make(self, counts: collections.Counter) -> dict:
        found = {row.tk_id: row for row in self.model.objects.filter(tk_id__in=self.details)}
        wanted = {tk_id: self.named(tk_id) for tk_id in self.details if tk_id not in found} | {
            tk_id: self.named(tk_id) for tk_id, row in found.items() if self.is_placeholder(row)
        }
        names = {name.lower() for name, _abbreviation in wanted.values()}
        abbreviations = {abbreviation.lower() for _name, abbreviation in wanted.values()}
        others = list(
            self.model.objects.annotate(low_name=Lower("name"), low_abbr=Lower("abbreviation"))
            .filter(Q(low_name__in=names) | Q(low_abbr__in=abbreviations))
            .order_by("pk")
        )
        taken = Taken(others, self.abbreviation_length)
        changed, new = [], []
        for tk_id, (name, abbreviation) in wanted.items():
            row = found.get(tk_id) or self.adoptable(others, name, abbreviation)
            if row is not None and row.tk_id is None:
                row.tk_id = tk_id
                found[tk_id] = row
                changed.append(row)
            elif row is not None and (row.name, row.abbreviation) != (name, abbreviation):
                row.name, row.abbreviation = taken.free(name, abbreviation, row)
                changed.append(row)
            elif row is None:
                row = self.model(tk_id=tk_id)
                row.name, row.abbreviation = taken.free(name, abbreviation, row)
                found[tk_id] = row
                new.append(row)
        self.model.objects.bulk_update(changed, ["tk_id", "name", "abbreviation"])
        self.model.objects.bulk_create(new, batch_size=BATCH_SIZE)
        counts[self.counted] += len(new)
        return found

    def named(self, tk_id: uuid.UUID) -> tuple[str, str]:
        name, abbreviation = self.details[tk_id]
        default_name, default_abbreviation = self.placeholder(tk_id)
        return name or default_name, (abbreviation or default_abbreviation)[
            : self.abbreviation_length
        ]

    def is_placeholder(self, row) -> bool:
        expanded_name = self.details[row.tk_id][0]
        return bool(expanded_name) and row.name == self.placeholder(row.tk_id)[0]

    @staticmethod
    def adoptable(others: list, name: str, abbreviation: str):
        """One of ours without a Chamber Id that has this abbreviation, else this name."""
        free = [row for row in others if row.tk_id is None]
        for row in free:
            if row.low_abbr == abbreviation.lower():
                return row
        for row in free:
            if row.low_name == name.lower():
                return row
        return None


class Taken:
    """Names and abbreviations in use, and free ones made from wanted ones by numbering."""

    def __init__(self, rows: list, abbreviation_length: int):
        self.rows = {(row.low_name, "name"): row for row in rows}
        self.rows |= {(row.low_abbr, "abbr"): row for row in rows}
        self.length = abbreviation_length

    def free(self, name: str, abbreviation: str, row) -> tuple[str, str]:
        return self._free(name, "name", row), self._free(abbreviation, "abbr", row)

    def _free(self, value: str, kind: str, row) -> str:
        candidate, number = value, 2
        while self.rows.get((candidate.lower(), kind), row) is not row:
            if kind == "name":
                candidate = f"{value} ({number})"
            else:
                tail = f"-{number}"
                candidate = value[: self.length - len(tail)] + tail
            number += 1
        self.rows[(candidate.lower(), kind)] = row
        return candidate


class Parties(Named):
    model = Party
    counted = "parties"
    abbreviation_length = Party._meta.get_field("abbreviation").max_length

    def __init__(self, landed: list[tuple[dict, int]]):
        details: dict[uuid.UUID, tuple[str, str]] = {}
        for raw, _pk in landed:
            for _persoon_id, _persoon, fractie_id, fractie in addressees(raw):
                if fractie_id is not None and (fractie or fractie_id not in details):
                    details[fractie_id] = (
                        (fractie.get("NaamNL") or "").strip(),
                        (fractie.get("Afkorting") or "").strip(),
                    )
        super().__init__(details)

    def placeholder(self, tk_id: uuid.UUID) -> tuple[str, str]:
        return f"Fractie {tk_id}", f"F-{tk_id.hex[:8]}"


class Committees(Named):
    model = Committee
    counted = "committees"
    abbreviation_length = Committee._meta.get_field("abbreviation").max_length

    def __init__(self, landed: list[tuple[dict, int]]):
        details: dict[uuid.UUID, tuple[str, str]] = {}
        for raw, _pk in landed:
            for activity in expanded(raw, "Activiteit"):
                for committee in expanded(activity, "Voortouwcommissie"):
                    if (committee_id := guid(committee.get("Id"))) is not None:
                        details[committee_id] = (
                            (committee.get("NaamNL") or "").strip(),
                            (committee.get("Afkorting") or "").strip(),
                        )
        super().__init__(details)

    def placeholder(self, tk_id: uuid.UUID) -> tuple[str, str]:
        return f"Commissie {tk_id}", f"C-{tk_id.hex[:8]}"


def member_name(persoon: dict) -> str:
    """A member as the Chamber's site names them: "Fleur Agema", "B. Hendriks"; "" when the
    Persoon is not expanded."""
    parts = [persoon.get("Roepnaam") or persoon.get("Initialen"), persoon.get("Tussenvoegsel")]
    parts.append(persoon.get("Achternaam"))
    return " ".join(part.strip() for part in parts if part and part.strip())


def member_forms(persoon: dict) -> set[str]:
    """The names under which a clerk may have entered the member, lower case: the full name,
    initials and surname, and the surname alone ("Kuik", as the seed letter names members)."""
    surname = " ".join(
        part.strip() for part in (persoon.get("Tussenvoegsel"), persoon.get("Achternaam")) if part
    )
    initials = (persoon.get("Initialen") or "").strip()
    forms = {member_name(persoon), surname, f"{initials} {surname}".strip()}
    return {form.lower() for form in forms if form}


class Members:
    """The members of the page's `ToegezegdAan`, by Persoon Id, with the party of the item that
    names them (a member we have keeps theirs, unless they had none)."""

    def __init__(self, landed: list[tuple[dict, int]], parties: dict):
        self.persons: dict[uuid.UUID, dict] = {}
        self.party: dict[uuid.UUID, Party | None] = {}
        for raw, _pk in landed:
            for persoon_id, persoon, fractie_id, _fractie in addressees(raw):
                if persoon_id is None:
                    continue
                if persoon or persoon_id not in self.persons:
                    self.persons[persoon_id] = persoon
                if fractie_id is not None:
                    self.party[persoon_id] = parties[fractie_id]
                else:
                    self.party.setdefault(persoon_id, None)

    def find_or_make(self, counts: collections.Counter) -> dict[uuid.UUID, Member]:
        found = {member.tk_id: member for member in Member.objects.filter(tk_id__in=self.persons)}
        forms = {tk_id: member_forms(persoon) for tk_id, persoon in self.persons.items()}
        wanted = set().union(*forms.values()) if forms else set()
        others = list(
            Member.objects.annotate(low_name=Lower("name"))
            .filter(low_name__in=wanted)
            .order_by("pk")
        )
        taken = {(member.low_name, member.party_id) for member in others}
        changed, new = [], []
        for tk_id, persoon in self.persons.items():
            party, name = self.party[tk_id], member_name(persoon) or f"Persoon {tk_id}"
            member = found.get(tk_id)
            if member is None:
                free = [m for m in others if m.tk_id is None and m.low_name in forms[tk_id]]
                if len(free) != 1:
                    name = self._free(name, party.pk if party else None, taken)
                    found[tk_id] = Member(name=name, party=party, tk_id=tk_id)
                    new.append(found[tk_id])
                    continue
                member = found[tk_id] = free[0]
                member.tk_id = tk_id
                changed.append(member)
            if member.party_id is None and party is not None:
                member.party = party
                changed.append(member)
            if member.name == f"Persoon {tk_id}" and persoon:
                member.name = self._free(name, member.party_id, taken)
                changed.append(member)
        changed = list({member.pk: member for member in changed}.values())
        Member.objects.bulk_update(changed, ["tk_id", "name", "party"], batch_size=BATCH_SIZE)
        Member.objects.bulk_create(new, batch_size=BATCH_SIZE)
        counts["members"] += len(new)
        return found

    @staticmethod
    def _free(name: str, party_id, taken: set) -> str:
        candidate, number = name, 2
        while (candidate.lower(), party_id) in taken:
            candidate, number = f"{name} ({number})", number + 1
        taken.add((candidate.lower(), party_id))
        return candidate


def fulfilling_letters(landed, *, user, counts: collections.Counter) -> dict[int, Document]:
    """Per commitment id, the latest `KamerbriefNakoming` document, found by its Chamber Id or
    made (a letter titled by its `Onderwerp`, else `Titel`, dated by its `Datum`, else by the
    record's `GewijzigdOp`)."""
    chosen: dict[int, tuple[uuid.UUID, dict, datetime.date | None]] = {}
    for raw, pk in landed:
        letters = [
            (day_of(item.get("Datum")) or datetime.date.min, str(item.get("Id")), item)
            for item in expanded(raw, "KamerbriefNakoming")
            if guid(item.get("Id")) is not None
        ]
        if letters:
            _day, tk_id, item = max(letters, key=lambda letter: letter[:2])
            chosen[pk] = (uuid.UUID(tk_id), item, day_of(raw.get("GewijzigdOp")))
    ids = {tk_id for tk_id, _item, _changed in chosen.values()}
    found = {document.tk_id: document for document in Document.objects.filter(tk_id__in=ids)}
    new: dict[uuid.UUID, Document] = {}
    for tk_id, item, changed_on in chosen.values():
        if tk_id in found or tk_id in new:
            continue
        title = (item.get("Onderwerp") or item.get("Titel") or "").strip()
        title = title or f"Document {item.get('DocumentNummer') or tk_id}"
        new[tk_id] = Document(
            kind=Document.Kind.LETTER,
            date=day_of(item.get("Datum")) or changed_on or timezone.localdate(),
            title=title[:TITLE_LENGTH],
            tk_id=tk_id,
        )
    if new:
        created = bulk_create_with_history(
            list(new.values()),
            Document,
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=IMPORT_REASON,
        )
        found |= {document.tk_id: document for document in created}
        counts["documents"] += len(created)
    return {pk: found[tk_id] for pk, (tk_id, _item, _changed) in chosen.items()}


def set_addressees(landed, *, members: dict, parties: dict, counts) -> set[int]:
    """Make each commitment's `made_to` and `made_to_parties` the source's, where it gives
    any; returns the ids of the commitments whose addressees changed."""
    wanted_members: dict[int, set[int]] = {}
    wanted_parties: dict[int, set[int]] = {}
    for raw, pk in landed:
        rows = addressees(raw)
        if rows:
            wanted_members[pk] = {members[p].pk for p, _persoon, _f, _fractie in rows if p}
            wanted_parties[pk] = {parties[f].pk for _p, _persoon, f, _fractie in rows if f}
    changed = set()
    for relation, wanted in (("made_to", wanted_members), ("made_to_parties", wanted_parties)):
        changed |= replace_links(getattr(Commitment, relation), wanted)
    counts["addressees_changed"] += len(changed)
    return changed


def replace_links(descriptor, wanted: dict[int, set[int]]) -> set[int]:
    """Make the many-to-many rows of `descriptor` (e.g. `Commitment.made_to`) for the
    commitments in `wanted` exactly those given: one read, one delete, one insert."""
    if not wanted:
        return set()
    through = descriptor.through
    source = descriptor.field.m2m_field_name() + "_id"
    target = descriptor.field.m2m_reverse_field_name() + "_id"
    current: dict[int, dict[int, int]] = collections.defaultdict(dict)
    for row_id, owner, other in through.objects.filter(
        **{f"{source}__in": list(wanted)}
    ).values_list("pk", source, target):
        current[owner][other] = row_id
    stale = [
        row_id
        for owner, others in current.items()
        for other, row_id in others.items()
        if other not in wanted[owner]
    ]
    missing = [
        through(**{source: owner, target: other})
        for owner, others in wanted.items()
        for other in sorted(others - set(current[owner]))
    ]
    through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return {getattr(row, source) for row in missing} | {
        owner for owner, others in current.items() if set(others) - wanted[owner]
    }


def set_links(landed, commitments: dict[int, Commitment], *, counts) -> set[int]:
    """Set `repeats`, `amends` and `supplements` from the record's links where the target has
    landed; keep the others as pending links. Returns the ids of the commitments changed."""
    wanted: dict[tuple[int, str], uuid.UUID] = {}
    for raw, pk in landed:
        for name, kind in LINKS.items():
            targets = [guid(item.get("Id")) for item in expanded(raw, name)]
            targets = [target for target in targets if target is not None]
            if targets:
                wanted[(pk, kind)] = targets[0]
    if not wanted:
        return set()
    landed_ids = dict(
        Commitment.objects.filter(tk_id__in=set(wanted.values())).values_list("tk_id", "pk")
    )
    changed, pending = set(), []
    for (pk, kind), target in wanted.items():
        commitment, target_pk = commitments.get(pk), landed_ids.get(target)
        if commitment is None or target_pk == pk:
            continue
        if target_pk is None:
            pending.append(TkPendingLink(commitment_id=pk, kind=kind, target_tk_id=target))
        elif getattr(commitment, f"{kind}_id") != target_pk:
            setattr(commitment, f"{kind}_id", target_pk)
            counts["links"] += 1
            changed.add(pk)
    stale = Q()
    for pk, kind in wanted:
        stale |= Q(commitment_id=pk, kind=kind)
    TkPendingLink.objects.filter(stale).delete()
    TkPendingLink.objects.bulk_create(pending, batch_size=BATCH_SIZE)
    counts["pending"] += len(pending)
    return changed
