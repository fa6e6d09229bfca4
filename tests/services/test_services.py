import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from commitments.models import Commitment
from commitments.services import commitments as services
from tests.factories import CommitmentFactory, DocumentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def latest_history(commitment):
    return commitment.history.order_by("-history_id").first()


def test_it_marks_commitments_fulfilled_with_the_document_and_an_audit_entry():
    clerk = UserFactory()
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=datetime.date(2024, 7, 5))
    answer = DocumentFactory(date=datetime.date(2024, 7, 10))

    count = services.fulfil_commitments(
        commitments=Commitment.objects.filter(pk=commitment.pk),
        document=answer,
        fulfilled_on=datetime.date(2024, 7, 10),
        user=clerk,
        reason="Brief ontvangen",
    )

    commitment.refresh_from_db()
    assert count == 1
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by == answer
    assert commitment.fulfilled_on == datetime.date(2024, 7, 10)
    assert commitment.overdue_since is None
    entry = latest_history(commitment)
    assert entry.history_user == clerk
    assert entry.history_change_reason == "Brief ontvangen"
    changed = {change.field for change in entry.diff_against(entry.prev_record).changes}
    assert {"status", "fulfilled_by", "fulfilled_on"} <= changed


def test_it_changes_nothing_when_one_of_the_selection_is_already_closed():
    """Tried: fulfilling an open and a lapsed commitment together."""
    open_one = CommitmentFactory()
    lapsed = CommitmentFactory(status=Commitment.Status.LAPSED)
    history_before = Commitment.history.count()

    with pytest.raises(ValidationError) as error:
        services.fulfil_commitments(
            commitments=Commitment.objects.filter(pk__in=[open_one.pk, lapsed.pk]),
            document=DocumentFactory(),
            fulfilled_on=datetime.date(2024, 7, 10),
            user=UserFactory(),
        )

    assert lapsed.number in error.value.messages[0]
    open_one.refresh_from_db()
    assert open_one.status == Commitment.Status.OPEN
    assert Commitment.history.count() == history_before


def test_it_refuses_a_fulfilment_date_before_the_promise_and_changes_nothing():
    commitment = CommitmentFactory(made_on=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.fulfil_commitments(
            commitments=[commitment],
            document=DocumentFactory(),
            fulfilled_on=datetime.date(2024, 2, 1),
            user=UserFactory(),
        )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.fulfilled_on is None


def test_it_marks_commitments_lapsed_only_with_a_reason():
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError, match="reason"):
        services.lapse_commitments(commitments=[commitment], user=UserFactory(), reason="  ")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN

    clerk = UserFactory()
    services.lapse_commitments(commitments=[commitment], user=clerk, reason="Kabinet demissionair")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.LAPSED
    assert latest_history(commitment).history_change_reason == "Kabinet demissionair"
    assert latest_history(commitment).history_user == clerk


@time_machine.travel(datetime.date(2024, 7, 10))
def test_it_extends_a_deadline_keeping_the_original_and_clearing_the_overdue_flag():
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=datetime.date(2024, 7, 5))
    clerk = UserFactory()

    services.extend_deadline(
        commitments=[commitment],
        new_due_date=datetime.date(2024, 12, 20),
        user=clerk,
        reason="Onderzoek vertraagd",
    )

    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 12, 20)
    assert commitment.original_due_date == datetime.date(2024, 7, 4)
    assert commitment.overdue_since is None
    entry = latest_history(commitment)
    assert (entry.history_user, entry.history_change_reason) == (clerk, "Onderzoek vertraagd")


def test_it_refuses_to_extend_to_an_earlier_date_or_without_a_reason():
    commitment = CommitmentFactory(due_date=datetime.date(2024, 7, 4))
    with pytest.raises(ValidationError, match=commitment.number):
        services.extend_deadline(
            commitments=[commitment],
            new_due_date=datetime.date(2024, 7, 1),
            user=UserFactory(),
            reason="Eerder klaar",
        )
    with pytest.raises(ValidationError, match="reason"):
        services.extend_deadline(
            commitments=[commitment],
            new_due_date=datetime.date(2024, 9, 1),
            user=UserFactory(),
            reason="",
        )
    commitment.refresh_from_db()
    assert commitment.due_date == datetime.date(2024, 7, 4)


def test_it_gives_a_vague_commitment_its_first_date():
    commitment = CommitmentFactory(due_date=None, due_precision="none")
    services.extend_deadline(
        commitments=[commitment],
        new_due_date=datetime.date(2024, 9, 1),
        user=UserFactory(),
        reason="Datum toegezegd in debat",
    )
    commitment.refresh_from_db()
    assert commitment.due_date == commitment.original_due_date == datetime.date(2024, 9, 1)
    assert commitment.due_precision == Commitment.Precision.DAY
