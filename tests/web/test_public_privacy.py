"""Personal data on public pages: a ministry contact's name and address stay with the clerks."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ContactResponse
from commitments.services import links
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NAME = "Toezeggingencoördinator JenV"
ADDRESS = "toezeggingen-jenv@example.org"


@pytest.fixture
def contact():
    return ContactFactory(
        ministry=MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV"),
        name=NAME,
        email=ADDRESS,
    )


@pytest.fixture
def commitment(contact):
    return CommitmentFactory(
        ministry=contact.ministry,
        made_on=TODAY - datetime.timedelta(days=60),
        due_date=TODAY - datetime.timedelta(days=2),
    )


def public_pages(commitment) -> dict[str, str]:
    """What an anonymous reader gets from every public reading of the register."""
    reader = Client()
    urls = {
        "page": reverse("commitment-detail", args=[commitment.number]),
        "feed": reverse("changes-feed"),
        "csv": reverse("commitment-csv"),
        "api": reverse("api-commitment-list"),
        "api detail": reverse("api-commitment-detail", args=[commitment.number]),
        "odata": reverse("api-odata-toezegging"),
    }
    pages = {}
    for name, url in urls.items():
        response = reader.get(url)
        assert response.status_code == 200, name
        pages[name] = (
            b"".join(response).decode() if response.streaming else response.content.decode()
        )
    return pages


def test_it_shows_the_ministry_not_the_contact_after_an_accepted_answer(
    clerk_client, contact, commitment
):
    """The contact "Toezeggingencoördinator JenV <toezeggingen-jenv@example.org>" reports a new
    date ("Het onderzoek loopt uit"); a clerk accepts it. The page, the Atom feed, the CSV, the
    API and the OData export say "Gemeld door het ministerie (JenV)" and neither name nor
    address."""
    Client().post(
        reverse("contact-response", kwargs={"token": links.token_for(contact)}),
        {
            "submission": str(uuid.uuid4()),
            "commitment": commitment.number,
            "kind": "new_date",
            "proposed_date": (TODAY + datetime.timedelta(days=60)).isoformat(),
            "reason": "Het onderzoek loopt uit",
        },
    )
    answer = ContactResponse.objects.get()
    clerk_client.post(
        reverse("admin:commitments_contactresponse_changelist"),
        {"action": "accept", "_selected_action": [answer.pk]},
    )
    answer.refresh_from_db()
    assert answer.state == ContactResponse.State.ACCEPTED

    pages = public_pages(commitment)

    assert "Gemeld door het ministerie (JenV): Het onderzoek loopt uit" in pages["page"]
    assert "Gemeld door het ministerie (JenV)" in pages["feed"]
    for name, text in pages.items():
        assert NAME not in text, name
        assert "Toezeggingencoördinator" not in text, name
        assert ADDRESS not in text, name


def test_it_hides_the_contact_in_a_reason_recorded_before(commitment):
    """An audit record written before this fix reads "Gemeld door Toezeggingencoördinator JenV
    <toezeggingen-jenv@example.org>: Het onderzoek loopt uit"; the page and the feed show
    "Gemeld door het ministerie: Het onderzoek loopt uit"."""
    commitment.due_date = TODAY + datetime.timedelta(days=60)
    commitment._change_reason = f"Gemeld door {NAME} <{ADDRESS}>: Het onderzoek loopt uit"
    commitment.save()
    assert Commitment.history.filter(history_change_reason__contains=ADDRESS).exists()

    pages = public_pages(commitment)

    assert "Gemeld door het ministerie: Het onderzoek loopt uit" in pages["page"]
    assert "Gemeld door het ministerie: Het onderzoek loopt uit" in pages["feed"]
    for name, text in pages.items():
        assert "Toezeggingencoördinator" not in text, name
        assert ADDRESS not in text, name
