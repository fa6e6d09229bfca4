"""The import of the Tweede Kamer's register (`Toezegging`), against a local OData server.

The server runs on 127.0.0.1 in a thread and serves pages built from the documented shape of the
Chamber's open data; a test decides what each address answers: a page, broken JSON, or a dropped
connection.
"""

import datetime
import http.server
import importlib.util
import io
import json
import threading
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from commitments.models import Commitment, Document, Ministry, Official, TkQuarantine, TkSync
from commitments.tasks import sync_tk_toezeggingen
from commitments.tk import landing
from commitments.tk import sync as tk
from commitments.tk.ministries import MinistryMatcher, derive_abbreviation
from commitments.tk.records import RecordError, parse_record
from tests.conftest import snapshot
from tests.factories import CommitmentFactory, MinistryFactory
from tests.toezeggingen import CHANGED, CONTEXT, DROP, send_json, toezegging

# The messages asserted here are the English source texts.
pytestmark = pytest.mark.usefixtures("english")


def changed_at(n: int) -> datetime.datetime:
    return CHANGED + datetime.timedelta(minutes=n)


class ODataServer:
    """Answers each path with what a test set: a page (a dict), raw bytes, or DROP."""

    def __init__(self):
        self.routes: dict[str, object] = {}
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                answer = server.routes.get(urllib.parse.urlsplit(self.path).path)
                if answer is DROP:
                    # Close the socket without a word, as a connection lost mid-way does.
                    self.close_connection = True
                    return
                if answer is None:
                    self.send_error(404)
                    return
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                send_json(self, body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.base}/OData/v4/2.0/Toezegging"

    def serve_pages(self, *pages, start: str = "/OData/v4/2.0/Toezegging") -> None:
        """Pages of records at the start path and then /pages/2, /pages/3, ... linked in order;
        a page given as DROP or bytes is answered that way."""
        paths = [start] + [f"/pages/{number}" for number in range(2, len(pages) + 1)]
        for index, (path, page) in enumerate(zip(paths, pages, strict=True)):
            if page is DROP or isinstance(page, bytes):
                self.routes[path] = page
                continue
            envelope = {"@odata.context": CONTEXT, "value": page}
            if index + 1 < len(paths):
                envelope["@odata.nextLink"] = f"{self.base}{paths[index + 1]}"
            self.routes[path] = envelope


@pytest.fixture
def odata_server():
    server = ODataServer()
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
    thread.join()


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_tk_toezeggingen", *args, stdout=out)
    return out.getvalue()


def history_count() -> int:
    return Commitment.history.count()


def sync_point(url: str) -> datetime.datetime | None:
    return TkSync.objects.get(source_url=url).last_changed_at


THREE_PAGES = [
    [toezegging(1), toezegging(2), toezegging(3)],
    [toezegging(4), toezegging(5), toezegging(6)],
    [toezegging(7), toezegging(8), toezegging(9)],
]


# --- reading several pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_imports_every_page_following_the_next_links(odata_server, english):
    odata_server.serve_pages(*THREE_PAGES)
    output = run(odata_server.url)

    assert "Imported 3 pages" in output
    assert "9 records, 9 new, 0 changed" in output
    assert len(odata_server.requests) == 3
    assert Commitment.objects.count() == 9
    commitment = Commitment.objects.get(number="TZ202403-005")
    assert commitment.tk_id == uuid.UUID(int=5)
    assert commitment.text.endswith("te informeren (5).")
    assert commitment.summary == commitment.text
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.made_on == datetime.date(2024, 3, 19)
    assert commitment.due_date == commitment.original_due_date == datetime.date(2024, 6, 30)
    assert commitment.due_precision == Commitment.Precision.DAY
    assert commitment.official.name == "E. van der Burg"
    assert commitment.official.function == "Staatssecretaris van Justitie en Veiligheid"
    assert commitment.ministry.name == "Justitie en Veiligheid"
    assert commitment.ministry.abbreviation == "JenV"
    assert commitment.source.tk_activity_number == "2024A01234"
    assert commitment.source.kind == Document.Kind.DEBATE
    assert commitment.source_changed_at == changed_at(5)
    assert not commitment.withdrawn_from_source
    assert (Ministry.objects.count(), Official.objects.count(), Document.objects.count()) == (
        1,
        1,
        1,
    )
    assert sync_point(odata_server.url) == changed_at(9)


