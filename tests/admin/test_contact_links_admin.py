"""A clerk sees and revokes a contact's answer links in the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from commitments.services import links
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:commitments_contact_changelist"


def revoke(clerk_client, contact, **extra):
    return clerk_client.post(
        reverse(CHANGELIST),
        {"action": "revoke_links", "_selected_action": [contact.pk], **extra},
    )


def test_it_revokes_a_contacts_links_with_the_clerks_reason(clerk_client, client):
    """A clerk picks "Revoke answer links" for one contact, gives the reason "Mail naar een
    verkeerd adres gestuurd": the link mailed before is refused, the contact's admin history
    holds the reason and the change form shows when the links were revoked."""
    contact = ContactFactory()
    mailed = links.token_for(contact)

    asked = revoke(clerk_client, contact)
    assert asked.status_code == 200
    assert contact.email in asked.content.decode()
    contact.refresh_from_db()
    assert contact.link_version == 1  # nothing changes before a reason is given

    revoke(clerk_client, contact, apply="1", reason="Mail naar een verkeerd adres gestuurd")

    contact.refresh_from_db()
    assert contact.link_version == 2
    assert contact.links_revoked_at is not None
    refused = client.get(reverse("contact-response", kwargs={"token": mailed}))
    assert refused.status_code == 403
    entry = LogEntry.objects.get(object_id=str(contact.pk))
    assert "Mail naar een verkeerd adres gestuurd" in entry.get_change_message()
    form = clerk_client.get(reverse("admin:commitments_contact_change", args=[contact.pk]))
    assert "Links laatst ingetrokken" in form.content.decode()


def test_it_revokes_nothing_without_a_reason(clerk_client):
    """A clerk applies "Revoke answer links" with an empty reason (""): asked again, the link
    version stays 1."""
    contact = ContactFactory()

    page = revoke(clerk_client, contact, apply="1", reason="")

    assert page.status_code == 200
    contact.refresh_from_db()
    assert contact.link_version == 1
