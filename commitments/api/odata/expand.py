"""Navigation properties of `Toezegging` served through `$expand` (and at
`Toezegging(<Id>)/<navigation>`): one query each for a whole page, however many records it has.

`ToegezegdAan`: to whom a commitment was made, as the Chamber's entity has it (one item per
member or party, `Toezegging_Id`, `Persoon_Id`, `Fractie_Id`, related-entities-real.json): a
member whose party the commitment was also made to shares one item with it, as in the SyncFeed
sample (`<toegezegdAan><persoon/><fractie/></toegezegdAan>`); every other member and party has an
item of its own. Inside it `Persoon` and `Fractie` expand (`$expand=ToegezegdAan($expand=Persoon,
Fractie)`). Our items have no row of their own: their `Id` is derived from what they link.
"""

import uuid

from commitments.models import Commitment, Member, Party
from commitments.tk.export import (
    EXPORT_ID_NAMESPACE,
    export_id,
    fractie,
    fractie_id,
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


# Navigation property -> (loader, what may be expanded inside it).
NAVIGATION = {"ToegezegdAan": (made_to, ["Persoon", "Fractie"])}
EXPANDABLE = {name: nested for name, (_loader, nested) in NAVIGATION.items()}
