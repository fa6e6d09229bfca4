"""The import against a register in the real shape (tests/tk/realshape.py): 320 records with
every quirk of /work/shared/tk/FACTS.md, served as the Chamber's OData service pages them.

What a clerk relies on: every record is either taken in or waits in the quarantine with a
reason, none is lost; a second run writes nothing; a nightly sync killed after its first page
and run again ends where an uninterrupted one does; a record that reaches the API late with an
old GewijzigdOp is still picked up.
"""

import datetime
import unicodedata
import urllib.parse
import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from commitments.models import (
    Commitment,
    Committee,
    Document,
    Member,
    Ministry,
    Official,
    Party,
    TkPendingLink,
    TkQuarantine,
    TkSync,
)
from commitments.tasks import sync_tk_toezeggingen
from commitments.tk import sync as tk
from tests.conftest import snapshot
from tests.tk import realshape

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(scope="module")
def register():
    return realshape.register()


@pytest.fixture
def server(register):
    with realshape.RegisterServer([dict(record) for record in register.records]) as server:
        yield server


@pytest.fixture
def nightly(server, settings):
    """The nightly task, pointed at the server: `nightly()` runs it as beat does."""
    settings.TK_ODATA_URL = server.url
    return lambda: sync_tk_toezeggingen.apply(throw=True).get()


class Killed(BaseException):
    """The worker dies: not an error any code of ours catches."""


def kill_after_first_page(page, outcome):
    raise Killed


def ids(records) -> set[uuid.UUID]:
    return {uuid.UUID(record["Id"]) for record in records}


def test_it_takes_in_every_record_or_quarantines_it_with_a_reason(server, register, nightly):
    result = nightly()

    assert result["full_run"] and result["pages"] == 2
    served = ids(register.records)
    landed = set(Commitment.objects.values_list("tk_id", flat=True))
    quarantined = {row.tk_id: row for row in TkQuarantine.objects.all()}
    never_had = ids(register.by_id(i) for i in register.quirks["tombstone"])
    assert landed | set(quarantined) | never_had == served
    assert not landed & set(quarantined)
    assert all(row.reason and row.field and row.record for row in quarantined.values())
    # Neither Ministerie nor Functie names a ministry: the only records that cannot land.
    assert set(quarantined) == ids(register.by_id(i) for i in register.quirks["no_ministry"])
    assert {row.field for row in quarantined.values()} == {"Ministerie"}

    sync = TkSync.objects.get()
    assert sync.full_sync_done_at is not None and sync.resume_url == ""
    latest = max(realshape.parse(record["ApiGewijzigdOp"]) for record in register.records)
    assert sync.last_api_changed_at == latest


def test_it_takes_in_an_empty_or_null_status_as_open_for_a_clerk_to_review(server, register):
    tk.import_toezeggingen(source=server.url, since=True)

    for quirk in ("empty_status", "null_status"):
        commitment = Commitment.objects.get(tk_id=register.quirks[quirk][0])
        assert commitment.status == Commitment.Status.OPEN
        assert commitment.status_not_given
    given = Commitment.objects.filter(status_not_given=False)
    assert given.count() == Commitment.objects.count() - 2


def fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(bare.casefold().split())


def test_it_takes_the_ministry_from_functie_when_ministerie_is_null(server, register):
    tk.import_toezeggingen(source=server.url, since=True)

    # The ministry each post got where the source named it in Ministerie (after September 2022).
    named = {}
    for commitment in Commitment.objects.select_related("ministry"):
        record = register.by_id(str(commitment.tk_id))
        if record["Ministerie"] and record["Functie"]:
            named[fold(record["Functie"])] = commitment.ministry
    checked = 0
    for tk_id in set(register.quirks["no_ministerie"]) - set(register.quirks["no_functie"]):
        function = fold(register.by_id(tk_id)["Functie"])
        commitment = Commitment.objects.select_related("ministry").get(tk_id=tk_id)
        if function in named:
            assert commitment.ministry == named[function], function
            checked += 1
    assert checked > 50
    lower_case = set(register.quirks["lower_case_functie"]) - set(register.quirks["no_functie"])
    assert lower_case and lower_case <= set(
        str(tk_id) for tk_id in Commitment.objects.values_list("tk_id", flat=True)
    )


def test_it_keeps_what_the_source_wrote_down_to_the_second(server, register):
    tk.import_toezeggingen(source=server.url, since=True)

    real = Commitment.objects.get(number="TZ202504-057")
    assert real.source_created_at == datetime.datetime(
        2025, 4, 10, 9, 12, 31, 550000, tzinfo=datetime.UTC
    )
    assert real.source_api_changed_at == datetime.datetime(
        2025, 9, 2, 8, 20, 41, 102759, tzinfo=datetime.UTC
    )
    noted = Commitment.objects.get(tk_id=register.quirks["notes"][0])
    assert noted.notes == register.by_id(register.quirks["notes"][0])["Notities"]


def test_it_writes_nothing_when_run_again(server, nightly):
    nightly()
    before = snapshot()

    assert nightly()["full_run"] is False
    tk.import_toezeggingen(source=server.url)

    assert snapshot() == before


def test_it_asks_for_what_reached_the_api_since_the_sync_point_less_the_overlap(
    server, nightly, settings
):
    nightly()
    sync_point = TkSync.objects.get().last_api_changed_at
    server.requests.clear()

    nightly()

    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(server.requests[0]).query))
    asked = sync_point - settings.TK_SYNC_OVERLAP
    assert query["$filter"] == f"ApiGewijzigdOp ge {asked.isoformat().replace('+00:00', 'Z')}"
    assert query["$orderby"] == "ApiGewijzigdOp"
    assert "ToegezegdAan" in query["$expand"]


