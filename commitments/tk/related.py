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

Members, parties and committees are found or made by their Chamber Id in commitments/tk/chamber.py.

Choices: a navigation property the page did not expand (absent from the record) leaves ours as it
is; so does one the source gives empty, so that what a clerk added to an imported commitment is
not wiped by a register that does not know it. When the source names any, ours become the
source's. Of several fulfilling letters the latest (by `Datum`, then Id) is `fulfilled_by`; of
several links of one kind, the first served; of several committees, the first served.

Queries: a fixed number per page, whatever its size (one read per kind, one bulk insert and one
bulk update per kind, one delete and one insert per many-to-many relation, one UPDATE per field
that changed, and one audit row per changed commitment written in bulk, by the source's account,
with the reason `RELATED_REASON`). Measured on the realshape register of 6,500 records (the size
of the real one): 5.3 s of a 11 s import on SQLite, 4.6 s of 9.2 s on PostgreSQL.
"""

import collections
import datetime
import uuid

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history

from commitments.models import Commitment, Document, TkPendingLink
from commitments.services.history import record_addressees
from commitments.tk.chamber import (
    Committees,
    Members,
    Parties,
    addressees,
    day_of,
    expanded,
    first_committee,
    guid,
)

# As commitments/tk/sync.py writes it: the reason of the import's audit rows, stored in English;
# selectors.history translates them when they are shown.
IMPORT_REASON = gettext_noop("Imported from the Tweede Kamer's open data (Toezegging)")
RELATED_REASON = gettext_noop(
    "Imported from the Tweede Kamer's open data (Toezegging): to whom it was made, its letter, "
    "committee and links"
)
LINKS = {
    "IsHerhalingVan": TkPendingLink.Kind.REPEATS,
    "IsWijzigingVan": TkPendingLink.Kind.AMENDS,
    "IsAanvullingOp": TkPendingLink.Kind.SUPPLEMENTS,
}
RELATED_FIELDS = ["committee", "fulfilled_by", *LINKS.values()]
BATCH_SIZE = 500
TITLE_LENGTH = Document._meta.get_field("title").max_length


def take_related(
    landed: list[tuple[dict, int]], *, user, new: set[int] = frozenset()
) -> dict[str, int]:
    """Take over the related entities of a page's landed records: `landed` holds, per record,
    the record as served (a dict with its expanded navigation properties) and the id of our
    commitment it landed as; `new` the ids of those the page created, whose creation's audit
    row takes their related entities in (one audit row per import, not two). Run inside the
    page's transaction, after its records landed.
    Returns counts (keys absent when 0): "members", "parties", "committees", "documents" made;
    "addressees_changed", "committee", "fulfilled_by", "repeats", "amends", "supplements": the
    commitments whose addressees or that field changed; "pending": links left waiting for their
    target; "commitments_changed" (always present): commitments given an audit row."""
    landed = [(raw, pk) for raw, pk in landed if isinstance(raw, dict)]
    counts: collections.Counter = collections.Counter()
    parties = Parties(landed).find_or_make(counts)
    members = Members(landed, parties).find_or_make(counts)
    committees = Committees(landed).find_or_make(counts)
    letters = fulfilling_letters(landed, user=user, counts=counts)
    commitments = Commitment.objects.in_bulk([pk for _raw, pk in landed])
    # The ids of the commitments whose field (or addressees) changed, per field.
    changes: dict[str, set[int]] = collections.defaultdict(set)
    changes["addressees_changed"] = set_addressees(landed, members=members, parties=parties)
    set_links(landed, commitments, changes=changes, counts=counts)
    for raw, pk in landed:
        commitment = commitments.get(pk)
        if commitment is None:
            continue
        committee = first_committee(raw)
        if committee is not None and committees[committee].pk != commitment.committee_id:
            commitment.committee_id = committees[committee].pk
            changes["committee"].add(pk)
        letter = letters.get(pk)
        if letter is not None and letter.pk != commitment.fulfilled_by_id:
            commitment.fulfilled_by_id = letter.pk
            changes["fulfilled_by"].add(pk)
    changed = set().union(*changes.values())
    if changed:
        write(commitments, changes, user=user, new=new)
    counts.update({name: len(ids) for name, ids in changes.items() if ids})
    counts["commitments_changed"] = len(changed)
    return dict(counts)


def write(
    commitments: dict[int, Commitment], changes: dict[str, set[int]], *, user, new: set[int]
) -> None:
    """Save the changed fields, each only for the commitments whose field changed (Django
    writes a field as a CASE over its rows, which costs per row). A commitment created on this
    page has its creation's audit row completed with them; any other gets one audit row of its
    own. Either way the audit row holds its addressees as they are now."""
    changed = sorted(set().union(*changes.values()))
    for field in RELATED_FIELDS:
        rows = [commitments[pk] for pk in sorted(changes.get(field, ()))]
        if rows:
            Commitment.objects.bulk_update(rows, [field], batch_size=BATCH_SIZE)
    created = [pk for pk in changed if pk in new]
    earlier = [pk for pk in changed if pk not in new]
    history_ids = complete_creation_records(created)
    if earlier:
        now = timezone.now()
        Commitment.objects.filter(pk__in=earlier).update(updated_at=now)
        for pk in earlier:
            commitments[pk].updated_at = now
        records = Commitment.history.bulk_history_create(
            [commitments[pk] for pk in earlier],
            batch_size=BATCH_SIZE,
            update=True,
            default_user=user,
            default_change_reason=RELATED_REASON,
        )
        history_ids += [record.pk for record in records]
    record_addressees(history_ids=history_ids)


def complete_creation_records(pks: list[int]) -> list[int]:
    """Copy the related fields of the commitments `pks`, created in this transaction, into
    their creation's audit rows, in one UPDATE per chunk; returns those rows' ids."""
    history = Commitment.history.model
    current = Commitment.objects.filter(pk=OuterRef("id"))
    ids = []
    for start in range(0, len(pks), BATCH_SIZE):
        rows = history.objects.filter(id__in=pks[start : start + BATCH_SIZE], history_type="+")
        rows.update(
            **{
                f"{field}_id": Subquery(current.values(f"{field}_id")[:1])
                for field in RELATED_FIELDS
            }
        )
        ids += rows.values_list("history_id", flat=True)
    return ids


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


def set_addressees(landed, *, members: dict, parties: dict) -> set[int]:
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


def set_links(landed, commitments: dict[int, Commitment], *, changes: dict, counts) -> None:
    """Set `repeats`, `amends` and `supplements` from the record's links where the target has
    landed, adding the commitment's id to `changes[kind]`; keep the others as pending links."""
    wanted: dict[tuple[int, str], uuid.UUID] = {}
    for raw, pk in landed:
        for name, kind in LINKS.items():
            targets = [guid(item.get("Id")) for item in expanded(raw, name)]
            targets = [target for target in targets if target is not None]
            if targets:
                wanted[(pk, kind)] = targets[0]
    if not wanted:
        return
    landed_ids = dict(
        Commitment.objects.filter(tk_id__in=set(wanted.values())).values_list("tk_id", "pk")
    )
    pending = []
    for (pk, kind), target in wanted.items():
        commitment, target_pk = commitments.get(pk), landed_ids.get(target)
        if commitment is None or target_pk == pk:
            continue
        if target_pk is None:
            pending.append(TkPendingLink(commitment_id=pk, kind=kind, target_tk_id=target))
        elif getattr(commitment, f"{kind}_id") != target_pk:
            setattr(commitment, f"{kind}_id", target_pk)
            changes[kind].add(pk)
    stale = Q()
    for pk, kind in wanted:
        stale |= Q(commitment_id=pk, kind=kind)
    TkPendingLink.objects.filter(stale).delete()
    TkPendingLink.objects.bulk_create(pending, batch_size=BATCH_SIZE)
    counts["pending"] += len(pending)
