"""Our members, parties and committees, found or made by the Tweede Kamer's Ids, and the reading
of the navigation properties its OData service `$expand`s on `Toezegging` (the names as
commitments/tk/related.py gives them).

A member, party or committee we do not have by its Chamber Id is first looked for among ours that
have none (a clerk's: a party by abbreviation or name, a committee by abbreviation or name, a
member by name, each without case), which then gets the Id; otherwise it is made, named from the
expansion (a member as the Chamber's site names them, "Fleur Agema"; a party and a committee by
`NaamNL` and `Afkorting`), or "Persoon <Id>" / "Fractie <Id>" until a record brings the
expansion, when the placeholder gives way to the name. A name or abbreviation another row already
has gets a number ("BRINK-2"), as the unique constraints want. A member we have keeps their
party unless they had none (members change parties; the register's item says which party the
promise was made to, which `made_to_parties` keeps).

Each kind is read in one query for a whole page, and written in one bulk update and one bulk
insert.
"""

import collections
import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Lower

from commitments.models import Committee, Member, Party

BATCH_SIZE = 500
# Names of members, parties and committees are at most 200 characters; room for a " (n)".
NAME_LENGTH = Party._meta.get_field("name").max_length - 10


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
        name = (name or default_name)[:NAME_LENGTH]
        return name, (abbreviation or default_abbreviation)[: self.abbreviation_length]

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
            party = self.party[tk_id]
            name = member_name(persoon)[:NAME_LENGTH] or f"Persoon {tk_id}"
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
