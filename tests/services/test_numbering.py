import datetime
import threading

import pytest
from django.db import connection, transaction

from commitments.checks import check_number_prefix
from commitments.models import Commitment
from tests.factories import CommitmentFactory, MinistryFactory


@pytest.mark.django_db
def test_it_numbers_commitments_per_month_they_were_made():
    first = CommitmentFactory(made_on=datetime.date(2022, 11, 8))
    second = CommitmentFactory(made_on=datetime.date(2022, 11, 30))
    december = CommitmentFactory(made_on=datetime.date(2022, 12, 1))
    assert [first.number, second.number, december.number] == [
        "TL202211-001",
        "TL202211-002",
        "TL202212-001",
    ]


@pytest.mark.django_db
def test_it_never_hands_out_a_number_of_our_series_that_came_in_from_elsewhere():
    """A commitment of ours read back in (an export, a clerk's API call) keeps its number, and
    the month's counter moves past it."""
    read_back = CommitmentFactory(made_on=datetime.date(2025, 4, 2), number="TL202504-057")
    ours = CommitmentFactory(made_on=datetime.date(2025, 4, 3))
    assert read_back.number == "TL202504-057"
    assert ours.number == "TL202504-058"


@pytest.mark.django_db
def test_it_gives_a_clerk_a_number_the_chamber_never_uses_whether_its_came_first_or_later():
    """The Chamber's TZ202509-004 arrives before a clerk registers a commitment of September
    2025, and the Chamber's TZ202509-005 after: neither equals ours, and neither moves our
    counter (the collision of issue 16 stopped every sync)."""
    chambers_first = CommitmentFactory(made_on=datetime.date(2025, 9, 1), number="TZ202509-004")
    ours = CommitmentFactory(made_on=datetime.date(2025, 9, 2))
    chambers_later = CommitmentFactory(made_on=datetime.date(2025, 9, 3), number="TZ202509-001")
    assert (chambers_first.number, chambers_later.number) == ("TZ202509-004", "TZ202509-001")
    assert ours.number == "TL202509-001"


@pytest.mark.django_db
def test_it_numbers_from_the_configured_prefix(settings):
    settings.COMMITMENT_NUMBER_PREFIX = "CT"
    assert CommitmentFactory(made_on=datetime.date(2025, 9, 2)).number == "CT202509-001"


@pytest.mark.parametrize("prefix", ["TZ", "T", "tl", "T1", "", "TOOLONGX"])
def test_it_refuses_to_start_with_a_prefix_that_shares_a_chambers_namespace(settings, prefix):
    settings.COMMITMENT_NUMBER_PREFIX = prefix
    errors = check_number_prefix(None)
    assert [error.id for error in errors] == ["commitments.E001"]
    assert repr(prefix) in errors[0].msg


def test_it_starts_with_the_default_prefix():
    assert check_number_prefix(None) == []


@pytest.mark.django_db
def test_it_keeps_the_number_when_a_commitment_changes_month():
    commitment = CommitmentFactory(made_on=datetime.date(2024, 3, 1))
    commitment.made_on = datetime.date(2024, 2, 1)
    commitment.due_date = datetime.date(2024, 7, 4)
    commitment.save()
    commitment.refresh_from_db()
    assert commitment.number == "TL202403-001"


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
    assert sorted(numbers) == ["TL202403-001", "TL202403-002"]
    # The first to commit is the first to have numbered: the second waited for it.
    assert numbers == ["TL202403-001", "TL202403-002"]
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
