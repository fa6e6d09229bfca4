"""Two beats by mistake: every scheduled task run twice at the same moment does its work once.

The overdue sweep and the digest senders have their own race tests (services/test_overdue.py,
services/test_reminders.py); here are the daily reminder run, the rappel and the Tweede Kamer sync.
"""

import datetime
import logging
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from commitments import tasks
from commitments.models import Digest
from commitments.ops import locks
from commitments.services import reminders
from commitments.tk import sync as tk
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory
from tests.waiting import wait_until

DUE = datetime.date(2024, 3, 1)


def at_the_same_moment(job, *, times=2):
    """Run `job` in `times` threads, each on its own database connection, started together."""
    start = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            start.wait(5)
            results.append(job())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    return results


def lock_is_free(name: str) -> bool:
    with locks.held_alone(name) as alone:
        return alone


@pytest.fixture
def register():
    """Five ministries with three contacts each and twenty overdue commitments each."""
    contacts = []
    for ministry in MinistryFactory.create_batch(5):
        contacts += ContactFactory.create_batch(3, ministry=ministry)
        CommitmentFactory.create_batch(20, ministry=ministry, due_date=DUE)
    return contacts


def mails_per_contact(smtp_server, contacts):
    return sorted(len(smtp_server.to(contact.email)) for contact in contacts)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_sends_each_contact_one_digest_when_two_reminder_runs_race(register, smtp_server):
    def reminder_run():
        reminders.prepare_reminders()
        return reminders.deliver_pending()

    with time_machine.travel(datetime.datetime(2024, 7, 1, 7, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        at_the_same_moment(reminder_run)

    assert mails_per_contact(smtp_server, register) == [1] * 15
    assert Digest.objects.filter(state=Digest.State.SENT).count() == 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_sends_each_contact_one_rappel_when_two_rappels_race(register, smtp_server):
    def rappel():
        queued = reminders.prepare_rappel(cutoff=datetime.date(2024, 7, 1))
        reminders.deliver_pending()
        return queued

    with time_machine.travel(datetime.datetime(2024, 7, 1, 7, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        queued = at_the_same_moment(rappel)

    assert sorted(queued) == [0, 15 * 20]
    assert mails_per_contact(smtp_server, register) == [1] * 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_skips_a_second_tk_sync_while_the_first_runs(settings, monkeypatch, caplog):
    settings.TK_ODATA_URL = "https://example.org/Toezegging"
    first_running, first_may_finish = threading.Event(), threading.Event()
    imports = []

    def slow_import(*, source, since):
        imports.append(source)
        first_running.set()
        first_may_finish.wait(10)
        return tk.ImportResult(source=source, pages=1)

    monkeypatch.setattr(tk, "import_toezeggingen", slow_import)
    outcome = {}

    def first_sync():
        try:
            outcome["first"] = tasks.sync_tk_toezeggingen.apply().get()
        finally:
            connection.close()

    first = threading.Thread(target=first_sync)
    first.start()
    assert first_running.wait(10)
    caplog.set_level(logging.INFO, logger="commitments.tasks")

    second = tasks.sync_tk_toezeggingen.apply().get()
    first_may_finish.set()
    first.join(10)

    assert second == {"skipped": "another sync is running"}
    assert outcome["first"]["pages"] == 1
    assert imports == [settings.TK_ODATA_URL]
    [skipped] = [r for r in caplog.records if getattr(r, "event", None) == "task_skipped"]
    assert skipped.task == "sync_tk_toezeggingen"
    # The lock went with the first sync: the next night's sync runs.
    assert tasks.sync_tk_toezeggingen.apply().get()["pages"] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_frees_the_lock_when_the_process_holding_it_loses_its_connection():
    held, checked_while_held, vanished, checked_after = (threading.Event() for _ in range(4))

    def hold_and_vanish():
        with locks.held_alone("job") as alone:
            assert alone
            held.set()
            checked_while_held.wait(10)
            # A worker that dies takes its connection with it, and PostgreSQL the lock.
            connection.close()
            vanished.set()
            checked_after.wait(10)

    holder = threading.Thread(target=hold_and_vanish)
    holder.start()
    try:
        assert held.wait(10)
        with locks.held_alone("job") as alone:
            assert not alone
        checked_while_held.set()
        assert vanished.wait(10)
        # PostgreSQL ends the vanished session a moment after its connection closes.
        wait_until(lambda: lock_is_free("job"), timeout=5)
    finally:
        checked_while_held.set()
        checked_after.set()
        holder.join(10)
