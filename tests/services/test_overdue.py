import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from commitments.services.overdue import CLEAR_REASON, FLAG_REASON, flag_overdue
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 7, 4)


def overdue_since(commitment):
    commitment.refresh_from_db()
    return commitment.overdue_since


def test_it_flags_a_commitment_the_day_after_its_due_date():
    commitment = CommitmentFactory(due_date=DUE)

    assert flag_overdue(today=DUE).flagged == 0
    assert overdue_since(commitment) is None

    assert flag_overdue(today=DUE + datetime.timedelta(days=1)).flagged == 1
    assert overdue_since(commitment) == DUE + datetime.timedelta(days=1)


def test_it_flags_open_and_partially_fulfilled_commitments_only():
    open_one = CommitmentFactory(due_date=DUE)
    partial = CommitmentFactory(due_date=DUE, status=Commitment.Status.PARTIALLY_FULFILLED)
    fulfilled = CommitmentFactory(
        due_date=DUE, status=Commitment.Status.FULFILLED, fulfilled_on=DUE
    )
    lapsed = CommitmentFactory(due_date=DUE, status=Commitment.Status.LAPSED)
    vague = CommitmentFactory(due_date=None, due_precision="none")

    flag_overdue(today=datetime.date(2024, 9, 1))

    assert overdue_since(open_one) == overdue_since(partial) == datetime.date(2024, 7, 5)
    assert overdue_since(fulfilled) is overdue_since(lapsed) is overdue_since(vague) is None


def test_it_flags_each_commitment_once_and_audits_it_once():
    commitments = CommitmentFactory.create_batch(3, due_date=DUE)
    today = datetime.date(2024, 9, 1)

    assert flag_overdue(today=today).flagged == 3
    assert flag_overdue(today=today).flagged == 0

    for commitment in commitments:
        entries = commitment.history.filter(history_change_reason=FLAG_REASON)
        assert entries.count() == 1
        entry = entries.get()
        assert entry.overdue_since == datetime.date(2024, 7, 5)
        assert entry.history_type == "~"
        assert entry.history_user is None
        # The audit entry is the whole row as it now stands, not only the flag.
        assert (entry.number, entry.summary, entry.status) == (
            commitment.number,
            commitment.summary,
            commitment.status,
        )


def test_it_clears_the_flag_when_a_commitment_gets_a_later_date_or_none():
    later = CommitmentFactory(due_date=DUE)
    undated = CommitmentFactory(due_date=DUE)
    flag_overdue(today=datetime.date(2024, 9, 1))

    Commitment.objects.filter(pk=later.pk).update(due_date=datetime.date(2024, 12, 20))
    Commitment.objects.filter(pk=undated.pk).update(due_date=None, due_precision="none")
    result = flag_overdue(today=datetime.date(2024, 9, 2))

    assert result.cleared == 2
    assert overdue_since(later) is None
    assert overdue_since(undated) is None
    assert later.history.filter(history_change_reason=CLEAR_REASON).count() == 1


def test_it_moves_the_flag_when_a_new_date_has_passed_too():
    commitment = CommitmentFactory(due_date=DUE)
    flag_overdue(today=datetime.date(2024, 9, 1))
    Commitment.objects.filter(pk=commitment.pk).update(due_date=datetime.date(2024, 8, 1))

    assert flag_overdue(today=datetime.date(2024, 9, 2)).flagged == 1
    assert overdue_since(commitment) == datetime.date(2024, 8, 2)


def test_it_runs_a_constant_number_of_queries_whatever_the_number_of_commitments():
    """The sweep is set-based: 3 or 30 overdue commitments cost the same statements."""
    today = datetime.date(2024, 9, 1)
    counts = []
    for batch in (3, 30):
        CommitmentFactory.create_batch(batch, due_date=DUE)
        Commitment.objects.update(overdue_since=None)
        with CaptureQueriesContext(connection) as captured:
            flag_overdue(today=today)
        statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
        counts.append(len(statements))
    # Per direction at most: the highest audit id so far, the audit rows, their addressees (one
    # INSERT per relation) and the UPDATE; PostgreSQL does each direction in one statement.
    assert counts[0] == counts[1] <= 10
    assert Commitment.objects.filter(overdue_since__isnull=False).count() == 33


@time_machine.travel(datetime.datetime(2024, 9, 1, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_it_can_be_run_from_the_command_line(capsys):
    CommitmentFactory.create_batch(2, due_date=DUE)
    call_command("flag_overdue")
    assert "Flagged 2 commitments, cleared 0." in capsys.readouterr().out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_flags_each_commitment_once_when_two_sweeps_run_at_the_same_time():
    """The first sweep keeps its transaction open after flagging; the second starts meanwhile
    and must neither flag nor audit those commitments a second time once the first commits."""
    CommitmentFactory.create_batch(50, due_date=DUE)
    today = datetime.date(2024, 9, 1)
    first_flagged = threading.Event()
    results, errors = {}, []

    def sweep(name, hold_open):
        try:
            with transaction.atomic():
                results[name] = flag_overdue(today=today).flagged
                if hold_open:
                    first_flagged.set()
                    threading.Event().wait(0.5)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=sweep, args=("first", True))
    first.start()
    assert first_flagged.wait(10)
    second = threading.Thread(target=sweep, args=("second", False))
    second.start()
    first.join(30)
    second.join(30)

    assert errors == []
    assert results == {"first": 50, "second": 0}
    history = Commitment.history.model.objects.filter(history_change_reason=FLAG_REASON)
    assert history.count() == 50