@pytest.mark.django_db
def test_it_writes_the_audit_trail_with_the_source_as_author(odata_server):
    odata_server.serve_pages(*THREE_PAGES)
    run(odata_server.url)

    author = get_user_model().objects.get(username=tk.SOURCE_USERNAME)
    assert not author.is_active
    assert not author.has_usable_password()
    records = Commitment.history.all()
    assert records.count() == 9
    assert {record.history_user for record in records} == {author}
    assert {record.history_type for record in records} == {"+"}
    assert {record.history_change_reason for record in records} == {landing.IMPORT_REASON}


@pytest.mark.django_db
def test_it_keeps_the_chambers_numbers_out_of_our_own_series(odata_server):
    odata_server.serve_pages(*THREE_PAGES)
    run(odata_server.url)
    ours = CommitmentFactory(made_on=datetime.date(2024, 3, 25))
    assert ours.number == "TL202403-001"


@pytest.mark.django_db
def test_it_changes_nothing_when_run_again(odata_server, english):
    odata_server.serve_pages(*THREE_PAGES)
    run(odata_server.url)
    before = {c.pk: c.updated_at for c in Commitment.objects.all()}
    history = history_count()

    output = run(odata_server.url)

    assert "9 records, 0 new, 0 changed (0 withdrawn at the source), 9 unchanged" in output
    assert history_count() == history
    assert {c.pk: c.updated_at for c in Commitment.objects.all()} == before
    assert (Ministry.objects.count(), Official.objects.count(), Document.objects.count()) == (
        1,
        1,
        1,
    )


# --- changes at the source ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_takes_over_a_record_changed_at_the_source_with_the_source_as_author(odata_server):
    odata_server.serve_pages(*THREE_PAGES)
    run(odata_server.url)
    history = history_count()

    done = toezegging(
        2, Status="Afgedaan", GewijzigdOp=changed_at(60).isoformat(), Tekst="Een nieuwe tekst."
    )
    odata_server.serve_pages([toezegging(1), done, toezegging(3)], *THREE_PAGES[1:])
    run(odata_server.url)

    commitment = Commitment.objects.get(tk_id=uuid.UUID(int=2))
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.text == commitment.summary == "Een nieuwe tekst."
    # The source has no fulfilment date: the day of the change is the closest it comes.
    assert commitment.fulfilled_on == datetime.date(2024, 4, 1)
    assert commitment.source_changed_at == changed_at(60)
    assert history_count() == history + 1
    latest = commitment.history.latest()
    assert latest.history_user.username == tk.SOURCE_USERNAME
    assert latest.history_type == "~"
    assert latest.prev_record.status == Commitment.Status.OPEN


@pytest.mark.django_db
def test_it_keeps_a_clerks_correction_until_the_source_changes_the_record(odata_server):
    odata_server.serve_pages(THREE_PAGES[0])
    run(odata_server.url)
    commitment = Commitment.objects.get(tk_id=uuid.UUID(int=1))
    commitment.summary = "Informeren over de aanpak"
    commitment.save()

    run(odata_server.url)
    commitment.refresh_from_db()
    assert commitment.summary == "Informeren over de aanpak"

    odata_server.serve_pages(
        [toezegging(1, Status="Vervallen", GewijzigdOp=changed_at(90).isoformat())]
    )
    run(odata_server.url)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.LAPSED
    # The clerk's summary still describes the promise, whose text did not change.
    assert commitment.summary == "Informeren over de aanpak"


@pytest.mark.django_db
def test_it_writes_nothing_for_a_newer_version_that_changes_none_of_our_fields(odata_server):
    odata_server.serve_pages(THREE_PAGES[0])
    run(odata_server.url)
    history = history_count()

    odata_server.serve_pages([toezegging(1, GewijzigdOp=changed_at(30).isoformat())])
    run(odata_server.url)

    assert history_count() == history
    assert Commitment.objects.get(tk_id=uuid.UUID(int=1)).source_changed_at == changed_at(30)


