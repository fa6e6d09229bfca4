"""Export, then import into an empty database: our OData service read by our own import
(`commitments.tk.sync.import_toezeggingen`) gives back the same commitments, members, parties,
documents and links.

One test database serves both ends, so the export is recorded first: every page the import asks
for (its own URL, `reader.sync_url`: `$expand` of every navigation property it reads,
`$orderby=ApiGewijzigdOp`), read over HTTP from a live server following `@odata.nextLink`. The
database is then emptied and the import reads the recording over HTTP, as it would read the
live service, with the links pointing at the recording.
"""

import http.server
import threading
import urllib.parse

import pytest
import requests

from commitments.api.odata import views
from commitments.models import (
    Commitment,
    Committee,
    Document,
    Member,
    Ministry,
    NumberCounter,
    Official,
    Party,
    TkPendingLink,
    TkQuarantine,
    TkSync,
)
from commitments.tk.reader import sync_url
from commitments.tk.sync import import_toezeggingen
from tests.api.test_odata_service import chamber_register
from tests.tk import realshape

FIELDS = [
    "number",
    "text",
    "summary",
    "status",
    "status_not_given",
    "made_on",
    "due_date",
    "due_precision",
    "deadline_phrase",
    "fulfilled_on",
    "withdrawn_from_source",
    "notes",
]


# What the Chamber wrote, which our own commitments get only when they are imported.
SOURCE_FIELDS = ["tk_id", "source_created_at", "source_changed_at", "source_api_changed_at"]


def register_as_compared(fields=FIELDS) -> dict[str, dict]:
    """Every commitment by number: the fields that travel, and what it links to by name."""
    rows = Commitment.objects.select_related(
        "ministry", "official", "source", "fulfilled_by", "committee", "repeats", "amends"
    ).prefetch_related("made_to", "made_to_parties")
    return {
        c.number: {
            **{field: getattr(c, field) for field in fields},
            "ministry": c.ministry.name,
            "official": (c.official.name, c.official.function) if c.official else None,
            "debate": (c.source.tk_activity_number, c.source.title) if c.source else None,
            "letter": (c.fulfilled_by.title, c.fulfilled_by.date) if c.fulfilled_by else None,
            "committee": c.committee.name if c.committee else None,
            "repeats": c.repeats.number if c.repeats else None,
            "amends": c.amends.number if c.amends else None,
            "made_to": sorted(member.name for member in c.made_to.all()),
            "made_to_parties": sorted(
                (party.name, party.abbreviation) for party in c.made_to_parties.all()
            ),
        }
        for c in rows
    }


def wipe() -> None:
    """An empty register: no commitments, audit trail, people, documents or counters."""
    Commitment.history.all().delete()
    Commitment.objects.all().delete()
    Document.history.all().delete()
    for model in [Official, Ministry, Document, Member, Party, Committee]:
        model.objects.all().delete()
    for model in [NumberCounter, TkSync, TkQuarantine, TkPendingLink]:
        model.objects.all().delete()


def record(first: str) -> dict[str, bytes]:
    """Every page from `first` on, by path and query, as the live server served it."""
    pages, url = {}, first
    with requests.Session() as session:
        while url:
            response = session.get(url, timeout=30)
            assert response.status_code == 200, response.text[:300]
            parts = urllib.parse.urlsplit(url)
            pages[f"{parts.path}?{parts.query}"] = response.content
            url = response.json().get("@odata.nextLink")
    return pages


class Recording(http.server.ThreadingHTTPServer):
    """Serves recorded pages at the paths they were served at, links moved to this server."""

    def __init__(self, pages: dict[str, bytes], recorded_root: str):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.root = f"http://127.0.0.1:{self.server_address[1]}"
        self.pages = {
            key: body.replace(recorded_root.encode(), self.root.encode())
            for key, body in pages.items()
        }


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body or b"{}")

    def log_message(self, *args):
        """Quiet: the test says what went wrong."""


def round_trip(live_server) -> object:
    """Record the export as the import asks for it, empty the database, import the recording;
    the import's result."""
    first, _ordered = sync_url(f"{live_server.url}/api/odata/Toezegging")
    pages = record(first)
    wipe()
    server = Recording(pages, live_server.url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return import_toezeggingen(source=first.replace(live_server.url, server.root))
    finally:
        server.shutdown()
        server.server_close()


def everyone() -> tuple[list, list, list, list]:
    """Members, parties, committees and documents by what identifies them to a reader."""
    return (
        sorted(Member.objects.values_list("name", flat=True)),
        sorted(Party.objects.values_list("name", "abbreviation")),
        sorted(Committee.objects.values_list("name", "abbreviation")),
        sorted(Document.objects.values_list("kind", "title", "date", "tk_activity_number")),
    )


@pytest.mark.django_db(transaction=True)
def test_it_reads_back_what_it_exports_into_an_empty_database(live_server, monkeypatch):
    made = chamber_register()
    before = register_as_compared()
    # What must travel: a letter, a debate and its committee, links, members and parties.
    assert before["TZ202504-057"]["letter"] and before["TZ202504-057"]["committee"]
    assert before["TZ202412-116"]["repeats"] == "TZ202504-057"
    assert before[made["late"].number]["amends"] == made["ours"].number
    assert before[made["ours"].number]["made_to_parties"] and before[made["ours"].number]["made_to"]
    people = sorted(Member.objects.values_list("name", flat=True))
    monkeypatch.setattr(views, "PAGE_SIZE", 3)

    result = round_trip(live_server)

    assert result.pages == 3
    assert not TkQuarantine.objects.exists(), list(TkQuarantine.objects.values("field", "reason"))
    assert register_as_compared() == before, result
    assert sorted(Member.objects.values_list("name", flat=True)) == people
    assert not TkPendingLink.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_reads_back_the_real_shaped_register_it_took_over(live_server):
    """The register of tests/tk/realshape.py (320 records with every quirk of FACTS.md),
    imported from the Chamber's shape, exported in pages of 250 and imported again."""
    register = realshape.register()
    with realshape.RegisterServer([dict(raw) for raw in register.records]) as server:
        import_toezeggingen(source=server.url)
    TkQuarantine.objects.all().delete()
    fields = [*FIELDS, *SOURCE_FIELDS]
    before, people = register_as_compared(fields), everyone()
    assert len(before) > 300

    round_trip(live_server)

    assert not TkQuarantine.objects.exists(), list(TkQuarantine.objects.values("field", "reason"))
    assert register_as_compared(fields) == before
    assert everyone() == people
