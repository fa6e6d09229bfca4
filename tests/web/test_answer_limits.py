"""Limits on what one answer link can record: a contact answers, a script cannot flood."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import ContactResponse
from commitments.services import links
from tests.factories import CommitmentFactory, ContactFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def contact():
    return ContactFactory()


@pytest.fixture
def commitment(contact):
    return CommitmentFactory(
        ministry=contact.ministry,
        made_on=TODAY - datetime.timedelta(days=60),
        due_date=TODAY - datetime.timedelta(days=2),
    )


def post_answer(client, contact, commitment, **fields):
    return client.post(
        reverse("contact-response", kwargs={"token": links.token_for(contact)}),
        {
            "submission": str(uuid.uuid4()),
            "commitment": commitment.number,
            "kind": "forecast",
            "proposed_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
            **fields,
        },
        follow=True,
    )


def test_it_keeps_at_most_five_answers_waiting_per_commitment(client, contact, commitment):
    """A contact's link posts 30 forecasts in a row on one commitment: 5 are recorded, the
    sixth and later are refused with a message to wait for the clerks."""
    pages = [post_answer(client, contact, commitment) for _ in range(30)]

    assert ContactResponse.objects.filter(commitment=commitment).count() == 5
    assert "wachten al op de griffie" in pages[5].content.decode()


def test_it_refuses_an_explanation_over_2000_characters(client, contact, commitment):
    """A contact posts a 2 MB explanation ("x" * 2_000_000): nothing is recorded and the page
    says the explanation is too long; 2,000 characters are recorded."""
    page = post_answer(client, contact, commitment, reason="x" * 2_000_000)

    assert page.status_code == 200
    assert "2000" in page.content.decode()
    assert not ContactResponse.objects.exists()

    post_answer(client, contact, commitment, reason="x" * 2000)
    assert ContactResponse.objects.get().reason == "x" * 2000
