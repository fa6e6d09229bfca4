"""Answer links: bound to the ministry they were sent for and to the contact's link version."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from commitments.models import ContactResponse
from commitments.services import links
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def contact():
    return ContactFactory(
        ministry=MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV"),
        name="Coördinator JenV",
    )


def open_link(client, token):
    return client.get(reverse("contact-response", kwargs={"token": token}))


def test_it_refuses_a_link_after_its_contact_moved_to_another_ministry(client, contact):
    """A JenV contact's link is opened after a clerk moved the contact to VWS: refused, and
    VWS's commitment is not shown."""
    token = links.token_for(contact)
    health = MinistryFactory(name="Volksgezondheid, Welzijn en Sport", abbreviation="VWS")
    vws = CommitmentFactory(
        ministry=health, made_on=TODAY - datetime.timedelta(days=10), summary="VWS-toezegging"
    )
    contact.ministry = health
    contact.save()

    page = open_link(client, token)

    assert page.status_code == 403
    assert "ingetrokken" in page.content.decode()
    assert vws.number not in page.content.decode()
    assert open_link(client, links.token_for(contact)).status_code == 200


def test_it_refuses_a_revoked_link_and_accepts_the_next_one(client, contact, clerk):
    """A clerk revokes the links of a contact ("Mail doorgestuurd naar een verkeerd adres"): the
    link sent before gets the refusal page, a link made afterwards works."""
    before = links.token_for(contact)

    links.revoke(contact=contact, clerk=clerk, reason="Mail doorgestuurd naar een verkeerd adres")

    refused = open_link(client, before)
    assert refused.status_code == 403
    assert "Deze link is ingetrokken" in refused.content.decode()
    assert open_link(client, links.token_for(contact)).status_code == 200


def test_it_does_not_revive_old_links_when_a_contact_is_reactivated(client, contact):
    """A contact with a mailed link is deactivated and later reactivated: the old link stays
    refused, a new one works."""
    mailed = links.token_for(contact)
    contact.is_active = False
    contact.save()
    contact.is_active = True
    contact.save()

    assert open_link(client, mailed).status_code == 403
    assert open_link(client, links.token_for(contact)).status_code == 200


def test_it_refuses_a_link_in_the_old_format_with_the_clear_page(client, contact):
    """A link mailed before links carried a ministry and a version ({"contact": id} only, well
    signed and in date): the refusal page, nothing recorded on a POST."""
    old = signing.TimestampSigner(salt=links.SALT).sign_object({"contact": contact.pk})
    commitment = CommitmentFactory(
        ministry=contact.ministry, made_on=TODAY - datetime.timedelta(days=10)
    )

    page = open_link(client, old)
    posted = client.post(
        reverse("contact-response", kwargs={"token": old}),
        {"commitment": commitment.number, "kind": "forecast"},
    )

    assert page.status_code == posted.status_code == 403
    assert "kan niet worden gebruikt" in page.content.decode()
    assert not ContactResponse.objects.exists()
