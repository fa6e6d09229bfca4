"""The commitments' changelist filters against values a clerk types into the address bar, and
against odd rows stored by imports and old data."""

import datetime

import pytest
from django.urls import reverse

from commitments.models import Commitment
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


def year_choices(response):
    [year_filter] = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", None) == "due_year"
    ]
    return [choice for choice, _label in year_filter.lookup_choices]


def test_it_offers_only_plausible_years_when_a_stored_due_date_is_9999(clerk_client):
    """A clerk opens the changelist while one commitment made in 2024 is stored as due on
    31 December 9999 (and another made in 2024 due in 2025): the year filter offers 2054 down
    to 2025, from the first due year to thirty years after the last made-on year, not 7,975
    years, and ?due_year=9999 still finds the odd one."""
    CommitmentFactory(made_on=datetime.date(2024, 1, 5), due_date=datetime.date(2025, 6, 1))
    odd = CommitmentFactory(made_on=datetime.date(2024, 1, 5))
    Commitment.objects.filter(pk=odd.pk).update(due_date=datetime.date(9999, 12, 31))

    response = clerk_client.get(reverse(CHANGELIST))

    assert year_choices(response) == [str(year) for year in range(2054, 2024, -1)]
    assert listed(clerk_client.get(reverse(CHANGELIST), {"due_year": "9999"})) == {odd.number}
