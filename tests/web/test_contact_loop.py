"""The ministry loop: a contact answers through the signed link; a clerk decides."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ContactResponse, Document
from commitments.services import links, reminders
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def contact():
    return ContactFactory(
        ministry=MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV"),
        email="coordinator@example.org",
        name="Coördinator JenV",
    )


@pytest.fixture
def commitment(contact):
    return CommitmentFactory(
        ministry=contact.ministry,
        made_on=TODAY - datetime.timedelta(days=60),
        due_date=TODAY - datetime.timedelta(days=2),
    )


def page_url(contact):
    return reverse("contact-response", kwargs={"token": links.token_for(contact)})


def answer(client, contact, commitment, **fields):
    data = {
        "submission": str(uuid.uuid4()),
        "commitment": commitment.number,
        "kind": "new_date",
        "proposed_date": (TODAY + datetime.timedelta(days=60)).isoformat(),
        "reason": "Het onderzoek loopt uit",
        **fields,
    }
    return client.post(page_url(contact), data), data


def test_it_puts_the_link_in_every_digest(smtp_server, contact, commitment):
    reminders.prepare_reminders()
    reminders.deliver_pending()

    [message] = smtp_server.to("coordinator@example.org")
    body = message.get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"http://127\.0\.0\.1:8000(/respond/[^/\s]+/)", body)[1]
    assert links.contact_for(path.split("/")[2]) == contact


def test_it_changes_nothing_when_the_link_is_opened(client, contact, commitment):
    """Tried: the page opened three times and by HEAD, as a person and a mail scanner do."""
    history = commitment.history.count()
    for _ in range(3):
        response = client.get(page_url(contact))
        assert response.status_code == 200
        assert commitment.number in response.content.decode()
    assert client.head(page_url(contact)).status_code == 200

    assert not ContactResponse.objects.exists()
    assert commitment.history.count() == history


def test_it_records_one_answer_per_form_however_often_it_is_posted(client, contact, commitment):
    first, data = answer(client, contact, commitment)
    again = client.post(page_url(contact), data)

    assert first.status_code == again.status_code == 302
    recorded = ContactResponse.objects.get()
    assert (recorded.contact, recorded.commitment, recorded.kind) == (
        contact,
        commitment,
        ContactResponse.Kind.NEW_DATE,
    )
    assert recorded.state == ContactResponse.State.PENDING
    commitment.refresh_from_db()
    assert commitment.due_date == TODAY - datetime.timedelta(days=2)


def test_it_asks_for_what_an_answer_needs(client, contact, commitment):
    """Tried: a new date without the date, and a fulfilment without the document."""
    response, _data = answer(client, contact, commitment, proposed_date="")
    assert response.status_code == 200
    response, _data = answer(client, contact, commitment, kind="fulfilled")
    assert response.status_code == 200
    assert not ContactResponse.objects.exists()


def test_it_refuses_a_post_without_the_page_it_came_from(contact, commitment):
    strict = Client(enforce_csrf_checks=True)
    response, _data = answer(strict, contact, commitment)
    assert response.status_code == 403
    assert not ContactResponse.objects.exists()


def test_it_shows_and_answers_only_for_the_contacts_own_ministry(client, contact, commitment):
    """Tried: the number of another ministry's commitment put into the form."""
    elsewhere = CommitmentFactory(ministry=MinistryFactory(), summary="Geheim van een ander")

    page = client.get(page_url(contact)).content.decode()
    assert "Geheim van een ander" not in page

    response, _data = answer(client, contact, elsewhere)
    assert response.status_code == 404
    assert not ContactResponse.objects.exists()