@pytest.mark.django_db
def test_it_marks_a_deleted_record_withdrawn_and_keeps_it(odata_server, english):
    odata_server.serve_pages(*THREE_PAGES)
    run(odata_server.url)

    later = changed_at(70).isoformat()
    tombstone = {"Id": str(uuid.UUID(int=3)), "GewijzigdOp": later, "Verwijderd": True}
    never_had = {"Id": str(uuid.UUID(int=99)), "GewijzigdOp": later, "Verwijderd": True}
    odata_server.serve_pages(
        [toezegging(1), toezegging(2, Verwijderd=True, GewijzigdOp=later), tombstone, never_had]
    )
    output = run(odata_server.url)

    assert "2 changed (2 withdrawn at the source)" in output
    assert "1 deletions of records we never had" in output
    assert Commitment.objects.count() == 9
    withdrawn = Commitment.objects.filter(withdrawn_from_source=True)
    assert sorted(c.tk_id.int for c in withdrawn) == [2, 3]
    assert Commitment.objects.get(
        tk_id=uuid.UUID(int=3)
    ).history.latest().history_user.username == (tk.SOURCE_USERNAME)
    assert not Commitment.objects.filter(tk_id=uuid.UUID(int=99)).exists()

    # Restored at the source: ours is no longer withdrawn.
    odata_server.serve_pages([toezegging(2, GewijzigdOp=changed_at(80).isoformat())])
    run(odata_server.url)
    assert not Commitment.objects.get(tk_id=uuid.UUID(int=2)).withdrawn_from_source


# --- what the source says, in our terms -----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "ours"),
    [
        ("Openstaand", Commitment.Status.OPEN),
        ("Afgedaan", Commitment.Status.FULFILLED),
        ("Voldaan", Commitment.Status.FULFILLED),
        ("Deels Afgedaan", Commitment.Status.PARTIALLY_FULFILLED),
        ("deels voldaan", Commitment.Status.PARTIALLY_FULFILLED),
        ("VERVALLEN", Commitment.Status.LAPSED),
    ],
)
def test_it_reads_every_status_of_the_register(status, ours):
    assert parse_record(toezegging(1, Status=status), where="page 1").status == ours


def test_it_reads_0001_01_01_as_no_due_date():
    record = parse_record(toezegging(1, DatumNakoming="0001-01-01T00:00:00Z"), where="page 1")
    assert record.due_date is None


def test_it_takes_the_name_from_naam_when_the_parts_are_missing():
    raw = toezegging(1, Achternaam=None, Initialen=None, Tussenvoegsel=None, Naam="Wiersma, F.M.")
    assert parse_record(raw, where="page 1").official_name == "F.M. Wiersma"


@pytest.mark.django_db
def test_it_moves_made_on_back_when_the_due_date_lies_before_it_and_says_so(odata_server, english):
    early = toezegging(1, DatumNakoming="2024-03-01T00:00:00+01:00")
    odata_server.serve_pages([early, toezegging(2)])
    output = run(odata_server.url)

    commitment = Commitment.objects.get(tk_id=uuid.UUID(int=1))
    assert commitment.due_date == commitment.made_on == datetime.date(2024, 3, 1)
    assert commitment.history.latest().history_change_reason == landing.MADE_ON_MOVED_REASON
    assert "1 records have a due date before the date they were made" in output
    assert "TZ202403-001" in output


@pytest.mark.django_db
def test_it_dates_a_fulfilled_record_by_its_last_change_and_says_so(odata_server, english):
    odata_server.serve_pages([toezegging(1, Status="Voldaan")])
    output = run(odata_server.url)
    assert Commitment.objects.get().fulfilled_on == datetime.date(2024, 4, 1)
    assert "1 fulfilled records came without a fulfilment date" in output


@pytest.mark.django_db
def test_it_recognises_one_ministry_in_its_many_names(odata_server):
    ministry = MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    names = [
        "Ministerie van Justitie en Veiligheid",
        "Justitie en Veiligheid",
        "JenV",
        "ministerie van justitie & veiligheid",
        "Veiligheid en Justitie",
        "J&V",
    ]
    odata_server.serve_pages(
        [toezegging(n, Ministerie=name) for n, name in enumerate(names, start=1)]
        + [toezegging(10, Ministerie="Ministerie van Asiel en Migratie")]
    )
    run(odata_server.url)

    assert {c.ministry for c in Commitment.objects.exclude(tk_id=uuid.UUID(int=10))} == {ministry}
    created = Commitment.objects.get(tk_id=uuid.UUID(int=10)).ministry
    assert (created.name, created.abbreviation) == ("Asiel en Migratie", "AenM")


