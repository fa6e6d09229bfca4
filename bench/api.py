"""Benchmark: the API's first page against a page 10,000 pages deep, at 10^6 commitments.

Run with `make bench-api` (PostgreSQL and Redis must be up). It generates the data, starts
gunicorn and lets 4 clients request the first page of /api/commitments/ and then the page that
lies 10,000 pages further (reached through a cursor, as a client following `next` would), with
the default page size of 50. Latency is server-side from gunicorn's access log; the number of
queries per request is counted in-process for both. Results replace the API section of
BENCHMARKS.md.
"""

import argparse
import base64
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import data, report, serving  # noqa: E402
from commitments.api.pagination import StableCursorPagination  # noqa: E402
from commitments.overdue import flag_overdue  # noqa: E402
from tests.mail import free_port  # noqa: E402

CLIENTS = 4
DEPTH = 10_000


def deep_cursor(pages: int) -> str:
    """The cursor a client holds after following `next` `pages` times: the position is the
    primary key of the last row it saw, newest first."""
    offset = pages * StableCursorPagination.page_size
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM commitments_commitment ORDER BY id DESC OFFSET %s LIMIT 1", [offset]
        )
        (position,) = cursor.fetchone()
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def queries_for(path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.content[:200]
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per client per page")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    data.reset()
    data.generate(commitments=args.size)
    flag_overdue()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    depth = min(DEPTH, args.size // StableCursorPagination.page_size - 1)
    pages = {
        "first page": "/api/commitments/",
        f"{depth:,} pages deep": f"/api/commitments/?{urlencode({'cursor': deep_cursor(depth)})}",
    }
    results = {name: {"queries": queries_for(path)} for name, path in pages.items()}
    # The clients are anonymous; the benchmark measures the server, not the throttle.
    os.environ["API_ANON_RATE"] = "1000000/minute"
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "access.log"
        server = serving.start_server(port, log)
        try:
            for name, path in pages.items():
                serving.load(port, [path], clients=CLIENTS, requests_per_client=5)
                before = len(log.read_text().splitlines())
                throughput = serving.load(
                    port, [path], clients=CLIENTS, requests_per_client=args.requests
                )
                times = serving.server_times(log, before)
                results[name].update(
                    p50_ms=serving.percentile(times, 0.50),
                    p95_ms=serving.percentile(times, 0.95),
                    per_s=throughput,
                    requests=len(times),
                )
        finally:
            server.terminate()
            server.wait()
    print(results, flush=True)

    first, deep = results.values()
    lines = [
        "## API: cursor pages",
        "",
        f"Measured {report.today()} with `make bench-api` on {report.versions()}.",
        "",
        f"{args.size:,} commitments; gunicorn with 4 worker processes; {CLIENTS} concurrent "
        "clients; /api/commitments/ with the default page size "
        f"({settings.REST_FRAMEWORK.get('PAGE_SIZE') or StableCursorPagination.page_size}); "
        "latency server-side from gunicorn's access log (target: p95 under 60 ms for both, "
        "and within 2x of each other; queries per request the same).",
        "",
        "| page | requests | p50 | p95 | requests/s | queries per request |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['requests']} | {r['p50_ms']:.1f} ms | {r['p95_ms']:.1f} ms "
            f"| {r['per_s']:.0f} | {r['queries']} |"
        )
    lines.append("")
    lines.append(f"p95 deep / first: {deep['p95_ms'] / first['p95_ms']:.2f}x.")
    report.replace_section("api", "\n".join(lines))


if __name__ == "__main__":
    main()
