"""The dashboard's lists against page numbers, sorts and stored rows no one planned for."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import CommitmentFactory, MemberFactory, MinistryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    """The addresses of the three paged lists: all commitments, a ministry's, a member's; each
    holds one open commitment."""
    ministry = MinistryFactory()
    member = MemberFactory()
    commitment = CommitmentFactory(ministry=ministry, official=None)
    commitment.made_to.add(member)
    return [
        reverse("commitment-list"),
        reverse("ministry-detail", args=[ministry.abbreviation]),
        reverse("member-detail", args=[member.pk]),
    ]


@pytest.mark.parametrize("page", ["184467440737095518", "9223372036854775807", "2"])
def test_it_answers_not_found_for_a_page_past_the_last(client, lists, page):
    """A reader opens each list with ?page=184467440737095518 (past a 64-bit offset),
    ?page=9223372036854775807, or ?page=2 of a one-row list: a 404, never a server error."""
    for url in lists:
        assert client.get(url, {"page": page}).status_code == 404, url


@pytest.mark.parametrize("page", ["1", "0", "-3", "²", "abc"])
def test_it_shows_the_first_page_for_a_page_that_is_no_number_past_zero(client, lists, page):
    """A reader opens each list with ?page=1, 0, -3, ² or abc: the first page, with its row."""
    for url in lists:
        response = client.get(url, {"page": page})
        assert response.status_code == 200, url
        assert len(response.context["page"]["rows"]) == 1, url


@pytest.fixture
def ties(settings):
    """120 open commitments of one ministry, made to one member, all made on 1 March 2024 and
    due on 1 July 2024: every sort key ties. Pages of 50, so the list runs over three pages."""
    settings.DASHBOARD_PAGE_SIZE = 50
    ministry = MinistryFactory()
    member = MemberFactory()
    commitments = CommitmentFactory.create_batch(
        120,
        ministry=ministry,
        official=None,
        made_on=datetime.date(2024, 3, 1),
        due_date=datetime.date(2024, 7, 1),
    )
    for commitment in commitments:
        commitment.made_to.add(member)
    return {
        "numbers": sorted(commitment.number for commitment in commitments),
        "ministry": ministry,
        "member": member,
    }


def every_page(client, url, query):
    """The numbers on each page of `url` with `query`, page 1 on until there is no next one."""
    pages, number = [], 1
    while True:
        response = client.get(url, {**query, "page": number})
        assert response.status_code == 200
        pages.append([commitment.number for commitment in response.context["page"]["rows"]])
        if not response.context["page"]["has_next"]:
            return pages
        number += 1


@pytest.mark.parametrize(
    "order", ["ministry", "-ministry", "due_date", "-due_date", "made_on", "-made_on", ""]
)
def test_it_shows_every_row_once_across_pages_when_the_sort_key_ties(client, ties, order):
    """A reader sorts the list of 120 commitments that share ministry, due date and made-on
    date by ?o=ministry, -ministry, due_date, -due_date, made_on, -made_on or not at all, and
    pages through: each commitment appears on exactly one page, ties in number order."""
    pages = every_page(client, reverse("commitment-list"), {"o": order} if order else {})

    shown = [number for page in pages for number in page]
    assert [len(page) for page in pages] == [50, 50, 20]
    assert sorted(shown) == ties["numbers"]
    descending = order.startswith("-") or not order
    assert shown == sorted(ties["numbers"], reverse=descending)


def test_it_shows_every_open_row_once_on_the_ministry_and_member_pages(client, ties):
    """A reader pages through the ministry's and the member's open commitments, 120 of them due
    on the same day: each appears on exactly one page, in number order."""
    for url in (
        reverse("ministry-detail", args=[ties["ministry"].abbreviation]),
        reverse("member-detail", args=[ties["member"].pk]),
    ):
        shown = [number for page in every_page(client, url, {}) for number in page]
        assert shown == ties["numbers"], url


@pytest.fixture
def statuses():
    """One commitment in each status, and one open commitment withdrawn from the Tweede Kamer's
    register (so not open)."""
    made = {
        status: CommitmentFactory(
            status=status, official=None, fulfilled_on=datetime.date(2024, 5, 1)
        ).number
        for status in ("open", "partially_fulfilled", "fulfilled", "lapsed")
    }
    made["withdrawn"] = CommitmentFactory(
        status="open", withdrawn_from_source=True, official=None
    ).number
    return made


def test_it_lists_every_status_asked_for(client, statuses):
    """A reader opens /commitments/?status=open&status=lapsed: both the open and the lapsed
    commitment are listed, the others and the withdrawn one are not."""
    response = client.get("/commitments/?status=open&status=lapsed")

    listed = {commitment.number for commitment in response.context["page"]["rows"]}
    assert listed == {statuses["open"], statuses["lapsed"]}


def test_it_downloads_every_status_asked_for_in_the_csv_and_the_calendar(client, statuses):
    """A reader downloads /commitments.csv and /commitments.ics with ?status=open&status=lapsed:
    both the open and the lapsed commitment are in each, nothing silently dropped."""
    query = "?status=open&status=lapsed"
    csv_body = b"".join(client.get("/commitments.csv" + query).streaming_content).decode()
    calendar = b"".join(client.get("/commitments.ics" + query).streaming_content).decode()

    for number in (statuses["open"], statuses["lapsed"]):
        assert number in csv_body and number in calendar
    for number in (statuses["fulfilled"], statuses["withdrawn"]):
        assert number not in csv_body and number not in calendar


def test_it_selects_every_status_asked_for_in_the_filter_form(client, statuses):
    """A reader opens /commitments/?status=open&status=lapsed: the form's status list shows
    both selected and the others not."""
    html = client.get("/commitments/?status=open&status=lapsed").content.decode()

    selected = re.findall(r'<option value="(\w+)" selected>', html)
    assert sorted(selected) == ["lapsed", "open"]