@pytest.mark.django_db
def test_it_gives_a_new_ministry_an_abbreviation_of_its_own():
    MinistryFactory(name="Sport", abbreviation="Spo")
    ministry = MinistryMatcher().resolve("Ministerie van Spoorwegen")
    assert (ministry.name, ministry.abbreviation) == ("Spoorwegen", "Spo2")
    assert derive_abbreviation("Onderwijs, Cultuur en Wetenschap") == "OCW"
    assert derive_abbreviation("Infrastructuur en Waterstaat") == "IenW"


@pytest.mark.django_db
def test_it_reads_a_file_and_the_files_it_links_to(tmp_path, english):
    second = {"@odata.context": CONTEXT, "value": [toezegging(3)]}
    first = {"@odata.context": CONTEXT, "value": [toezegging(1), toezegging(2)]}
    first["@odata.nextLink"] = "second.json"
    (tmp_path / "second.json").write_text(json.dumps(second))
    (tmp_path / "first.json").write_text(json.dumps(first))

    output = run(str(tmp_path / "first.json"))

    assert "Imported 2 pages" in output
    assert Commitment.objects.count() == 3
    assert sync_point((tmp_path / "first.json").resolve().as_uri()) == changed_at(3)


# --- stopping clearly, keeping what landed --------------------------------------------------------


@pytest.mark.django_db
def test_it_quarantines_an_unknown_status_and_lands_the_rest_of_its_page(odata_server, english):
    odata_server.serve_pages(
        THREE_PAGES[0], [toezegging(4), toezegging(5, Status="Bijna klaar"), toezegging(6)]
    )
    output = run(odata_server.url)

    assert "6 records, 5 new" in output and "1 quarantined" in output
    assert sorted(c.tk_id.int for c in Commitment.objects.all()) == [1, 2, 3, 4, 6]
    held = TkQuarantine.objects.get()
    assert (held.tk_id, held.number, held.field) == (uuid.UUID(int=5), "TZ202403-005", "Status")
    assert "Status 'Bijna klaar' is unknown" in held.reason
    assert held.record == toezegging(5, Status="Bijna klaar")
    # The quarantined record was dealt with: the sync point passes it.
    assert sync_point(odata_server.url) == changed_at(6)


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["", None])
def test_it_takes_in_a_record_without_status_as_open_for_a_clerk_to_review(
    odata_server, english, status
):
    odata_server.serve_pages([toezegging(1), toezegging(2, Status=status)])
    output = run(odata_server.url)

    commitment = Commitment.objects.get(tk_id=uuid.UUID(int=2))
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.status_not_given
    assert not Commitment.objects.get(tk_id=uuid.UUID(int=1)).status_not_given
    assert "1 records came without a Status" in output


@pytest.mark.django_db
def test_it_names_the_record_and_the_field_that_is_missing(odata_server, english):
    incomplete = toezegging(5)
    del incomplete["Tekst"]
    odata_server.serve_pages(THREE_PAGES[0], [toezegging(4), incomplete])
    run(odata_server.url)

    assert Commitment.objects.count() == 4
    held = TkQuarantine.objects.get()
    assert (held.number, held.field, held.reason) == ("TZ202403-005", "Tekst", "Tekst is missing.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "problem"),
    [
        (b'{"value": [{"Id": ', "it is not valid JSON"),
        (b'{"@odata.context": "x", "records": []}', "it has no 'value' list"),
    ],
)
def test_it_stops_at_a_malformed_page_and_keeps_the_pages_before(
    odata_server, english, page, problem
):
    odata_server.serve_pages(THREE_PAGES[0], page)
    with pytest.raises(CommandError) as stopped:
        run(odata_server.url)
    assert f"Page 2 ({odata_server.base}/pages/2) cannot be read: {problem}" in str(stopped.value)
    assert Commitment.objects.count() == 3
    assert sync_point(odata_server.url) == changed_at(3)


