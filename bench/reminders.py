"""Benchmark: the overdue sweep and the reminder digests at 10^4, 10^5 and 10^6 commitments.

Run with `make bench-reminders` (PostgreSQL and Redis must be up). For each size it generates the
data, then measures:
- the sweep (flag_overdue) against the same UPDATE run as raw SQL in psql, and against the
  sweep's own statement (UPDATE plus audit INSERT) run in psql, with the sweep's query count;
- a steady-state reminder day: everything overdue was reminded yesterday; today's run queues and
  bundles what is new and delivers the digests to a local SMTP sink (aiosmtpd, own process),
  which counts what it receives: digests per second from claim to the sink's answer.
Results replace the reminders section of BENCHMARKS.md.
"""

import argparse
import datetime
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import data, report, serving  # noqa: E402
from commitments.models import Digest, Reminder  # noqa: E402
from commitments.models.commitments import open_sql  # noqa: E402
from commitments.services import overdue, reminders  # noqa: E402
from commitments.tasks import send_reminders  # noqa: E402
from tests.mail import free_port  # noqa: E402
from tracker.celery import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def psql_ms(sql: str) -> float:
    """Run `sql` in psql against the benchmark database and return its server time in ms."""
    db = settings.DATABASES["default"]
    result = subprocess.run(
        [
            "psql",
            "-X",
            "-q",
            "-h",
            db["HOST"] or "127.0.0.1",
            "-p",
            str(db["PORT"] or 5432),
            "-U",
            db["USER"],
            "-d",
            db["NAME"],
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            "\\timing on",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.search(r"Time: ([\d.]+) ms", result.stdout)[1])


def unflag() -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE commitments_commitment SET overdue_since = NULL")
        cursor.execute("TRUNCATE commitments_historicalcommitment")
        cursor.execute("VACUUM ANALYZE commitments_commitment")
        cursor.execute("VACUUM ANALYZE commitments_historicalcommitment")


def bare_update_sql(today: datetime.date) -> str:
    return (
        "UPDATE commitments_commitment AS c SET overdue_since = c.due_date + 1 "
        f"WHERE {open_sql('c')} AND c.due_date < DATE '{today}' "
        "AND (c.overdue_since IS NULL OR c.overdue_since <> c.due_date + 1)"
    )


def measure_sweep(today: datetime.date) -> dict:
    unflag()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = overdue.flag_overdue(today=today)
        sweep_ms = (time.perf_counter() - started) * 1000
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    statement = next(sql for sql in statements if "WITH changed" in sql)
    unflag()
    bare_ms = psql_ms(bare_update_sql(today))
    unflag()
    same_ms = psql_ms(statement)
    # Leave the data flagged and analysed (as autovacuum would), as the reminder day expects.
    unflag()
    overdue.flag_overdue(today=today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "flagged": result.flagged,
        "sweep_ms": sweep_ms,
        "bare_update_ms": bare_ms,
        "same_statement_ms": same_ms,
        "queries": len(statements),
    }


def use_sink(port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def _sender(results) -> None:
    connection.close()
    results.put(reminders.deliver_pending(now=timezone.now()).get(reminders.Outcome.SENT, 0))


def deliver(sink_log: Path, *, senders: int = 1) -> dict:
    """Deliver what is due with `senders` processes side by side (as Celery's worker pool does);
    their claims keep them from sending the same digest."""
    received_before = len(sink_log.read_text().splitlines())
    connection.close()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_sender, args=(results,)) for _ in range(senders)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    sent = sum(results.get() for _ in processes)
    seconds = time.perf_counter() - started
    for process in processes:
        process.join()
    return {
        "sent": sent,
        "received": len(sink_log.read_text().splitlines()) - received_before,
        "digests_per_s": sent / seconds if seconds else 0.0,
    }


def measure_throughput(today: datetime.date, sink_log: Path, *, digests: int, senders: int) -> dict:
    """`digests` digests of three overdue commitments each, to as many contacts, delivered."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE commitments_reminder, commitments_digest RESTART IDENTITY")
        cursor.execute("DELETE FROM commitments_contact WHERE email LIKE 'bench%%'")
        cursor.execute(
            """
            INSERT INTO commitments_contact (ministry_id, name, email, is_senior, is_active)
            SELECT 1 + g %% (SELECT count(*) FROM commitments_ministry), 'Bench ' || g,
                   'bench' || g || '@example.org', false, true
            FROM generate_series(1, %s) AS g
            """,
            [digests],
        )
        cursor.execute(
            """
            INSERT INTO commitments_digest
                (contact_id, kind, day, state, attempts, next_attempt_at, last_error, created_at)
            SELECT id, 'reminders', %s, 'pending', 0, now(), '', now()
            FROM commitments_contact WHERE email LIKE 'bench%%'
            """,
            [today],
        )
        cursor.execute(
            """
            INSERT INTO commitments_reminder (contact_id, commitment_id, kind, due_date,
                scheduled_for, state, digest_id, created_on)
            SELECT d.contact_id, c.id, 'overdue', c.due_date, c.overdue_since, 'pending',
                   d.id, %s
            FROM commitments_digest AS d
            JOIN commitments_contact AS ct ON ct.id = d.contact_id
            JOIN (
                SELECT id, ministry_id, due_date, overdue_since,
                       row_number() OVER (PARTITION BY ministry_id ORDER BY id) AS position
                FROM commitments_commitment WHERE overdue_since IS NOT NULL
            ) AS c ON c.ministry_id = ct.ministry_id AND c.position <= 3
            """,
            [today],
        )
        cursor.execute("ANALYZE")
    return {"digests": digests, "senders": senders, **deliver(sink_log, senders=senders)}


def remind_yesterday(today: datetime.date) -> None:
    """The state a reminder day starts from: yesterday's run reminded everything then overdue."""
    yesterday = today - datetime.timedelta(days=1)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE commitments_reminder, commitments_digest RESTART IDENTITY")
    reminders.queue_reminders(today=yesterday)
    Reminder.objects.update(state=Reminder.State.SENT, created_on=yesterday)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE commitments_reminder")


def measure_worker(today: datetime.date, sink_port: int) -> dict:
    """The reminder day as production runs it: beat's task through a real Celery worker
    (prefork, two processes, on Redis), delivering to the sink; then the peak memory of the
    worker's processes."""
    remind_yesterday(today)
    app.control.purge()
    worker = subprocess.Popen(
        [
            *[sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", "prefork"],
            *["--concurrency", "2", "--loglevel", "WARNING", "-n", "bench@%h"],
        ],
        cwd=ROOT,
        env={**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{sink_port}"},
        stdout=subprocess.DEVNULL,
    )
    try:
        started = time.perf_counter()
        send_reminders.delay()
        while (
            not Digest.objects.exists()
            or Digest.objects.filter(
                state__in=[Digest.State.PENDING, Digest.State.SENDING]
            ).exists()
        ):
            if time.perf_counter() - started > 900:
                raise RuntimeError("the worker did not deliver the day's digests in 15 minutes")
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        processes = [worker.pid, *serving.children(worker.pid)]
        return {
            "digests": Digest.objects.filter(state=Digest.State.SENT).count(),
            "seconds": seconds,
            "peak_mb": max(serving.peak_memory_mb(pid) for pid in processes),
        }
    finally:
        worker.terminate()
        worker.wait()


def measure_reminder_day(today: datetime.date, sink_log: Path) -> dict:
    """Yesterday's run reminded everything already overdue; today's run sends what is new."""
    remind_yesterday(today)

    started = time.perf_counter()
    run = reminders.prepare_reminders(today=today)
    prepare_ms = (time.perf_counter() - started) * 1000

    return {
        "queued": run.queued,
        "prepare_ms": prepare_ms,
        "digests": Digest.objects.count(),
        **deliver(sink_log),
    }


def write(results: dict[int, dict], command: str) -> None:
    lines = [
        "## Overdue sweep and reminder digests",
        "",
        f"Measured {report.today()} with `{command}` on {report.versions()}.",
        "",
        "Sweep: `flag_overdue` (UPDATE that claims the rows plus one audit row each, in one "
        "statement) against the bare UPDATE without audit rows in psql (target: within 1.5x), "
        "and against the sweep's own statement in psql (the cost of Django around it).",
        "",
        "| commitments | flagged | sweep | bare UPDATE in psql | ratio | same statement in psql "
        "| queries |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        s = r["sweep"]
        ratio = s["sweep_ms"] / s["bare_update_ms"]
        lines.append(
            f"| {size:,} | {s['flagged']:,} | {s['sweep_ms']:.0f} ms "
            f"| {s['bare_update_ms']:.0f} ms | {ratio:.2f}x "
            f"| {s['same_statement_ms']:.0f} ms | {s['queries']} |"
        )
    lines += [
        "",
        "Reminder day, steady state (yesterday's run reminded everything then overdue): the "
        "run that flags, queues and bundles, then delivery of that day's digests.",
        "",
        "| commitments | reminders queued | prepare | digests | delivered (sink count) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        d = r["day"]
        lines.append(
            f"| {size:,} | {d['queued']:,} | {d['prepare_ms']:.0f} ms | {d['digests']:,} "
            f"| {d['sent']:,} ({d['received']:,}) |"
        )
    lines += [
        "",
        "The same day as production runs it: beat's task through a real Celery worker "
        "(prefork, two processes, on Redis) that prepares the day and delivers its digests to "
        "the sink, and the peak resident memory of the worker's busiest process.",
        "",
        "| commitments | digests delivered | from task to last digest sent | worker peak |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        w = r["worker"]
        lines.append(
            f"| {size:,} | {w['digests']:,} | {w['seconds']:.1f} s | {w['peak_mb']:.0f} MB |"
        )
    lines += [
        "",
        "Delivery throughput: digests of three overdue commitments each, to as many contacts, "
        "each claimed, rendered (text and HTML), sent to an aiosmtpd sink in its own process "
        "that counts them, and recorded as sent; by one sender process, and by two side by "
        "side as a Celery worker with two processes does on this machine's two cores "
        "(target: 200 digests/s or more).",
        "",
        "| commitments | digests | senders | delivered (sink count) | digests/s |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        for t in r["throughput"]:
            lines.append(
                f"| {size:,} | {t['digests']:,} | {t['senders']} "
                f"| {t['sent']:,} ({t['received']:,}) | {t['digests_per_s']:.0f} |"
            )
    report.replace_section("reminders", "\n".join(lines))
    report.save("reminders", results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--digests", type=int, default=2000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        sink_log = Path(folder) / "received"
        sink_log.touch()
        sink_command = ["-n", "-l", f"127.0.0.1:{port}", "-c", "bench.smtp_sink.CountingSink"]
        sink = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", *sink_command, str(sink_log)],
            cwd=Path(__file__).resolve().parent.parent,
            stdout=subprocess.DEVNULL,
        )
        time.sleep(1)
        use_sink(port)
        try:
            results = {}
            today = timezone.localdate()
            for size in args.sizes:
                data.reset()
                started = time.perf_counter()
                data.generate(commitments=size)
                print(f"{size:,} commitments generated in {time.perf_counter() - started:.1f} s")
                results[size] = {
                    "sweep": measure_sweep(today),
                    "day": measure_reminder_day(today, sink_log),
                    "worker": measure_worker(today, port),
                    "throughput": [
                        measure_throughput(today, sink_log, digests=args.digests, senders=senders)
                        for senders in (1, 2)
                    ],
                }
                print(size, results[size], flush=True)
        finally:
            sink.terminate()
            sink.wait()
    write(results, "make bench-reminders")


if __name__ == "__main__":
    main()
