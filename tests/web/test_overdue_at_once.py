"""Overdue is right at once: every write that changes a due date or a status leaves the overdue
flag right in the same transaction, without waiting for beat's sweep; and the flag is part of
that write's own audit row (one change, by its author), so a new commitment is one entry in the
feed."""

import datetime
import json
import uuid
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, ContactResponse
from commitments.services import answers, letters
from commitments.services import commitments as services
from commitments.tk import sync as tk
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    MemberFactory,
    MinistryFactory,
    PartyFactory,
)
from tests.toezeggingen import CONTEXT, toezegging

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def days(count: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=count)


def overdue_since(commitment) -> datetime.date | None:
    return Commitment.objects.values_list("overdue_since", flat=True).get(pk=commitment.pk)


def change_form(commitment, **changes) -> dict:
    """What the admin's change form posts back for `commitment`, with `changes` applied."""
    data = {
        "summary": commitment.summary,
        "text": commitment.text,
        "status": commitment.status,
        "made_on": commitment.made_on.isoformat(),
        "deadline_phrase": commitment.deadline_phrase,
        "due_date": commitment.due_date.isoformat() if commitment.due_date else "",
        "due_precision": commitment.due_precision,
        "ministry": commitment.ministry_id,
        "official": commitment.official_id or "",
        "change_reason": "",
        "_save": "Opslaan",
    }
    return {**data, **changes}


def test_it_flags_a_commitment_registered_after_its_due_date(clerk):
    draft = CommitmentFactory.build(
        ministry=MinistryFactory(), made_on=days(-100), due_date=days(-10), official=None
    )
    commitment = services.register_commitment(commitment=draft, user=clerk)

    assert overdue_since(commitment) == days(-9)
    # One audit row, the registration's, by the clerk: it holds the flag.
    [record] = commitment.history.all()
    assert (record.history_type, record.history_user, record.overdue_since) == (
        "+",
        clerk,
        days(-9),
    )


def test_it_flags_a_commitment_a_clerk_adds_in_the_admin(clerk_client, world):
    draft = CommitmentFactory.build(made_on=days(-100), due_date=days(-3), official=None)
    data = change_form(draft, ministry=world.justice.pk)

    response = clerk_client.post(reverse("admin:commitments_commitment_add"), data)

    assert response.status_code == 302, response.content
    assert overdue_since(Commitment.objects.get(summary=draft.summary)) == days(-2)


def test_it_flags_and_clears_as_a_clerk_edits_the_due_date_in_the_admin(clerk, clerk_client):
    commitment = CommitmentFactory(made_on=days(-100), due_date=days(20), official=None)
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    clerk_client.post(url, change_form(commitment, due_date=days(-5).isoformat()))
    assert overdue_since(commitment) == days(-4)
    latest = commitment.history.latest()
    assert (latest.history_user, latest.overdue_since) == (clerk, days(-4))

    commitment.refresh_from_db()
    clerk_client.post(url, change_form(commitment, due_date=days(5).isoformat()))
    assert overdue_since(commitment) is None


def test_it_moves_the_flag_when_a_deadline_is_extended_to_a_day_already_past(clerk):
    commitment = CommitmentFactory(made_on=days(-100), due_date=days(-30))
    call_command("flag_overdue")
    assert overdue_since(commitment) == days(-29)

    services.extend_deadline(
        commitments=[commitment], new_due_date=days(-2), user=clerk, reason="Later gepland"
    )

    assert overdue_since(commitment) == days(-1)


def test_it_flags_a_commitment_created_through_the_api_at_once(token_client, world):
    response = token_client.post(
        "/api/commitments/",
        {
            "text": "Ik zal uw Kamer voor de zomer informeren.",
            "summary": "Informeren over de uitvoering",
            "made_on": days(-60).isoformat(),
            "due_date": days(-7).isoformat(),
            "ministry": world.justice.abbreviation,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["overdue_since"] == days(-6).isoformat()


def test_it_clears_the_flag_when_the_api_moves_the_due_date_ahead(token_client, world):
    commitment = CommitmentFactory(ministry=world.justice, made_on=days(-60), due_date=days(-7))
    call_command("flag_overdue")

    response = token_client.patch(
        f"/api/commitments/{commitment.number}/", {"due_date": days(7).isoformat()}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["overdue_since"] is None
    assert overdue_since(commitment) is None


def test_it_flags_what_a_clerk_accepts_from_a_letter(clerk, world):
    document, _created = letters.save_letter(
        text="Ik zal de Kamer voor de zomer informeren.", letter_date=days(-90)
    )
    item = {
        "sentence": "Ik zal de Kamer voor de zomer informeren.",
        "summary": "Informeren over de zomer",
        "ministry": world.justice,
        "official": "",
        "official_function": "",
        "deadline_phrase": "voor de zomer",
        "due_date": days(-20),
        "precision": Commitment.Precision.RECESS,
    }

    [commitment] = letters.accept(document=document, accepted=[item], user=clerk)

    assert overdue_since(commitment) == days(-19)


def test_it_flags_what_the_tweede_kamer_import_brings_in(tmp_path):
    page = tmp_path / "toezeggingen.json"
    page.write_text(json.dumps({"@odata.context": CONTEXT, "value": [toezegging(1)]}))

    tk.import_toezeggingen(source=str(page))

    # Record 1 is due 30 June 2024 and open: overdue from 1 July 2024, recorded in its one row.
    imported = Commitment.objects.get(number="TZ202403-001")
    assert overdue_since(imported) == datetime.date(2024, 7, 1)
    assert [record.overdue_since for record in imported.history.all()] == [
        datetime.date(2024, 7, 1)
    ]


def test_it_clears_the_flag_when_a_contacts_new_date_is_accepted(clerk, world):
    commitment = CommitmentFactory(ministry=world.justice, made_on=days(-60), due_date=days(-7))
    call_command("flag_overdue")
    response = ContactResponse.objects.create(
        submission=uuid.uuid4(),
        contact=ContactFactory(ministry=world.justice),
        commitment=commitment,
        kind=ContactResponse.Kind.NEW_DATE,
        proposed_date=days(40),
        reason="Het onderzoek loopt uit",
    )

    answers.accept(response=response, clerk=clerk)

    assert overdue_since(commitment) is None


def test_it_shows_the_seed_overdue_right_after_make_run():
    """`make run` loads the seed and runs flag_overdue before the server starts (Makefile)."""
    call_command("load_seed")
    call_command("flag_overdue")

    flagged = Commitment.objects.filter(overdue_since__isnull=False).count()
    assert flagged == Commitment.objects.overdue().count() > 0


def test_it_makes_one_feed_entry_for_a_new_commitment_with_addressees(client, clerk):
    party = PartyFactory(abbreviation="CDA")
    draft = CommitmentFactory.build(
        ministry=MinistryFactory(), made_on=days(-10), due_date=days(30), official=None
    )
    commitment = services.register_commitment(
        commitment=draft,
        user=clerk,
        made_to=[MemberFactory(name="Kuik", party=party)],
        made_to_parties=[party],
    )

    feed = ET.fromstring(client.get(reverse("changes-feed")).content)

    titles = [entry.find("atom:title", ATOM).text for entry in feed.findall("atom:entry", ATOM)]
    assert [title for title in titles if title.startswith(commitment.number)] == [
        f"{commitment.number}: geregistreerd"
    ]
    [record] = commitment.history.all()
    assert [row.member.name for row in record.made_to.all()] == ["Kuik"]
    assert [row.party.abbreviation for row in record.made_to_parties.all()] == ["CDA"]
