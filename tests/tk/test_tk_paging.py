"""The Tweede Kamer import against a source that never stops linking to another page.

A local OData server answers /pages/N with what a test sets; a page it has no answer for is an
empty page linking to /pages/N+1, as the faulty source did 9,500 times in 30 seconds.
"""

import datetime
import http.server
import io
import json
import logging
import threading
import urllib.parse

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Commitment, TkSync
from commitments.tasks import sync_tk_toezeggingen
from commitments.tk import sync as tk
from tests.toezeggingen import CHANGED, CONTEXT, send_json, toezegging

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class EndlessServer:
    """Page 1 at /pages/1; every page links to the next; `pages[n]` are page n's records."""

    def __init__(self):
        self.pages: dict[int, list] = {}
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                number = int(urllib.parse.urlsplit(self.path).path.rsplit("/", 1)[1])
                body = json.dumps(
                    {
                        "@odata.context": CONTEXT,
                        "value": server.pages.get(number, []),
                        "@odata.nextLink": f"{server.base}/pages/{number + 1}",
                    }
                ).encode()
                send_json(self, body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.base}/pages/1"


@pytest.fixture
def endless():
    server = EndlessServer()
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
    thread.join()


def run(url: str) -> str:
    out = io.StringIO()
    call_command("import_tk_toezeggingen", url, stdout=out)
    return out.getvalue()


def sync_point(url: str):
    return TkSync.objects.get(source_url=url).last_changed_at


def test_it_stops_a_clerks_import_at_an_empty_page_that_links_on_and_keeps_what_landed(endless):
    """A clerk imports a source whose page 1 holds records 1-3 and whose pages 2, 3, ... are
    empty, each with a new @odata.nextLink."""
    endless.pages[1] = [toezegging(1), toezegging(2), toezegging(3)]

    with pytest.raises(CommandError) as stopped:
        run(endless.url)

    message = str(stopped.value)
    assert "Page 2 (" in message
    assert "brings no record that was not read before, yet links to another page" in message
    assert "The 1 pages before it stayed imported (3 records: 3 new, 0 changed)" in message
    assert len(endless.requests) == 2
    assert Commitment.objects.count() == 3
    assert sync_point(endless.url) == CHANGED + datetime.timedelta(minutes=3)


def test_it_stops_at_a_page_that_repeats_the_records_already_read(endless):
    """A clerk imports a source whose pages 1 and 2 hold records 1-2 and 3-4, and whose page 3
    (and every page after it) holds records 1-2 again."""
    endless.pages |= {1: [toezegging(1), toezegging(2)], 2: [toezegging(3), toezegging(4)]}
    for number in range(3, 10):
        endless.pages[number] = [toezegging(1), toezegging(2)]

    with pytest.raises(CommandError, match=r"Page 3 \(.*\) brings no record that was not read"):
        run(endless.url)

    assert len(endless.requests) == 3
    assert Commitment.objects.count() == 4


def test_it_stops_at_the_page_cap_and_keeps_the_pages_before(endless, settings):
    """With TK_MAX_PAGES=2, a clerk imports a source with records 1, 2, 3 on pages 1, 2, 3."""
    settings.TK_MAX_PAGES = 2
    endless.pages |= {number: [toezegging(number)] for number in (1, 2, 3)}

    with pytest.raises(CommandError) as stopped:
        run(endless.url)

    message = str(stopped.value)
    assert "The source links to more than 2 pages (TK_MAX_PAGES)" in message
    assert "stopped before page 3" in message
    assert "The 2 pages before it stayed imported (2 records: 2 new, 0 changed)" in message
    assert len(endless.requests) == 2
    assert sorted(c.number for c in Commitment.objects.all()) == ["TZ202403-001", "TZ202403-002"]
    assert sync_point(endless.url) == CHANGED + datetime.timedelta(minutes=2)


def test_it_logs_why_the_nightly_sync_stopped_and_does_not_try_again(endless, settings, caplog):
    """Beat runs the nightly sync against a source with record 1 on page 1 and empty pages,
    each linking on, after it."""
    settings.TK_ODATA_URL = endless.url
    endless.pages[1] = [toezegging(1)]

    with (
        caplog.at_level(logging.ERROR, logger="commitments.tasks"),
        pytest.raises(tk.ImportStopped) as stopped,
    ):
        sync_tk_toezeggingen.apply(throw=True)

    assert not stopped.value.retryable
    assert "The Tweede Kamer sync stopped: Page 2" in caplog.text
    assert "links to another page" in caplog.text
    assert len(endless.requests) == 2
    assert Commitment.objects.count() == 1
