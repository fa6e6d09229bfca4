import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.services.commitments import extend_deadline
from tests.factories import CommitmentFactory, DocumentFactory, MinistryFactory

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
URLS = ["/commitments.csv", "/commitments.ics", "/feed/changes.atom"]


def body(response) -> bytes:
    """The whole body, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def calendar_events(response) -> list:
    return icalendar.Calendar.from_ical(body(response)).walk("VEVENT")


def atom(response):
    return ET.fromstring(body(response))


@pytest.fixture
def english_reader(client, settings):
    """A reader who chose English with the language switch, so assertions read the source text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def justice():
    return MinistryFactory(name="Ministerie van Justitie en Veiligheid", abbreviation="JenV")


@pytest.fixture
def register(justice):
    """Commitments of two ministries, one of them without a due date."""
    health = MinistryFactory(name="Ministerie van Volksgezondheid", abbreviation="VWS")
    return {
        "justice": CommitmentFactory.create_batch(2, ministry=justice),
        "health": CommitmentFactory.create_batch(3, ministry=health),
        "vague": CommitmentFactory(
            ministry=health, due_date=None, due_precision="none", deadline_phrase="binnenkort"
        ),
    }


def test_it_streams_the_csv_as_an_attachment(client, register):
    response = client.get("/commitments.csv")

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="toezeggingen.csv"'


@pytest.mark.parametrize("url", ["/commitments.csv", "/commitments.ics"])
def test_it_refuses_a_filter_it_cannot_read_and_names_the_field(client, register, url):
    response = client.get(f"{url}?due_after=not-a-date")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "due_after" in response.content.decode()


def test_it_puts_each_due_date_in_the_calendar_once(client, english_reader, register):
    dated = [*register["justice"], *register["health"]]

    response = client.get("/commitments.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = calendar_events(response)
    assert len(events) == len(dated)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    by_uid = {str(event["UID"]): event for event in events}
    for commitment in dated:
        event = by_uid[f"{commitment.number}@testserver"]
        assert event.decoded("DTSTART") == commitment.due_date
        assert event.decoded("DTEND") == commitment.due_date + datetime.timedelta(days=1)
        assert str(event["SUMMARY"]).startswith(f"{commitment.number}: ")
        description = str(event["DESCRIPTION"])
        assert description.startswith("Status: Open\nMinistry: Ministerie van ")
        assert f"http://testserver/commitments/{commitment.number}/" in description


def test_it_leaves_commitments_without_a_due_date_out_of_the_calendar(client, register):
    events = calendar_events(client.get("/commitments.ics"))

    summaries = " ".join(str(event["SUMMARY"]) for event in events)
    assert register["vague"].number not in summaries


def test_it_narrows_the_calendar_to_overdue_commitments(client, register):
    late = register["health"][0]
    late.overdue_since = late.due_date + datetime.timedelta(days=1)
    late.save()

    events = calendar_events(client.get("/commitments.ics?overdue=true"))

    assert [str(event["UID"]) for event in events] == [f"{late.number}@testserver"]


def test_it_writes_the_calendar_with_crlf_lines_and_folds_long_ones(client, justice):
    CommitmentFactory(ministry=justice, summary="Informeren over de aanpak van mensenhandel " * 6)

    content = body(client.get("/commitments.ics"))

    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert not [line for line in lines if b"\n" in line or b"\r" in line]
    assert max(len(line) for line in lines) <= 75
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"]


def test_it_describes_the_feed_and_each_change(client, register):
    feed = atom(client.get("/feed/changes.atom"))

    for tag in ("title", "id", "updated"):
        assert feed.find(f"atom:{tag}", ATOM).text
    entries = feed.findall("atom:entry", ATOM)
    assert len(entries) == 6
    for entry in entries:
        for tag in ("title", "id", "updated"):
            assert entry.find(f"atom:{tag}", ATOM).text
        assert "/commitments/TL" in entry.find("atom:link", ATOM).get("href")
    ids = [entry.find("atom:id", ATOM).text for entry in entries]
    assert len(set(ids)) == len(ids)


def test_it_shows_a_new_deadline_and_its_reason_first_in_the_feed(
    client, english_reader, register, clerk
):
    commitment = register["justice"][0]
    # A date still to come: one already past would make the commitment overdue at once, and that
    # change the newest entry.
    year = timezone.localdate().year + 1
    extend_deadline(
        commitments=[commitment],
        new_due_date=datetime.date(year, 12, 31),
        user=clerk,
        reason="Het onderzoek loopt vertraging op.",
    )

    feed = atom(client.get("/feed/changes.atom"))

    newest = feed.find("atom:entry", ATOM)
    title = newest.find("atom:title", ATOM).text
    assert title.startswith(f"{commitment.number}: due date")
    assert title.endswith(f"→ Dec. 31, {year}")
    assert "Het onderzoek loopt vertraging op." in newest.find("atom:summary", ATOM).text
    assert newest.find("atom:link", ATOM).get("href") == (
        f"http://testserver/commitments/{commitment.number}/"
    )


def test_it_shows_only_the_fifty_latest_changes(client, justice):
    CommitmentFactory.create_batch(52, ministry=justice)

    feed = atom(client.get("/feed/changes.atom"))

    assert len(feed.findall("atom:entry", ATOM)) == 50


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_it_reads_three_or_thirty_commitments_in_the_same_number_of_queries(client, clerk, url):
    ministry = MinistryFactory()

    def add(count):
        commitments = CommitmentFactory.create_batch(
            count, ministry=ministry, source=DocumentFactory()
        )
        # A change per commitment, so the feed describes changes as well as registrations.
        extend_deadline(
            commitments=commitments,
            new_due_date=datetime.date(2025, 1, 31),
            user=clerk,
            reason="Nieuwe planning",
        )

    add(3)
    few = queries_for(client, url)
    add(27)
    many = queries_for(client, url)

    assert few == many
