"""Benchmark: dashboard latency under 8 concurrent clients at 10^5 and 10^6 commitments.

Run with `make bench-dashboard` (PostgreSQL and Redis must be up). For each size it generates
the data, starts gunicorn (4 worker processes, the overview cache in Redis) and lets 8 client
threads request one kind of page at a time: the overview, a filtered list page and a
commitment's page. Latency is taken server-side from gunicorn's access log (request time in
microseconds), so the client's own work does not count. Results replace the dashboard section
of BENCHMARKS.md.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import data, report, serving  # noqa: E402
from commitments.overdue import flag_overdue  # noqa: E402
from tests.mail import free_port  # noqa: E402

CLIENTS = 8


def page_paths(count: int) -> dict[str, list[str]]:
    """Paths per kind of page, drawn from the generated data."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT number FROM commitments_commitment ORDER BY random() LIMIT %s", [count]
        )
        numbers = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT abbreviation FROM commitments_ministry ORDER BY random() LIMIT 20")
        ministries = [row[0] for row in cursor.fetchall()]
    return {
        "overview": ["/"],
        "filtered list": [f"/commitments/?ministry={m}&status=open" for m in ministries]
        + ["/commitments/?overdue=true", "/commitments/?o=-due_date"],
        "commitment": [f"/commitments/{number}/" for number in numbers],
    }


def measure(port: int, log: Path, *, requests_per_client: int) -> dict:
    results = {}
    for kind, paths in page_paths(200).items():
        serving.load(
            port, paths, clients=CLIENTS, requests_per_client=3
        )  # warm up each worker's connections and caches
        before = len(log.read_text().splitlines())
        throughput = serving.load(
            port, paths, clients=CLIENTS, requests_per_client=requests_per_client
        )
        times = serving.server_times(log, before)
        results[kind] = {
            "requests": len(times),
            "p50_ms": serving.percentile(times, 0.50),
            "p95_ms": serving.percentile(times, 0.95),
            "per_s": throughput,
        }
    return results


def write(results: dict[int, dict], command: str) -> None:
    lines = [
        "## Dashboard under load",
        "",
        f"Measured {report.today()} with `{command}` on {report.versions()}.",
        "",
        f"gunicorn with 4 worker processes; {CLIENTS} concurrent clients on keep-alive "
        "connections, each kind of page in turn; latency server-side from gunicorn's access log "
        "(target: p95 under 150 ms for each). The overview's register-wide counts are cached "
        f"for {settings.DASHBOARD_CACHE_SECONDS} s in Redis; the filtered list mixes ministry "
        "and status filters, the overdue filter and sorting by due date.",
        "",
        "| commitments | page | requests | p50 | p95 | requests/s |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size, kinds in results.items():
        for kind, r in kinds.items():
            lines.append(
                f"| {size:,} | {kind} | {r['requests']} | {r['p50_ms']:.1f} ms "
                f"| {r['p95_ms']:.1f} ms | {r['per_s']:.0f} |"
            )
    report.replace_section("dashboard", "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=50, help="requests per client per page")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        sys.exit("The benchmark runs on PostgreSQL and Redis: set DATABASE_URL and REDIS_URL.")
    call_command("migrate", verbosity=0)

    results = {}
    for size in args.sizes:
        data.reset()
        data.generate(commitments=size)
        flag_overdue()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        port = free_port()
        with tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "access.log"
            server = serving.start_server(port, log)
            try:
                results[size] = measure(port, log, requests_per_client=args.requests)
            finally:
                server.terminate()
                server.wait()
        print(size, results[size], flush=True)
    write(results, "make bench-dashboard")


if __name__ == "__main__":
    main()
