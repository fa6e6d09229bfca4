"""The Celery side for real: a worker on the Redis broker, PostgreSQL, and an SMTP server."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import redis
import time_machine
from celery.schedules import crontab
from django.conf import settings

from commitments import tasks
from commitments.models import Commitment, Digest
from commitments.services import reminders
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory
from tests.waiting import wait_until
from tracker.settings import crontab_from_env

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUE = datetime.date(2024, 7, 4)


def run_through_worker(worker, task_name, *args):
    """Send a task by name, as beat does, and wait until the worker has run it."""
    result = worker.app.send_task(task_name, args=args)
    wait_until(lambda: result.id in worker.finished)
    return worker.finished[result.id]


@pytest.fixture
def contact():
    return ContactFactory(ministry=MinistryFactory(), email="coordinator@example.org")


def test_it_schedules_the_sweep_every_quarter_hour_and_the_reminders_at_seven():
    from tracker.celery import app

    schedule = app.conf.beat_schedule
    assert schedule["flag-overdue"]["schedule"] == crontab(minute="*/15")
    assert schedule["send-reminders"]["schedule"] == crontab(minute="0", hour="7")
    assert app.conf.timezone == "Europe/Amsterdam"
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)


def test_it_reads_the_schedules_from_the_environment(monkeypatch):
    monkeypatch.setenv("REMINDER_RUN_CRON", "30 6 * * 1-5")
    assert crontab_from_env("REMINDER_RUN_CRON", "0 7 * * *") == crontab(
        minute="30", hour="6", day_of_week="1-5"
    )


def test_it_flags_a_commitment_the_day_after_its_due_date_by_the_beat_task(celery_worker):
    commitment = CommitmentFactory(due_date=DUE)
    task = settings.CELERY_BEAT_SCHEDULE["flag-overdue"]["task"]

    with celery_worker():
        with time_machine.travel(datetime.datetime(2024, 7, 4, 23, 45, tzinfo=AMSTERDAM)):
            assert run_through_worker(celery_worker, task) == {"flagged": 0, "cleared": 0}
        with time_machine.travel(datetime.datetime(2024, 7, 5, 0, 0, tzinfo=AMSTERDAM)):
            assert run_through_worker(celery_worker, task) == {"flagged": 1, "cleared": 0}

    commitment.refresh_from_db()
    assert commitment.overdue_since == datetime.date(2024, 7, 5)


def test_it_sends_the_daily_digest_through_the_worker_once(celery_worker, smtp_server, contact):
    CommitmentFactory.create_batch(3, ministry=contact.ministry, due_date=DUE)
    task = settings.CELERY_BEAT_SCHEDULE["send-reminders"]["task"]

    with celery_worker(), time_machine.travel(datetime.datetime(2024, 7, 4, 7, tzinfo=AMSTERDAM)):
        run_through_worker(celery_worker, task)
        wait_until(lambda: Digest.objects.filter(state=Digest.State.SENT).exists())
        run_through_worker(celery_worker, task)
        run_through_worker(celery_worker, settings.CELERY_BEAT_SCHEDULE["deliver-pending"]["task"])

    assert len(smtp_server.to("coordinator@example.org")) == 1


def test_it_delivers_once_when_redis_loses_the_queued_message(celery_worker, smtp_server, contact):
    """Tried: digests handed to the broker, then Redis emptied before any worker ran."""
    CommitmentFactory(ministry=contact.ministry, due_date=DUE)
    reminders.prepare_reminders()
    assert tasks.enqueue_deliveries() == 1
    redis.Redis.from_url(settings.REDIS_URL).flushdb()

    with celery_worker():
        run_through_worker(celery_worker, "commitments.tasks.deliver_pending")
        wait_until(lambda: len(smtp_server.messages) == 1)
        run_through_worker(celery_worker, "commitments.tasks.deliver_pending")

    assert len(smtp_server.messages) == 1
    assert Digest.objects.get().state == Digest.State.SENT


def test_it_retries_through_the_worker_until_the_smtp_server_is_back(
    celery_worker, smtp_server, settings, contact
):
    """Tried: the SMTP server down when the worker sends, back a moment later."""
    settings.REMINDERS = {**settings.REMINDERS, "RETRY_BASE_SECONDS": 1}
    CommitmentFactory(ministry=contact.ministry, due_date=DUE)
    reminders.prepare_reminders()
    [digest_id] = reminders.deliverable_digest_ids()
    smtp_server.stop()

    with celery_worker():
        outcomes = run_through_worker(
            celery_worker, "commitments.tasks.deliver_digests", [digest_id]
        )
        assert outcomes == {digest_id: reminders.Outcome.RETRY}
        smtp_server.start()
        # The retry the task scheduled for itself, one second later, delivers it.
        wait_until(lambda: len(smtp_server.messages) == 1)
        run_through_worker(celery_worker, "commitments.tasks.deliver_pending")

    assert len(smtp_server.messages) == 1
    digest = Digest.objects.get()
    assert (digest.state, digest.attempts) == (Digest.State.SENT, 2)
    assert "ConnectionRefusedError" in digest.last_error


def test_it_is_harmless_to_send_the_same_digest_task_twice(celery_worker, smtp_server, contact):
    CommitmentFactory(ministry=contact.ministry, due_date=DUE)
    reminders.prepare_reminders()
    [digest_id] = reminders.deliverable_digest_ids()

    with celery_worker():
        first = run_through_worker(celery_worker, "commitments.tasks.deliver_digests", [digest_id])
        second = run_through_worker(celery_worker, "commitments.tasks.deliver_digests", [digest_id])

    assert first == {digest_id: reminders.Outcome.SENT}
    assert second == {digest_id: reminders.Outcome.NOT_CLAIMED}
    assert len(smtp_server.messages) == 1
    assert Commitment.objects.get().reminders.get().state == "sent"


def test_it_sends_a_batch_once_the_database_is_back_after_a_restart(
    celery_worker, smtp_server, contact, monkeypatch
):
    from django.db import OperationalError

    """Tried: PostgreSQL unreachable when the worker picks up a batch, back a moment later."""
    commitment = CommitmentFactory(ministry=contact.ministry, due_date=DUE)
    reminders.prepare_reminders()
    [digest] = Digest.objects.all()
    deliver = reminders.deliver_digests
    failures = []

    def deliver_after_a_restart(*, digest_ids):
        # What a worker meets while PostgreSQL restarts: the first attempt cannot connect.
        if not failures:
            failures.append(digest_ids)
            raise OperationalError("the database system is shutting down")
        return deliver(digest_ids=digest_ids)

    monkeypatch.setattr(reminders, "deliver_digests", deliver_after_a_restart)
    monkeypatch.setitem(tasks.deliver_digests.__dict__, "retry_backoff", False)
    with celery_worker():
        tasks.deliver_digests.delay([digest.pk])
        wait_until(lambda: len(smtp_server.messages) == 1)

    digest.refresh_from_db()
    assert failures == [[digest.pk]]
    assert digest.state == Digest.State.SENT
    assert commitment.number in smtp_server.messages[0].get_body(("plain",)).get_content()