@pytest.mark.django_db
def test_it_quarantines_a_number_another_record_of_the_register_has(odata_server, english):
    odata_server.serve_pages([toezegging(1), toezegging(2)])
    run(odata_server.url)
    odata_server.serve_pages([toezegging(3, Nummer="TZ202403-001"), toezegging(4)])

    output = run(odata_server.url)

    assert "1 quarantined" in output
    assert Commitment.objects.get(number="TZ202403-001").tk_id == uuid.UUID(int=1)
    assert Commitment.objects.filter(tk_id=uuid.UUID(int=4)).exists()
    held = TkQuarantine.objects.get()
    assert (held.tk_id, held.field) == (uuid.UUID(int=3), "Nummer")
    assert str(uuid.UUID(int=1)) in held.reason


@pytest.mark.django_db
def test_it_takes_a_quarantined_record_in_once_the_number_is_free(odata_server, english):
    odata_server.serve_pages([toezegging(1)])
    run(odata_server.url)
    odata_server.serve_pages([toezegging(2, Nummer="TZ202403-001")])
    run(odata_server.url)
    held = TkQuarantine.objects.get()
    assert held.resolved_at is None

    # The Chamber renumbers its first record; the next run takes the second in from the
    # quarantine, as it was served, without the source serving it again.
    later = changed_at(50).isoformat()
    odata_server.serve_pages([toezegging(1, Nummer="TZ202403-101", GewijzigdOp=later)])
    output = run(odata_server.url)

    assert "1 records from the quarantine could be taken in now" in output
    assert Commitment.objects.get(tk_id=uuid.UUID(int=2)).number == "TZ202403-001"
    held.refresh_from_db()
    assert held.resolved_at is not None


@pytest.mark.django_db
def test_it_quarantines_a_record_both_ministerie_and_functie_leave_without_ministry(
    odata_server, english
):
    odata_server.serve_pages([toezegging(1, Ministerie=None, Functie=None), toezegging(2)])
    run(odata_server.url)

    held = TkQuarantine.objects.get()
    assert (held.tk_id, held.field) == (uuid.UUID(int=1), "Ministerie")
    assert Commitment.objects.get().tk_id == uuid.UUID(int=2)


@pytest.mark.django_db
def test_it_keeps_pages_one_and_two_when_the_connection_drops_on_page_three(odata_server, english):
    odata_server.serve_pages(THREE_PAGES[0], THREE_PAGES[1], DROP)
    with pytest.raises(CommandError) as stopped:
        run(odata_server.url)

    message = str(stopped.value)
    assert f"Page 3 ({odata_server.base}/pages/3) cannot be read" in message
    assert "The 2 pages before it stayed imported (6 records: 6 new, 0 changed)" in message
    assert Commitment.objects.count() == 6
    assert sync_point(odata_server.url) == changed_at(6)


@pytest.mark.django_db
def test_it_resumes_the_first_full_run_where_it_stopped_and_then_asks_for_changes(
    odata_server, english
):
    odata_server.serve_pages(THREE_PAGES[0], THREE_PAGES[1], DROP)
    with pytest.raises(CommandError):
        run(odata_server.url, "--since")
    # Without a sync point yet, the first run asked for everything, in order of arrival.
    first = urllib.parse.parse_qs(urllib.parse.urlsplit(odata_server.requests[0]).query)
    assert "$filter" not in first and first["$orderby"] == ["ApiGewijzigdOp"]
    assert TkSync.objects.get().resume_url == f"{odata_server.base}/pages/3"

    # The next run goes on with page 3, the page it did not finish.
    odata_server.requests.clear()
    odata_server.serve_pages(THREE_PAGES[0], THREE_PAGES[1], THREE_PAGES[2])
    output = run(odata_server.url, "--since")
    assert odata_server.requests == ["/pages/3"]
    assert "3 records, 3 new" in output
    assert Commitment.objects.count() == 9
    sync = TkSync.objects.get()
    assert sync.full_sync_done_at is not None and sync.resume_url == ""

    # After the full run: only what reached the API since the sync point, less the overlap.
    odata_server.requests.clear()
    run(odata_server.url, "--since")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(odata_server.requests[0]).query)
    assert query["$filter"] == ["ApiGewijzigdOp ge 2024-04-01T05:09:00Z"]
    assert query["$orderby"] == ["ApiGewijzigdOp"]


