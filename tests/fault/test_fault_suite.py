"""The fault suite: the real stack on this machine, while thousands of reminders are due, through
a killed worker process, an emptied Redis, a restarted PostgreSQL, an SMTP server gone for a
minute and a second beat. Every due reminder must arrive exactly once or be shown as in doubt.

Run alone with `pytest -m fault`; it writes its counts to RELIABILITY.md.
"""

import datetime
import os
import signal
import tempfile
import time
from pathlib import Path

import pytest
from celery import Celery

from tests.conftest import services_required
from tests.fault.report import SUMMARY, Fault, summary, tally, write_reliability
from tests.fault.stack import Stack, has_connection_to, missing_binaries, wait_for

pytestmark = pytest.mark.fault

MINISTRIES, CONTACTS, BACKGROUND = 25, 60, 4000
SINK_DELAY = 0.04
LEASE_SECONDS = 30
WORKERS = ["worker-1", "worker-2"]
# Short timings, so that a day's worth of retries, re-enqueueing and leases fits in minutes;
# small batches make many tasks, so that each fault finds some of them under way.
ENV = {
    "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
    "REMINDER_RETRY_BASE_SECONDS": "2",
    "REMINDER_RETRY_MAX_SECONDS": "15",
    "REMINDER_DELIVERY_BATCH_SIZE": "5",
    "REMINDER_RUN_CRON": "* * * * *",
    "DELIVERY_RETRY_CRON": "* * * * *",
    "OVERDUE_SWEEP_CRON": "* * * * *",
    "EMAIL_TIMEOUT": "5",
}
SINK_DOWN_SECONDS = 60
SETTLE_SECONDS = 240


@pytest.fixture
def stack():
    missing = missing_binaries()
    if missing:
        message = f"the fault suite needs {', '.join(missing)}"
        if services_required():
            pytest.fail(f"{message} (services are required here)")
        pytest.skip(message)
    with (
        tempfile.TemporaryDirectory(prefix="fault-suite-", ignore_cleanup_errors=True) as folder,
        Stack(Path(folder), sink_delay=SINK_DELAY, env=ENV) as stack,
    ):
        yield stack


class Faults:
    """Applies the faults one by one and notes each, with the outbox's state at that moment."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.started = time.monotonic()
        self.log: list[Fault] = []

    def note(self, what: str) -> None:
        """Called just before the fault, so its time and the outbox's state are those it met."""
        self.log.append(
            Fault(
                at=time.monotonic() - self.started,
                clock=datetime.datetime.now(datetime.UTC),
                what=what,
                digests=self.stack.digest_states() or {},
            )
        )

    def wait_until_sending(self) -> None:
        """Until the sink receives messages again: a fault that finds nothing under way tests
        nothing. After an emptied Redis this takes until beat hands the pending digests out
        again, at the next minute. The pool processes still hold at most one task each, so
        more messages than those could carry show that sending goes on from new tasks."""
        received = self.stack.received_count()
        in_hand = 2 * len(WORKERS) * int(ENV["REMINDER_DELIVERY_BATCH_SIZE"])
        wait_for(
            "sending under way again (if nothing was left to send, raise CONTACTS)",
            lambda: self.stack.received_count() >= received + 2 * in_hand,
            timeout=90,
        )

    def kill_a_pool_process_mid_send(self) -> None:
        def sending():
            for name in WORKERS:
                for pid in self.stack.pool_children(name):
                    if has_connection_to(pid, self.stack.sink_port):
                        return name, pid
            return None

        name, pid = wait_for(
            "a pool process holding an SMTP connection", sending, timeout=60, interval=0.01
        )
        self.note(f"SIGKILL to pool process {pid} of {name}, inside a send task")
        os.kill(pid, signal.SIGKILL)

    def restart_redis_empty(self) -> None:
        self.note("Redis killed and started again, empty")
        self.stack.redis.restart_empty()

    def restart_postgres(self) -> None:
        self.note("PostgreSQL restarted (pg_ctl restart -m fast)")
        self.stack.postgres.restart()

    def stop_sink(self) -> None:
        self.note("SMTP sink stopped")
        self.stack.stop_sink()

    def start_sink(self) -> None:
        self.note("SMTP sink started again on the same port")
        self.stack.start_sink()

    def start_second_beat(self) -> None:
        self.note("a second beat started beside the first, with its own schedule file")
        self.stack.start_beat("beat-2")


