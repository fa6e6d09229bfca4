import datetime
import threading

import pytest
from django.db import connection, transaction

from commitments.models import Commitment
from tests.factories import CommitmentFactory, MinistryFactory


@pytest.mark.django_db
def test_it_numbers_commitments_per_month_they_were_made():
    first = CommitmentFactory(made_on=datetime.date(2022, 11, 8))
    second = CommitmentFactory(made_on=datetime.date(2022, 11, 30))
    december = CommitmentFactory(made_on=datetime.date(2022, 12, 1))
    assert [first.number, second.number, december.number] == [
        "TZ202211-001",
        "TZ202211-002",
        "TZ202212-001",
    ]


@pytest.mark.django_db
def test_it_never_hands_out_a_number_that_came_in_from_elsewhere():
    imported = CommitmentFactory(made_on=datetime.date(2025, 4, 2), number="TZ202504-057")
    ours = CommitmentFactory(made_on=datetime.date(2025, 4, 3))
    assert imported.number == "TZ202504-057"
    assert ours.number == "TZ202504-058"


@pytest.mark.django_db
def test_it_keeps_the_number_when_a_commitment_changes_month():
    commitment = CommitmentFactory(made_on=datetime.date(2024, 3, 1))
    commitment.made_on = datetime.date(2024, 2, 1)
    commitment.due_date = datetime.date(2024, 7, 4)
    commitment.save()
    commitment.refresh_from_db()
    assert commitment.number == "TZ202403-001"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_gives_two_clerks_saving_at_the_same_moment_different_numbers():
    """Two transactions each save a commitment for the same month; the first holds its
    transaction open after saving, so the second must wait for it rather than reuse its number."""
    ministry = MinistryFactory()
    first_saved = threading.Event()
    numbers, errors = [], []

    def save_commitment(hold_open: bool):
        try:
            with transaction.atomic():
                commitment = CommitmentFactory(ministry=ministry, made_on=datetime.date(2024, 3, 1))
                if hold_open:
                    first_saved.set()
                    # Keep the transaction (and the counter row lock) open while the
                    # second clerk saves.
                    threading.Event().wait(0.5)
                numbers.append(commitment.number)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=save_commitment, args=(True,))
    first.start()
    assert first_saved.wait(5)
    second = threading.Thread(target=save_commitment, args=(False,))
    second.start()
    first.join(10)
    second.join(10)

    assert errors == []
    assert sorted(numbers) == ["TZ202403-001", "TZ202403-002"]
    # The first to commit is the first to have numbered: the second waited for it.
    assert numbers == ["TZ202403-001", "TZ202403-002"]
    assert Commitment.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_numbers_many_concurrent_saves_without_duplicates():
    ministry = MinistryFactory()
    start = threading.Barrier(8)
    errors = []

    def save_commitments():
        try:
            start.wait(5)
            for _ in range(10):
                with transaction.atomic():
                    CommitmentFactory(ministry=ministry, made_on=datetime.date(2024, 3, 1))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save_commitments) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    numbers = list(Commitment.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 80
