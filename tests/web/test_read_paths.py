"""The dashboard's lists against page numbers, sorts and stored rows no one planned for."""

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