@pytest.mark.django_db
def test_it_keeps_a_filter_of_the_source_url_when_asking_for_changes(odata_server):
    url = f"{odata_server.url}?$filter=Verwijderd eq false"
    odata_server.serve_pages(THREE_PAGES[0])
    run(url, "--since")
    run(url, "--since")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(odata_server.requests[-1]).query)
    assert query["$filter"] == ["(Verwijderd eq false) and ApiGewijzigdOp ge 2024-04-01T05:03:00Z"]


@pytest.mark.django_db
def test_it_stops_at_a_page_that_does_not_move_the_sync_point(odata_server, english):
    # Asked in order of arrival, the source pages back in time: it does not page as asked.
    odata_server.serve_pages(THREE_PAGES[1], THREE_PAGES[0], THREE_PAGES[2])
    with pytest.raises(CommandError, match=r"Page 2 .* does not move the sync point"):
        run(odata_server.url)
    assert sorted(c.tk_id.int for c in Commitment.objects.all()) == [4, 5, 6]


def test_it_names_a_record_without_an_id_by_its_page():
    with pytest.raises(RecordError, match="A record on page 4 has no valid Id"):
        parse_record(toezegging(1, Id="nummer-1"), where="page 4")


# --- the nightly sync ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_syncs_the_configured_source_in_the_nightly_task(odata_server, settings):
    settings.TK_ODATA_URL = odata_server.url
    odata_server.serve_pages(*THREE_PAGES)

    result = sync_tk_toezeggingen.apply().get()

    assert result["created"] == 9
    assert result["pages"] == 3
    assert Commitment.objects.count() == 9
    assert sync_tk_toezeggingen.apply().get()["unchanged"] == 9


@pytest.mark.django_db
def test_it_counts_a_network_failure_as_worth_trying_again(odata_server):
    odata_server.serve_pages(THREE_PAGES[0], DROP)
    with pytest.raises(tk.ImportStopped) as stopped:
        tk.import_toezeggingen(source=odata_server.url, since=True)
    assert stopped.value.retryable
    assert stopped.value.result.created == 3

    odata_server.serve_pages(THREE_PAGES[0], b"nonsense")
    with pytest.raises(tk.ImportStopped) as stopped:
        tk.import_toezeggingen(source=odata_server.url, since=True)
    assert not stopped.value.retryable


