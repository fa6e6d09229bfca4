"""Implausible dates are refused where they are typed, with the model's one rule
(models/commitments.py: implausible_dates): a due date at most 30 years after the promise, a
promise and a fulfilment from 1945 up to a year ahead."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ContactResponse
from commitments.models.commitments import implausible_dates
from commitments.services import links
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory

TODAY = timezone.localdate()


def new_commitment(world, **dates):
    return {
        "text": "Ik zal uw Kamer informeren.",
        "summary": "Informeren",
        "made_on": "2024-05-01",
        "due_date": "2024-07-01",
        "ministry": world.justice.abbreviation,
        **dates,
    }


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"due_date": "9999-12-31"}, "due_date"),
        ({"due_date": "2054-05-02"}, "due_date"),
        ({"made_on": "0202-05-01", "due_date": None}, "made_on"),
        ({"made_on": "9000-01-01", "due_date": None}, "made_on"),
    ],
    ids=["due-9999", "due-30-years-and-a-day", "made-in-202", "made-in-9000"],
)
def test_it_refuses_an_implausible_date_through_the_api(token_client, world, dates, field):
    """An integrator posts a commitment made 2024-05-01 with the date in the id."""
    response = token_client.post("/api/commitments/", new_commitment(world, **dates), format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Commitment.objects.filter(text="Ik zal uw Kamer informeren.").exists()


def test_it_takes_a_due_date_thirty_years_after_the_promise(token_client, world):
    """An integrator posts made_on 2024-05-01 and due_date 2054-05-01, the last plausible day."""
    response = token_client.post(
        "/api/commitments/", new_commitment(world, due_date="2054-05-01"), format="json"
    )
    assert response.status_code == 201


def test_it_explains_an_implausible_due_date_in_dutch():
    """The rule on a promise of 2024-05-01 due 9999-12-31, in the interface's language."""
    problems = implausible_dates(
        made_on=datetime.date(2024, 5, 1), due_date=datetime.date(9999, 12, 31)
    )
    assert problems == {
        "due_date": "Een termijn ligt hoogstens 30 jaar na de datum van de toezegging."
    }


@pytest.mark.django_db
def test_it_refuses_a_contacts_proposed_date_of_9999(client):
    """A ministry contact answers 'new date' with proposed_date 9999-12-31."""
    contact = ContactFactory(
        ministry=MinistryFactory(name="Ministerie van Datums", abbreviation="MvD")
    )
    commitment = CommitmentFactory(
        ministry=contact.ministry, made_on=TODAY - datetime.timedelta(days=60), due_date=TODAY
    )
    url = reverse("contact-response", kwargs={"token": links.token_for(contact)})

    response = client.post(
        url,
        {
            "submission": str(uuid.uuid4()),
            "commitment": commitment.number,
            "kind": "new_date",
            "proposed_date": "9999-12-31",
            "reason": "Het onderzoek loopt uit",
        },
    )

    assert response.status_code == 200
    assert "hoogstens 30 jaar" in response.content.decode()
    assert not ContactResponse.objects.filter(commitment=commitment).exists()


def test_it_refuses_a_clerks_new_deadline_of_9999(clerk_client):
    """A clerk extends a deadline of 2024-07-04 with the action's form, new date 9999-12-31."""
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))

    response = clerk_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {
            "action": "extend_deadline",
            "_selected_action": [commitment.pk],
            "apply": "1",
            "new_due_date": "9999-12-31",
            "reason": "Uitstel",
        },
    )

    assert response.status_code == 200
    assert "hoogstens 30 jaar" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 7, 4)


def test_it_refuses_to_extend_a_deadline_to_9999_through_the_api(token_client, world):
    """An integrator extends the world's commitment with new_due_date 9999-12-31."""
    commitment = world.commitment
    due_date = commitment.due_date
    response = token_client.post(
        f"/api/commitments/{commitment.number}/extend-deadline/",
        {"new_due_date": "9999-12-31", "reason": "Uitstel"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "due_date": ["Een termijn ligt hoogstens 30 jaar na de datum van de toezegging."]
    }
    commitment.refresh_from_db()
    assert commitment.due_date == due_date
