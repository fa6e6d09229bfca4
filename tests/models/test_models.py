"""The invariants of the data model, each tried with the bad input a clerk might give."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from commitments.models import Commitment, Contact, Recess
from commitments.services.overdue import flag_overdue
from tests.factories import CommitmentFactory, ContactFactory, DocumentFactory, MinistryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def unsaved(**fields) -> Commitment:
    """A commitment ready to save, whose ministry already exists."""
    return CommitmentFactory.build(ministry=MinistryFactory(), official=None, **fields)


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def test_it_refuses_an_unknown_status_in_the_form_and_in_the_database():
    commitment = CommitmentFactory()
    commitment.status = "forgotten"
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "status" in error.value.message_dict

    # A write that bypasses validation (a raw update) still cannot store it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status="forgotten")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


def test_it_refuses_a_due_date_before_the_promise_was_made():
    commitment = unsaved(made_on=datetime.date(2024, 3, 1), due_date=datetime.date(2024, 2, 29))
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert messages_of(error.value) == [
        "The due date cannot lie before the date the commitment was made."
    ]

    with pytest.raises(IntegrityError), transaction.atomic():
        commitment.save()
    assert not Commitment.objects.exists()


def test_it_accepts_a_due_date_on_the_day_the_promise_was_made():
    commitment = unsaved(made_on=datetime.date(2024, 3, 1), due_date=datetime.date(2024, 3, 1))
    commitment.full_clean()
    commitment.save()
    assert Commitment.objects.get().due_date == datetime.date(2024, 3, 1)


def test_it_refuses_fulfilled_without_a_fulfilment_date():
    commitment = unsaved(status=Commitment.Status.FULFILLED, fulfilled_on=None)
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert messages_of(error.value) == [
        "A fulfilled commitment needs the date on which it was fulfilled."
    ]

    with pytest.raises(IntegrityError), transaction.atomic():
        commitment.save()


def test_it_refuses_a_fulfilment_date_before_the_promise_was_made():
    commitment = unsaved(
        status=Commitment.Status.FULFILLED,
        made_on=datetime.date(2024, 3, 1),
        fulfilled_on=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert messages_of(error.value) == [
        "A commitment cannot be fulfilled before the date it was made."
    ]


def test_it_refuses_a_duplicate_number():
    existing = CommitmentFactory()
    duplicate = unsaved(number=existing.number)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["number"] == ["A commitment with this number exists already."]

    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Commitment.objects.count() == 1


def test_it_keeps_a_vague_deadline_without_precision():
    commitment = unsaved(
        due_date=None, due_precision=Commitment.Precision.MONTH, deadline_phrase="op korte termijn"
    )
    commitment.full_clean()
    assert commitment.due_precision == Commitment.Precision.NONE

    # Stored without validation the contradiction is refused by the database.
    contradictory = unsaved(due_date=None, due_precision="month")
    with pytest.raises(IntegrityError), transaction.atomic():
        contradictory.save()


def test_it_keeps_the_first_due_date_as_the_original():
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))
    commitment.due_date = datetime.date(2024, 12, 20)
    commitment.save()
    commitment.refresh_from_db()
    assert commitment.original_due_date == datetime.date(2024, 7, 4)


def test_it_answers_open_overdue_and_due_soon_queries():
    today = datetime.date(2024, 9, 1)
    late = CommitmentFactory(due_date=datetime.date(2024, 8, 31))
    soon = CommitmentFactory(due_date=datetime.date(2024, 9, 30))
    later = CommitmentFactory(due_date=datetime.date(2024, 10, 2))
    vague = CommitmentFactory(due_date=None, due_precision="none")
    CommitmentFactory(
        due_date=datetime.date(2024, 8, 1),
        status=Commitment.Status.FULFILLED,
        fulfilled_on=datetime.date(2024, 7, 30),
    )
    partial = CommitmentFactory(
        due_date=datetime.date(2024, 6, 1), status=Commitment.Status.PARTIALLY_FULFILLED
    )

    withdrawn = CommitmentFactory(due_date=datetime.date(2024, 8, 1), withdrawn_from_source=True)
    flag_overdue(today=today)

    assert set(Commitment.objects.overdue()) == {late, partial}
    assert set(Commitment.objects.due_within(30, on=today)) == {soon}
    assert set(Commitment.objects.open()) == {late, soon, later, vague, partial}
    assert withdrawn not in Commitment.objects.open()
    assert set(Commitment.objects.without_deadline()) == {vague}


def test_it_allows_one_senior_contact_per_ministry():
    senior = ContactFactory(is_senior=True)
    second = ContactFactory.build(ministry=senior.ministry, is_senior=True)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "This ministry already has a senior contact." in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()

    ContactFactory(ministry=senior.ministry, is_senior=False)
    assert Contact.objects.filter(ministry=senior.ministry).count() == 2


def test_it_refuses_the_same_contact_address_twice_in_a_ministry_whatever_the_case():
    contact = ContactFactory(email="griffie@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(ministry=contact.ministry, email="Griffie@Example.org")


def test_it_refuses_a_kamerstuk_number_twice_but_allows_documents_without_one():
    DocumentFactory(dossier_number="28 638", document_number="212")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(dossier_number="28 638", document_number="212")

    DocumentFactory(dossier_number="", document_number="")
    DocumentFactory(dossier_number="", document_number="")


def test_it_cites_a_document_as_the_chamber_does():
    document = DocumentFactory(dossier_number="28 638", document_number="212")
    assert document.kamerstuk == "Kamerstuk 28 638, nr. 212"


def test_it_refuses_a_recess_that_ends_before_it_starts():
    recess = Recess(
        kind=Recess.Kind.SUMMER,
        starts_on=datetime.date(2024, 9, 2),
        ends_on=datetime.date(2024, 7, 5),
    )
    with pytest.raises(ValidationError) as error:
        recess.full_clean()
    assert messages_of(error.value) == ["A recess cannot end before it starts."]


def test_it_labels_statuses_in_dutch_by_default_and_in_english_on_request():
    with translation.override("nl"):
        assert [str(label) for label in Commitment.Status.labels] == [
            "Openstaand",
            "Afgedaan",
            "Deels afgedaan",
            "Vervallen",
        ]
    with translation.override("en"):
        assert [str(label) for label in Commitment.Status.labels] == [
            "Open",
            "Fulfilled",
            "Partially fulfilled",
            "Lapsed",
        ]


def test_it_ends_the_overdue_flag_when_a_commitment_is_closed():
    commitment = CommitmentFactory()
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=datetime.date(2024, 7, 5))
    commitment.refresh_from_db()

    commitment.status = Commitment.Status.LAPSED
    commitment.full_clean()
    commitment.save()
    commitment.refresh_from_db()
    assert commitment.overdue_since is None

    # Written past validation, a closed commitment still cannot carry the flag.
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(overdue_since=datetime.date(2024, 7, 5))