def test_it_does_not_answer_for_a_closed_commitment(client, contact, commitment):
    Commitment.objects.filter(pk=commitment.pk).update(
        status=Commitment.Status.LAPSED, overdue_since=None
    )
    response, _data = answer(client, contact, commitment)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "case",
    ["expired", "tampered", "other purpose", "no timestamp", "not a contact", "inactive"],
)
def test_it_refuses_a_link_that_cannot_be_used_with_a_clear_page(client, contact, case):
    token = links.token_for(contact)
    if case == "tampered":
        token = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    elif case == "other purpose":
        token = signing.TimestampSigner(salt="another.purpose").sign_object({"contact": contact.pk})
    elif case == "no timestamp":
        # Signed with our key and salt but without a time: it once raised a 500.
        token = signing.Signer(salt=links.SALT).sign_object({"contact": contact.pk})
    elif case == "not a contact":
        token = signing.TimestampSigner(salt=links.SALT).sign_object([contact.pk])
    elif case == "inactive":
        contact.is_active = False
        contact.save()
    url = reverse("contact-response", kwargs={"token": token})

    if case == "expired":
        with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
            response = client.get(url)
            posted = client.post(url, {"kind": "forecast"})
    else:
        response = client.get(url)
        posted = client.post(url, {"kind": "forecast"})

    assert response.status_code == posted.status_code == 403
    assert "kan niet worden gebruikt" in response.content.decode()
    assert not ContactResponse.objects.exists()


def decide(clerk_client, action, response, **extra):
    return clerk_client.post(
        reverse("admin:commitments_contactresponse_changelist"),
        {"action": action, "_selected_action": [response.pk], **extra},
    )


def test_it_applies_an_accepted_new_date_and_confirms_it(
    clerk,
    clerk_client,
    smtp_server,
    client,
    contact,
    commitment,
    django_capture_on_commit_callbacks,
):
    answer(client, contact, commitment)
    response = ContactResponse.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        decide(clerk_client, "accept", response)

    commitment.refresh_from_db()
    assert commitment.due_date == TODAY + datetime.timedelta(days=60)
    entry = commitment.history.order_by("-history_id").first()
    assert entry.history_user == clerk
    assert "Gemeld door het ministerie (JenV)" in entry.history_change_reason
    assert "Coördinator JenV" not in entry.history_change_reason
    assert "Het onderzoek loopt uit" in entry.history_change_reason
    response.refresh_from_db()
    assert (response.state, response.decided_by) == (ContactResponse.State.ACCEPTED, clerk)
    [mail] = smtp_server.to("coordinator@example.org")
    assert commitment.number in mail["Subject"]
    assert "overgenomen" in mail.get_content()


def test_it_fulfils_with_the_document_the_contact_named(clerk_client, client, contact, commitment):
    answer(
        client,
        contact,
        commitment,
        kind="fulfilled",
        document_reference="28 638, nr. 213",
        document_date=TODAY.isoformat(),
        document_url="https://example.org/kst-28638-213",
        proposed_date="",
    )
    decide(clerk_client, "accept", ContactResponse.objects.get())

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by == Document.objects.get(document_number="213")
    assert commitment.fulfilled_on == TODAY


def test_it_tells_the_contact_why_an_answer_was_rejected(
    clerk_client, smtp_server, client, contact, commitment, django_capture_on_commit_callbacks
):
    answer(client, contact, commitment)
    response = ContactResponse.objects.get()

    shown = decide(clerk_client, "reject", response)
    assert shown.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        decide(clerk_client, "reject", response, apply="1", reason="Graag een concrete datum")

    response.refresh_from_db()
    assert response.state == ContactResponse.State.REJECTED
    commitment.refresh_from_db()
    assert commitment.due_date == TODAY - datetime.timedelta(days=2)
    [mail] = smtp_server.to("coordinator@example.org")
    assert "Graag een concrete datum" in mail.get_content()


def test_it_shows_the_ministrys_latest_answer_on_the_page(client, contact, commitment):
    answer(client, contact, commitment, kind="forecast", reason="")
    page = client.get(page_url(contact)).content.decode()
    assert "Verwachte datum" in page or "Forecast" in page
