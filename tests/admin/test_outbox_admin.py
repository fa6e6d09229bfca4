"""The outbox in the admin: clerks read it and settle digests in doubt; nobody edits it by hand."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Digest, Reminder
from commitments.services import reminders
from tests.factories import CommitmentFactory, ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_in_doubt():
    contact = ContactFactory(email="coordinator@example.org")
    CommitmentFactory(ministry=contact.ministry, due_date=timezone.localdate())
    reminders.prepare_reminders()
    Digest.objects.update(
        state=Digest.State.SENDING,
        attempts=1,
        lease_expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    return Digest.objects.get()


def test_it_lists_digests_in_doubt_for_a_clerk(clerk_client, digest_in_doubt):
    url = reverse("admin:commitments_digest_changelist")
    response = clerk_client.get(url, {"in_doubt": "yes"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [digest_in_doubt]
    assert "coordinator@example.org" in response.content.decode()


def test_it_lets_a_clerk_send_a_digest_in_doubt_again(clerk_client, digest_in_doubt):
    response = clerk_client.post(
        reverse("admin:commitments_digest_changelist"),
        {"action": "send_again", "_selected_action": [digest_in_doubt.pk]},
    )

    assert response.status_code == 302
    digest_in_doubt.refresh_from_db()
    assert digest_in_doubt.state == Digest.State.PENDING
    assert reminders.deliverable_digest_ids() == [digest_in_doubt.pk]


def test_it_lets_a_clerk_confirm_a_digest_in_doubt_arrived(clerk_client, digest_in_doubt):
    clerk_client.post(
        reverse("admin:commitments_digest_changelist"),
        {"action": "mark_delivered", "_selected_action": [digest_in_doubt.pk]},
    )

    digest_in_doubt.refresh_from_db()
    assert digest_in_doubt.state == Digest.State.SENT
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.SENT}


def test_it_shows_a_digest_with_its_reminders_read_only(clerk_client, digest_in_doubt):
    url = reverse("admin:commitments_digest_change", args=[digest_in_doubt.pk])
    page = clerk_client.get(url).content.decode()
    number = Reminder.objects.get().commitment.number

    assert number in page
    assert 'name="state"' not in page
    assert clerk_client.get(reverse("admin:commitments_digest_add")).status_code == 403
    delete = reverse("admin:commitments_digest_delete", args=[digest_in_doubt.pk])
    assert clerk_client.post(delete, {"post": "yes"}).status_code == 403
    assert Digest.objects.exists()


def test_it_links_a_contact_to_its_reminder_history(clerk_client, digest_in_doubt):
    contact = digest_in_doubt.contact
    page = clerk_client.get(
        reverse("admin:commitments_contact_change", args=[contact.pk])
    ).content.decode()
    history = reverse("admin:commitments_reminder_changelist") + f"?contact__id__exact={contact.pk}"
    assert history in page

    listed = clerk_client.get(history).context["cl"].result_list
    assert [reminder.contact for reminder in listed] == [contact]