def load_settings(monkeypatch, **environment):
    """A fresh copy of tracker/settings.py read under `environment` (Django's own is untouched)."""
    monkeypatch.delenv("TK_ODATA_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    path = Path(__file__).resolve().parents[2] / "tracker" / "settings.py"
    spec = importlib.util.spec_from_file_location("settings_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_schedules_the_nightly_sync_only_when_a_source_is_configured(monkeypatch):
    assert "sync-tk-toezeggingen" not in load_settings(monkeypatch).CELERY_BEAT_SCHEDULE

    configured = load_settings(monkeypatch, TK_ODATA_URL="https://example.org/Toezegging")
    entry = configured.CELERY_BEAT_SCHEDULE["sync-tk-toezeggingen"]
    assert entry["task"] == "commitments.tasks.sync_tk_toezeggingen"
    assert entry["schedule"].hour == {2}
    assert entry["schedule"].minute == {30}


@pytest.mark.django_db
def test_it_says_so_when_there_is_nothing_to_read(odata_server, tmp_path, english):
    with pytest.raises(CommandError, match="is neither a file nor an http"):
        run(str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match=r"cannot be read: the server answered 404"):
        run(f"{odata_server.base}/nothing")


@pytest.mark.django_db
def test_it_gives_a_record_without_functie_the_official_of_that_name(odata_server):
    # Functie null: the official is still found by name (commitments.tk.lookups), so the
    # commitment keeps its owner rather than landing without one.
    odata_server.serve_pages([toezegging(1), toezegging(2, Functie=None)])
    run(odata_server.url)

    first, second = Commitment.objects.order_by("tk_id")
    assert second.official == first.official
    assert second.official.function == "Staatssecretaris van Justitie en Veiligheid"


@pytest.mark.django_db
def test_it_quarantines_a_record_the_database_refuses_and_lands_the_rest(
    odata_server, english, monkeypatch
):
    refused = uuid.UUID(int=2)
    values_for = landing.values_for

    def breaking_one(record, *args):
        values = values_for(record, *args)
        # A value the database's check constraint refuses, as a check we missed would let by.
        return values | {"status": "bijna"} if record.tk_id == refused else values

    monkeypatch.setattr(landing, "values_for", breaking_one)
    odata_server.serve_pages(THREE_PAGES[0])
    output = run(odata_server.url)

    assert "3 records, 2 new" in output and "1 quarantined" in output
    assert sorted(c.tk_id.int for c in Commitment.objects.all()) == [1, 3]
    held = TkQuarantine.objects.get()
    assert held.tk_id == refused
    assert held.reason.startswith("The database refused it:")
    assert sync_point(odata_server.url) == changed_at(3)


@pytest.mark.django_db
def test_it_starts_the_full_run_again_when_its_link_to_resume_from_leads_nowhere(
    odata_server, english
):
    odata_server.serve_pages(THREE_PAGES[0], THREE_PAGES[1], DROP)
    with pytest.raises(CommandError):
        run(odata_server.url, "--since")
    assert TkSync.objects.get().resume_url == f"{odata_server.base}/pages/3"

    # The source no longer knows that page (a $skiptoken it forgot): 404.
    odata_server.routes.clear()
    odata_server.serve_pages(THREE_PAGES[0], THREE_PAGES[1] + THREE_PAGES[2])
    output = run(odata_server.url, "--since")

    assert "Imported 2 pages" in output and "3 new" in output and "6 unchanged" in output
    assert Commitment.objects.count() == 9
    sync = TkSync.objects.get()
    assert sync.full_sync_done_at is not None and sync.resume_url == ""


@pytest.mark.django_db
def test_it_keeps_a_record_postgresql_cannot_store_in_the_quarantine_readably(
    odata_server, english
):
    odata_server.serve_pages([toezegging(1, Tekst="nul\x00byte"), toezegging(2)])
    run(odata_server.url)

    held = TkQuarantine.objects.get()
    assert held.field == "Tekst"
    assert "NUL character" in held.reason
    assert held.record["Tekst"] == "nul\ufffdbyte"
    assert Commitment.objects.get().tk_id == uuid.UUID(int=2)


@pytest.mark.django_db
def test_it_never_moves_the_sync_point_past_a_page_that_did_not_land(odata_server, monkeypatch):
    odata_server.serve_pages(*THREE_PAGES)
    take_related = tk.take_related
    calls = []

    def failing_on_page_two(landed, **kwargs):
        calls.append(landed)
        if len(calls) == 2:
            raise RuntimeError("the worker lost its database connection")
        return take_related(landed, **kwargs)

    monkeypatch.setattr(tk, "take_related", failing_on_page_two)
    with pytest.raises(RuntimeError):
        tk.import_toezeggingen(source=odata_server.url, since=True)

    # Page 2 rolled back whole: its records, and the sync point and resume link it would move.
    assert sorted(c.tk_id.int for c in Commitment.objects.all()) == [1, 2, 3]
    sync = TkSync.objects.get()
    assert sync.last_api_changed_at == changed_at(3)
    assert sync.resume_url == f"{odata_server.base}/pages/2"

    tk.import_toezeggingen(source=odata_server.url, since=True)
    assert Commitment.objects.count() == 9


@pytest.mark.django_db
def test_it_lands_the_first_of_two_records_with_one_nummer_on_a_page_and_writes_nothing_again(
    odata_server, english
):
    odata_server.serve_pages([toezegging(1), toezegging(2, Nummer="TZ202403-001")])
    run(odata_server.url)
    assert Commitment.objects.get().tk_id == uuid.UUID(int=1)
    held = TkQuarantine.objects.get()
    assert (held.tk_id, held.field) == (uuid.UUID(int=2), "Nummer")
    before = snapshot()

    run(odata_server.url)

    assert snapshot() == before