def start_reminder_run(stack: Stack) -> None:
    """Send the daily run's task as beat does: beat would do it only at the next minute."""
    app = Celery(broker=stack.redis.url)
    try:
        app.send_task("commitments.tasks.send_reminders")
    finally:
        app.close()


def wait_until_settled(stack: Stack) -> None:
    """Until nothing is pending and no lease runs: each digest is sent, failed, cancelled or in
    doubt."""

    def settled():
        states = stack.digest_states()
        return states is not None and not states.get("pending") and not states.get("sending")

    try:
        wait_for(
            "every digest sent, failed or in doubt",
            settled,
            timeout=SETTLE_SECONDS,
            interval=1,
            logs=[stack.log(name) for name in [*WORKERS, "beat-1", "beat-2", "sink"]],
        )
    except TimeoutError as error:
        pytest.fail(f"{error}\ndigests by state: {stack.digest_states()}")


def test_it_delivers_every_due_reminder_once_or_shows_it_in_doubt_through_faults(stack, request):
    started_at = datetime.datetime.now(datetime.UTC)
    started = time.monotonic()
    stack.start_services()
    stack.run("manage.py", "migrate", "--no-input")
    data = stack.outbox("generate", str(MINISTRIES), str(CONTACTS), str(BACKGROUND))
    stack.start_sink()
    for name in WORKERS:
        stack.start_worker(name)
    stack.start_beat("beat-1")
    stack.wait_for_workers(*WORKERS)

    faults = Faults(stack)
    start_reminder_run(stack)
    faults.wait_until_sending()
    faults.kill_a_pool_process_mid_send()
    faults.wait_until_sending()
    faults.restart_redis_empty()
    faults.wait_until_sending()
    faults.restart_postgres()
    faults.wait_until_sending()
    faults.stop_sink()
    assert faults.log[-1].digests.get("pending"), (
        "sending was over before the SMTP sink stopped: raise CONTACTS so the faults hit it"
    )
    time.sleep(10)
    faults.start_second_beat()
    time.sleep(SINK_DOWN_SECONDS - 10)
    faults.start_sink()
    wait_until_settled(stack)

    for name, process in stack.processes.items():
        assert process.poll() is None, (
            f"{name} ended during the run:\n{stack.log(name).read_text()}"
        )
    report = stack.outbox("report")
    result = tally(report=report, receipts=stack.receipts(), faults=faults.log, lease=LEASE_SECONDS)
    request.config.stash[SUMMARY] = summary(result, faults=faults.log, flagged=report["flagged"])
    write_reliability(
        tally=result,
        faults=faults.log,
        flagged=report["flagged"],
        setup={**data, "ministries": MINISTRIES, "sink_delay": SINK_DELAY},
        command=command(request),
        seconds=time.monotonic() - started,
        started=started_at,
    )

    assert not result.unknown, (
        f"the sink received commitments no reminder was for: {result.unknown}"
    )
    assert not result.duplicates, f"reminders delivered more than once: {sorted(result.duplicates)}"
    lost = [r for r in report["reminders"] if r["id"] in result.lost]
    assert not lost, f"{len(lost)} reminders neither delivered nor in doubt, e.g. {lost[:10]}"
    flagged_twice = {pk: times for pk, times in report["flagged"].items() if times > 1}
    assert not flagged_twice, f"commitments flagged overdue more than once: {flagged_twice}"
    assert len(report["flagged"]) == data["overdue"] == report["overdue_now"]


def command(request) -> str:
    prefix = "CI=true " if os.environ.get("CI") else ""
    return f"{prefix}python -m pytest {' '.join(request.config.invocation_params.args)}".strip()
