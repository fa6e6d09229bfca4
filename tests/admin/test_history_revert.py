"""The admin's history page: a clerk reads past versions of a commitment but cannot revert one."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_it_offers_no_revert_on_a_past_version(clerk_client):
    """A clerk opens the first version of a commitment whose due date moved since from
    1 June 2025 to 1 December 2025: no revert button, and a POST of that page (once a
    one-click revert with an empty reason) changes nothing."""
    commitment = CommitmentFactory(
        made_on=datetime.date(2025, 1, 10), due_date=datetime.date(2025, 6, 1)
    )
    first = commitment.history.earliest()
    commitment.due_date = datetime.date(2025, 12, 1)
    commitment._change_reason = "Uitstel gemeld in de verzamelbrief"
    commitment.save()
    url = reverse("admin:commitments_commitment_simple_history", args=[commitment.pk, first.pk])

    page = clerk_client.get(url)
    posted = clerk_client.post(url, {"due_date": "2025-06-01", "_save": "1"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert "Revert" not in page.content.decode()
    assert posted.status_code == 405
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2025, 12, 1)
    assert commitment.history.count() == 2


def test_it_invites_no_revert_on_the_history_page(clerk_client):
    """A clerk opens a commitment's history: no "choose a date to revert" invitation."""
    commitment = CommitmentFactory()

    page = clerk_client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))

    assert page.status_code == 200
    assert "revert" not in page.content.decode().lower()
