"""A commitment withdrawn from the Tweede Kamer's register is kept, but it is not owed any more:
no dashboard page, download, calendar or contact page counts or lists it as open, and where its
status is shown it does not read as open. The register is tests/withdrawn.py's; the API, the
admin and the reminders have their own test_withdrawn_*.py in tests/api, tests/admin and
tests/services.
"""

import csv
import datetime
import io
import uuid

import icalendar
import pytest
from django.urls import reverse

from commitments.models import Commitment, ContactResponse
from commitments.services import links
from tests.withdrawn import TODAY, withdrawn_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return withdrawn_register()


def listed(response) -> list[str]:
    """The numbers on a dashboard list page, in order."""
    assert response.status_code == 200
    return [commitment.number for commitment in response.context["page"]["rows"]]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> dict[str, dict]:
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";")
    return {row["Nummer"]: row for row in rows}


def calendar_events(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(body(response)).walk("VEVENT")
    return {str(event["UID"]).split("@")[0]: event for event in events}


def test_it_leaves_a_withdrawn_commitment_out_of_the_overview_figures(client, settings, register):
    """An anonymous reader opens the overview. Tried: the overall open, partially fulfilled and
    overdue counts, the per-ministry open and overdue counts, and the most overdue list."""
    # The overview caches its figures; none may come from an earlier request.
    settings.DASHBOARD_CACHE_SECONDS = 0

    response = client.get(reverse("overview"))

    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts["open"], counts["partially_fulfilled"], counts["overdue"]) == (1, 0, 1)
    assert counts["total"] == 2
    [ministry] = response.context["ministries"]
    assert (ministry.open_count, ministry.overdue_count) == (1, 1)
    assert [c.number for c in response.context["most_overdue"]] == [register.owed.number]


@pytest.mark.parametrize("status", ["open", "partially_fulfilled"])
def test_it_leaves_a_withdrawn_commitment_out_of_the_list_of_open_ones(client, register, status):
    """An anonymous reader filters the list. Tried: each open status, and overdue only."""
    Commitment.objects.update(status=status)
    url = reverse("commitment-list")

    assert listed(client.get(f"{url}?status={status}")) == [register.owed.number]
    assert listed(client.get(f"{url}?overdue=true")) == [register.owed.number]
    # It is still in the register, under no filter.
    assert register.withdrawn.number in listed(client.get(url))


def test_it_leaves_a_withdrawn_commitment_off_the_ministry_page(client, register):
    """An anonymous reader opens the ministry's page. Tried: its list of open commitments and
    its counts."""
    response = client.get(reverse("ministry-detail", args=[register.ministry.abbreviation]))

    assert listed(response) == [register.owed.number]
    counts = response.context["counts"]
    assert (counts["open"], counts["overdue"], counts["total"]) == (1, 1, 2)


def test_it_leaves_a_withdrawn_commitment_off_the_member_page(client, register):
    """An anonymous reader opens the page of the member both commitments were made to."""
    response = client.get(reverse("member-detail", args=[register.member.pk]))

    assert listed(response) == [register.owed.number]


def test_it_leaves_a_withdrawn_commitment_out_of_the_open_csv_and_marks_it(client, register):
    """An anonymous reader downloads the CSV. Tried: the open ones only, overdue only, and
    everything, where the withdrawn one is marked as such beside the status it kept."""
    url = reverse("commitment-csv")

    assert list(csv_rows(client.get(f"{url}?status=open"))) == [register.owed.number]
    assert list(csv_rows(client.get(f"{url}?overdue=true"))) == [register.owed.number]
    everything = csv_rows(client.get(url))
    withdrawn = "Ingetrokken uit het register van de Tweede Kamer"
    assert everything[register.withdrawn.number][withdrawn] == "ja"
    assert everything[register.owed.number][withdrawn] == "nee"


def test_it_cancels_a_withdrawn_commitment_in_the_calendar(client, register):
    """An anonymous reader subscribes to the calendar, in Dutch as the site speaks by default.
    Tried: the open ones only, and everything, where the withdrawn one's deadline is cancelled
    and says why instead of reading as open."""
    url = reverse("commitment-calendar")

    assert list(calendar_events(client.get(f"{url}?status=open"))) == [register.owed.number]
    events = calendar_events(client.get(url))
    withdrawn = events[register.withdrawn.number]
    assert str(withdrawn["STATUS"]) == "CANCELLED"
    description = str(withdrawn["DESCRIPTION"])
    assert description.startswith(
        "Status: ingetrokken uit het register van de Tweede Kamer, niet langer open\n"
    )
    assert "Status: Open" not in description
    assert "Open" not in [str(c) for c in withdrawn["CATEGORIES"].cats]
    assert str(events[register.owed.number]["STATUS"]) != "CANCELLED"


def test_it_leaves_a_withdrawn_commitment_off_the_contacts_answer_page(client, register):
    """The ministry's contact opens the signed link from a reminder. Tried: reading the page,
    and answering for the withdrawn commitment anyway by posting its number."""
    url = reverse("contact-response", kwargs={"token": links.token_for(register.contact)})

    response = client.get(url)

    assert response.status_code == 200
    assert [commitment.number for commitment, *_ in response.context["rows"]] == [
        register.owed.number
    ]
    assert register.withdrawn.number not in response.content.decode()
    answer = client.post(
        url,
        {
            "submission": str(uuid.uuid4()),
            "commitment": register.withdrawn.number,
            "kind": "new_date",
            "proposed_date": (TODAY + datetime.timedelta(days=60)).isoformat(),
            "reason": "Het onderzoek loopt uit",
        },
    )
    assert answer.status_code == 404
    assert not ContactResponse.objects.exists()


def test_it_tells_a_reader_on_its_own_page_that_it_was_withdrawn(client, register):
    """An anonymous reader opens each commitment's page, in Dutch as the site speaks by
    default. Tried: the withdrawn one, which says so and not that it is overdue, and the owed
    one, which does not."""
    withdrawn = client.get(reverse("commitment-detail", args=[register.withdrawn.number]))
    owed = client.get(reverse("commitment-detail", args=[register.owed.number]))

    assert withdrawn.status_code == owed.status_code == 200
    page = withdrawn.content.decode()
    assert "Ingetrokken uit het register van de Tweede Kamer." in page
    assert "telt niet langer als open" in page
    assert "te laat sinds" not in page
    assert "Ingetrokken uit het register" not in owed.content.decode()
    assert "te laat sinds" in owed.content.decode()