def test_it_picks_up_a_record_that_reaches_the_api_late_with_an_old_gewijzigdop(
    server, register, nightly
):
    nightly()
    sync_point = TkSync.objects.get().last_changed_at
    late = dict(register.by_id(register.quirks["made_to"][0]))
    late |= {
        "Id": str(uuid.UUID(int=16)),
        "Nummer": "TZ201901-999",
        # Changed at the source long before the sync point, published in the API only now.
        "GewijzigdOp": realshape.changed_text(sync_point - datetime.timedelta(days=400)),
        "ApiGewijzigdOp": realshape.utc(timezone.now()),
    }
    server.records.append(late)

    result = nightly()

    assert result["created"] == 1, TkQuarantine.objects.values("reason")
    assert Commitment.objects.get(tk_id=uuid.UUID(int=16)).number == "TZ201901-999"


def register_state() -> dict:
    """What the import made, by the source's keys rather than our row ids (which differ from
    one run to the next), without the times of our own writes."""
    commitments = {}
    query = Commitment.objects.select_related(
        "ministry", "official", "source", "fulfilled_by", "committee"
    ).prefetch_related("made_to", "made_to_parties")
    for c in query:
        commitments[c.tk_id] = [
            *(c.number, c.text, c.summary, c.status, c.status_not_given, c.made_on, c.due_date),
            *(c.due_precision, c.fulfilled_on, c.notes, c.withdrawn_from_source),
            *(c.source_created_at, c.source_changed_at, c.source_api_changed_at),
            *(c.ministry.name, c.official and (c.official.name, c.official.function)),
            *(c.source and c.source.tk_activity_number, c.fulfilled_by and c.fulfilled_by.tk_id),
            *(c.committee and c.committee.tk_id, c.repeats_id and c.repeats.tk_id),
            *(c.amends_id and c.amends.tk_id, c.supplements_id and c.supplements.tk_id),
            sorted(str(m.tk_id) for m in c.made_to.all()),
            sorted(str(p.tk_id) for p in c.made_to_parties.all()),
            sorted(c.history.values_list("history_type", flat=True)),
        ]
    sync = TkSync.objects.get()
    return {
        "commitments": commitments,
        "quarantine": sorted(
            (str(q.tk_id), q.field, q.reason, q.resolved_at is None)
            for q in TkQuarantine.objects.all()
        ),
        "pending": sorted(
            (str(p.commitment.tk_id), p.kind, str(p.target_tk_id))
            for p in TkPendingLink.objects.select_related("commitment")
        ),
        "sync": (sync.last_api_changed_at, sync.last_changed_at, sync.resume_url),
        "full run ended": sync.full_sync_done_at is not None,
        "rows": [
            sorted(map(str, model.objects.values_list(*keys)))
            for model, keys in [
                (Ministry, ["name"]),
                (Official, ["name", "function"]),
                (Document, ["tk_activity_number", "tk_id", "title"]),
                (Member, ["tk_id", "name"]),
                (Party, ["tk_id", "name"]),
                (Committee, ["tk_id", "name"]),
            ]
        ],
    }


def test_it_ends_a_run_killed_after_page_one_and_resumed_nightly_as_an_uninterrupted_run(
    server, nightly
):
    before = transaction.savepoint()
    nightly()
    uninterrupted = register_state()
    transaction.savepoint_rollback(before)
    assert not Commitment.objects.exists()

    with pytest.raises(Killed):
        tk.import_toezeggingen(source=server.url, since=True, on_page=kill_after_first_page)
    sync = TkSync.objects.get()
    assert sync.resume_url and sync.full_sync_done_at is None
    assert Commitment.objects.count() + TkQuarantine.objects.count() <= realshape.PAGE_SIZE
    server.requests.clear()

    result = nightly()

    assert result["full_run"] and result["pages"] == 1
    assert "skiptoken" in server.requests[0]
    assert register_state() == uninterrupted


def test_it_goes_on_after_a_dropped_connection_without_losing_a_record(server, register, nightly):
    server.drop_from(2)
    with pytest.raises(tk.ImportStopped) as stopped:
        # What the nightly task runs; it tries again later when the failure is retryable.
        tk.import_toezeggingen(source=server.url, since=True)
    assert stopped.value.retryable
    server.drop_from(None)

    nightly()

    served = ids(register.records) - ids(register.by_id(i) for i in register.quirks["tombstone"])
    taken = set(Commitment.objects.values_list("tk_id", flat=True))
    assert taken | set(TkQuarantine.objects.values_list("tk_id", flat=True)) == served


def test_it_resolves_a_quarantined_record_when_a_later_version_lands(server, register, nightly):
    nightly()
    tk_id = register.quirks["no_ministry"][0]
    row = TkQuarantine.objects.get(tk_id=tk_id)
    assert row.resolved_at is None
    index = next(i for i, record in enumerate(server.records) if record["Id"] == tk_id)
    server.records[index] = server.records[index] | {
        "Functie": "Minister van Financiën",
        "GewijzigdOp": realshape.changed_text(timezone.now()),
        "ApiGewijzigdOp": realshape.utc(timezone.now()),
    }

    nightly()

    row.refresh_from_db()
    assert row.resolved_at is not None
    assert Commitment.objects.get(tk_id=tk_id).ministry.name == "Financiën"
