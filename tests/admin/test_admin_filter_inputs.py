"""The commitments' changelist filters against values a clerk types into the address bar, and
against odd rows stored by imports and old data."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:commitments_commitment_changelist"


def listed(response):
    """The numbers of the commitments on a changelist page."""
    return {commitment.number for commitment in response.context["cl"].result_list}


@pytest.mark.parametrize("year", ["²", "0", "10000", "٣"])
def test_it_ignores_a_year_due_that_no_date_can_have(clerk_client, year):
    """A clerk opens the changelist with ?due_year=² (a superscript two), 0, 10000 or an
    Arabic-Indic three: the list answers with every commitment instead of a server error."""
    commitment = CommitmentFactory(due_date=datetime.date(2024, 6, 1))

    response = clerk_client.get(reverse(CHANGELIST), {"due_year": year})

    assert response.status_code == 200
    assert commitment.number in listed(response)
