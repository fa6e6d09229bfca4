"""The API and a commitment withdrawn from the Tweede Kamer's register (tests/withdrawn.py): not
among the open ones, and its record says it was withdrawn, which only the import can change."""

import pytest
from rest_framework.test import APIClient

from tests.withdrawn import withdrawn_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return withdrawn_register()


def test_it_leaves_a_withdrawn_commitment_out_of_the_apis_open_ones_and_says_so(register):
    """An anonymous integrator reads the API. Tried: the list filtered on open status and on
    overdue, and each commitment's own record."""
    api = APIClient()

    for query in ("status=open", "overdue=true"):
        response = api.get(f"/api/commitments/?{query}")
        assert response.status_code == 200
        numbers = [row["number"] for row in response.json()["results"]]
        assert numbers == [register.owed.number], query
    withdrawn = api.get(f"/api/commitments/{register.withdrawn.number}/").json()
    assert withdrawn["withdrawn_from_source"] is True
    owed = api.get(f"/api/commitments/{register.owed.number}/").json()
    assert owed["withdrawn_from_source"] is False


def test_it_keeps_the_withdrawn_flag_out_of_reach_of_an_api_write(clerk, register):
    """A clerk edits a withdrawn commitment through the API. Tried: clearing the flag, which
    only the import sets."""
    api = APIClient()
    api.force_authenticate(clerk)

    response = api.patch(
        f"/api/commitments/{register.withdrawn.number}/",
        {"withdrawn_from_source": False, "summary": "Rapport (bijgewerkt)"},
        format="json",
    )

    assert response.status_code == 200, response.content
    register.withdrawn.refresh_from_db()
    assert register.withdrawn.withdrawn_from_source
    assert register.withdrawn.summary == "Rapport (bijgewerkt)"
