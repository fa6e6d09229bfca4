"""Navigation properties of `Toezegging` served through `$expand` (and at
`Toezegging(<Id>)/<navigation>`): one query each for a whole page, however many records it has.

`ToegezegdAan`: to whom a commitment was made, as the Chamber's entity has it (one item per
member or party, `Toezegging_Id`, `Persoon_Id`, `Fractie_Id`, related-entities-real.json): a
member whose party the commitment was also made to shares one item with it, as in the SyncFeed
sample (`<toegezegdAan><persoon/><fractie/></toegezegdAan>`); every other member and party has an
item of its own. Inside it `Persoon` and `Fractie` expand (`$expand=ToegezegdAan($expand=Persoon,
Fractie)`). Our items have no row of their own: their `Id` is derived from what they link.

`KamerbriefNakoming`: the letter that fulfilled the commitment (`fulfilled_by`), as a `Document`.
`Activiteit`: the debate it was made in (its `source`, when that has an activity number), with
the commitment's committee as `Voortouwcommissie` (`$expand=Activiteit($expand=
Voortouwcommissie)`); the page's query already holds both, so it costs no query of its own.
`IsHerhalingVan`, `IsWijzigingVan`, `IsAanvullingOp`: the commitment it repeats, amends or
supplements (`repeats`, `amends`, `supplements`), as a `Toezegging` with its Id (clients ask
for `$select=Id`).

Every loader takes the page's commitments and the names expanded inside, and returns the items
by commitment primary key.
"""

import uuid

from commitments.models import Commitment, Document, Member, Party
from commitments.tk.export import (
    EXPORT_ID_NAMESPACE,
    activiteit,
    document,
    export_id,
    fractie,
    fractie_id,
    local_id,
    persoon,
    persoon_id,
)

MEMBER_COLUMNS = ("made_to__pk", "made_to__name", "made_to__tk_id", "made_to__party_id")
PARTY_COLUMNS = ("made_to_parties__pk", "made_to_parties__name")
PARTY_COLUMNS += ("made_to_parties__abbreviation", "made_to_parties__tk_id")


def made_to(page: list[Commitment], nested: list[str]) -> dict[int, list[dict]]:
    """`ToegezegdAan` of each commitment of `page`, by primary key; one query (both many-to-many
    tables joined; a commitment made to m members and p parties gives m times p rows, a handful)."""
    members: dict[int, dict[int, Member]] = {commitment.pk: {} for commitment in page}
    parties: dict[int, dict[int, Party]] = {commitment.pk: {} for commitment in page}
    rows = (
        Commitment.objects.filter(pk__in=list(members))
        .order_by()
        .values_list("pk", *MEMBER_COLUMNS, *PARTY_COLUMNS)
    )
    for pk, m_pk, m_name, m_tk, m_party, p_pk, p_name, p_abbreviation, p_tk in rows:
        if m_pk is not None:
            members[pk][m_pk] = Member(pk=m_pk, name=m_name, tk_id=m_tk, party_id=m_party)
        if p_pk is not None:
            parties[pk][p_pk] = Party(pk=p_pk, name=p_name, abbreviation=p_abbreviation, tk_id=p_tk)
    ids = {commitment.pk: str(export_id(commitment)) for commitment in page}
    return {pk: items(ids[pk], list(members[pk].values()), parties[pk], nested) for pk in members}


def items(toezegging_id: str, members: list[Member], parties: dict[int, Party], nested) -> list:
    """The `ToegezegdAan` items of one commitment, members (with their party where it was made
    to that too) first, then the parties left, each in the order of their primary keys."""
    result, paired = [], set()
    for member in sorted(members, key=lambda member: member.pk):
        party = parties.get(member.party_id)
        paired.add(member.party_id)
        result.append(item(toezegging_id, member, party, nested))
    for pk in sorted(set(parties) - paired):
        result.append(item(toezegging_id, None, parties[pk], nested))
    return result


def item(toezegging_id: str, member: Member | None, party: Party | None, nested) -> dict:
    person_id = persoon_id(member) if member else None
    group_id = fractie_id(party) if party else None
    shape = {
        "Id": str(uuid.uuid5(EXPORT_ID_NAMESPACE, f"{toezegging_id}/{person_id}/{group_id}")),
        "Toezegging_Id": toezegging_id,
        "Persoon_Id": person_id,
        "Fractie_Id": group_id,
    }
    if "Persoon" in nested:
        shape["Persoon"] = persoon(member) if member else None
    if "Fractie" in nested:
        shape["Fractie"] = fractie(party) if party else None
    return shape


def fulfilling_letter(page: list[Commitment], nested: list[str]) -> dict[int, list[dict]]:
    """`KamerbriefNakoming`: the letter that fulfilled each commitment; one query."""
    letters = {commitment.pk: [] for commitment in page}
    wanted = [c.fulfilled_by_id for c in page if c.fulfilled_by_id is not None]
    by_pk = {letter.pk: letter for letter in Document.objects.filter(pk__in=wanted)}
    for commitment in page:
        if commitment.fulfilled_by_id in by_pk:
            letters[commitment.pk].append(document(by_pk[commitment.fulfilled_by_id]))
    return letters


def debate(page: list[Commitment], nested: list[str]) -> dict[int, list[dict]]:
    """`Activiteit`: the debate each commitment was made in (source and committee loaded)."""
    debates = {}
    for commitment in page:
        source = commitment.source
        if source is None or not source.tk_activity_number:
            debates[commitment.pk] = []
            continue
        shape = activiteit(source, commitment.committee)
        if "Voortouwcommissie" not in nested:
            del shape["Voortouwcommissie"]
        debates[commitment.pk] = [shape]
    return debates


def linked(field: str):
    """The loader of a link to another commitment (`repeats`, ...): one query for the page."""

    def load(page: list[Commitment], nested: list[str]) -> dict[int, list[dict]]:
        targets = {c.pk: getattr(c, f"{field}_id") for c in page}
        rows = Commitment.objects.filter(pk__in=[pk for pk in targets.values() if pk])
        ids = {
            pk: tk_id or local_id("Toezegging", pk) for pk, tk_id in rows.values_list("pk", "tk_id")
        }
        return {
            pk: [{"Id": str(ids[target])}] if target in ids else []
            for pk, target in targets.items()
        }

    return load


# Navigation property -> (loader, what may be expanded inside it).
NAVIGATION = {
    "ToegezegdAan": (made_to, ["Persoon", "Fractie"]),
    "KamerbriefNakoming": (fulfilling_letter, []),
    "Activiteit": (debate, ["Voortouwcommissie"]),
    "IsHerhalingVan": (linked("repeats"), []),
    "IsWijzigingVan": (linked("amends"), []),
    "IsAanvullingOp": (linked("supplements"), []),
}
EXPANDABLE = {name: nested for name, (_loader, nested) in NAVIGATION.items()}
