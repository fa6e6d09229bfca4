"""Benchmark: every kind of page under 8 concurrent clients, beside the framework's own floor.

Run with `make bench-web` (PostgreSQL and Redis must be up). For each size (10^4, 10^5 and
10^6 commitments by default) it generates the data, flags what is overdue and starts gunicorn
(4 worker processes, the overview's cache in Redis). 8 client threads on keep-alive connections
then request one kind of page at a time:

- the floor: a view that returns a constant page, served by the same gunicorn through the same
  middleware (bench/urls.py), which is what the framework costs before the product does anything;
- the dashboard: the overview, a filtered list page, a search, a commitment's page;
- the API: its first page of commitments and a page 10,000 pages deep (through the cursor a
  client following `next` would hold);
- the admin as a signed-in clerk: the commitment list as it opens, with standard filters, and
  with a search.

Latency is server-side, from gunicorn's access log, so the clients' own work does not count. The
admin's queries are run once more in-process and each is explained: the table says whether any
reads a whole table (a sequential scan over the commitments or their search documents). Then the
peak memory of the web workers, and an export of every commitment as CSV by one worker, whose
peak memory shows whether it streams. Results replace the web section of BENCHMARKS.md.
"""

import argparse
import base64
import http.client
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import data, report, serving  # noqa: E402
from commitments.api.pagination import StableCursorPagination  # noqa: E402
from commitments.services.overdue import flag_overdue  # noqa: E402
from tests.mail import free_port  # noqa: E402

CLIENTS = 8
DEPTH = 10_000
ADMIN_LIST = "/admin/commitments/commitment/"
SEARCH_WORDS = ["stikstof", "woningbouw", "jeugdzorg", "netcongestie", "drinkwater"]


def clerk_session() -> str:
    """A signed-in clerk's session key, as the browser of a clerk would send it."""
    clerk, _ = User.objects.get_or_create(username="bench-clerk", defaults={"is_staff": True})
    clerk.groups.add(Group.objects.get(name="Clerks"))
    session = SessionStore()
    session[SESSION_KEY] = str(clerk.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = clerk.get_session_auth_hash()
    session.create()
    return session.session_key


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


def page_paths(size: int) -> dict[str, tuple[str, list[str]]]:
    """Per kind of page, who asks (a reader or a clerk) and the paths, from the generated data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM commitments_commitment ORDER BY random() LIMIT 200")
        numbers = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT id, abbreviation FROM commitments_ministry ORDER BY random() LIMIT 20"
        )
        ministries = cursor.fetchall()
    depth = min(DEPTH, size // StableCursorPagination.page_size - 1)
    return {
        "floor (constant page)": ("reader", ["/bench/constant/"]),
        "dashboard overview": ("reader", ["/"]),
        "dashboard filtered list": (
            "reader",
            [f"/commitments/?ministry={abbreviation}&status=open" for _, abbreviation in ministries]
            + ["/commitments/?overdue=true", "/commitments/?o=-due_date"],
        ),
        "dashboard search": ("reader", [f"/commitments/?q={word}" for word in SEARCH_WORDS]),
        "dashboard commitment": ("reader", [f"/commitments/{number}/" for number in numbers]),
        "API first page": ("reader", ["/api/commitments/"]),
        f"API {depth:,} pages deep": (
            "reader",
            [f"/api/commitments/?{urlencode({'cursor': deep_cursor(depth)})}"],
        ),
        "admin list": ("clerk", [ADMIN_LIST]),
        "admin list, filtered": (
            "clerk",
            [f"{ADMIN_LIST}?status__exact=open&ministry__id__exact={pk}" for pk, _ in ministries]
            + [f"{ADMIN_LIST}?overdue=yes", f"{ADMIN_LIST}?due=none", f"{ADMIN_LIST}?due=past"],
        ),
        "admin search": (
            "clerk",
            [f"{ADMIN_LIST}?q={word}" for word in SEARCH_WORDS]
            + [f"{ADMIN_LIST}?q={number[:8]}" for number in numbers[:5]],
        ),
    }


def whole_table_reads(paths: list[str], session_key: str) -> tuple[int, list[str]]:
    """Runs each admin page in-process, explains every query it sends to PostgreSQL and names
    the ones whose plan reads a whole commitment table; returns the most queries of one page."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    most, found = 0, []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (path, response.status_code)
        most = max(most, len(captured.captured_queries))
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            for table in ("commitments_commitment ", "commitments_commitmentsearch "):
                if f"Seq Scan on {table}" in plan:
                    found.append(f"{path}: {sql[:120]}")
    return most, found


def measure_pages(port: int, log: Path, paths, session_key: str, requests: int) -> dict:
    results = {}
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"}
    for kind, (who, kind_paths) in paths.items():
        headers = cookie if who == "clerk" else None
        # Warm up each worker's connections and caches.
        serving.load(port, kind_paths, clients=CLIENTS, requests_per_client=3, headers=headers)
        before = len(log.read_text().splitlines())
        throughput = serving.load(
            port, kind_paths, clients=CLIENTS, requests_per_client=requests, headers=headers
        )
        times = serving.server_times(log, before)
        results[kind] = {
            "requests": len(times),
            "p50_ms": serving.percentile(times, 0.50),
            "p95_ms": serving.percentile(times, 0.95),
            "per_s": throughput,
        }
        print(kind, results[kind], flush=True)
    return results


def measure_csv_export(port: int, log: Path) -> dict:
    """One worker streams every commitment as CSV; its peak memory says whether it streamed."""
    server = serving.start_server(port, log, workers=1)
    try:
        # gunicorn answers on its socket before its worker has forked.
        while not serving.children(server.pid):
            time.sleep(0.1)
        (worker,) = serving.children(server.pid)
        before_mb = serving.peak_memory_mb(worker)
        connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        started = time.perf_counter()
        connection_.request("GET", "/commitments.csv")
        response = connection_.getresponse()
        rows = size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            rows += chunk.count(b"\n")
        seconds = time.perf_counter() - started
        assert response.status == 200, response.status
        return {
            "rows": rows - 1,
            "mb": size / 1e6,
            "seconds": seconds,
            "idle_peak_mb": before_mb,
            "peak_mb": serving.peak_memory_mb(worker),
        }
    finally:
        server.terminate()
        server.wait()


def measure_size(size: int, requests: int) -> dict:
    data.reset()
    started = time.perf_counter()
    data.generate(commitments=size)
    generated_s = time.perf_counter() - started
    flag_overdue()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"{size:,} commitments generated in {generated_s:.1f} s", flush=True)
    session_key = clerk_session()
    paths = page_paths(size)
    admin_queries, scans = whole_table_reads(
        [path for who, kind_paths in paths.values() if who == "clerk" for path in kind_paths],
        session_key,
    )
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "access.log"
        server = serving.start_server(port, log)
        try:
            pages = measure_pages(port, log, paths, session_key, requests)
            web_peak_mb = max(serving.peak_memory_mb(pid) for pid in serving.children(server.pid))
        finally:
            server.terminate()
            server.wait()
        export = measure_csv_export(free_port(), Path(folder) / "export.log")
    print(size, export, flush=True)
    return {
        "generated_s": generated_s,
        "pages": pages,
        "admin_queries": admin_queries,
        "whole_table_reads": scans,
        "web_peak_mb": web_peak_mb,
        "csv": export,
    }


def write(results: dict[int, dict], command: str) -> None:
    lines = [
        "## Pages under load: dashboard, API and admin",
        "",
        f"Measured {report.today()} with `{command}` on {report.versions()}.",
        "",
        f"gunicorn with 4 worker processes; {CLIENTS} concurrent clients on keep-alive "
        "connections, each kind of page in turn; latency server-side from gunicorn's access log. "
        "The floor is a view returning a constant page on the same server, through the same "
        "middleware. Targets at 10^6: dashboard p95 under 150 ms and within 5x of the floor, "
        "API p95 under 60 ms, admin p95 under 300 ms. The overview's register-wide figures are "
        f"cached for {settings.DASHBOARD_CACHE_SECONDS} s in Redis (the page says as of when); "
        "the filtered list mixes ministry and status filters, the overdue filter and sorting by "
        "due date; the searches look for one subject among forty (2.5% of the register) and, in "
        "the admin, for numbers by their first eight characters.",
        "",
        "| commitments | page | requests | p50 | p95 | p95 / floor p95 | requests/s |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        floor = r["pages"]["floor (constant page)"]["p95_ms"]
        for kind, page in r["pages"].items():
            lines.append(
                f"| {size:,} | {kind} | {page['requests']} | {page['p50_ms']:.1f} ms "
                f"| {page['p95_ms']:.1f} ms | {page['p95_ms'] / floor:.1f}x "
                f"| {page['per_s']:.0f} |"
            )
    lines += [
        "",
        "The admin's plans (every query of every admin page above, explained) and memory: the "
        "peak resident memory of the busiest web worker after all of the above, and an export "
        "of every commitment as CSV (`/commitments.csv`, no filter) by a fresh worker of its "
        "own (target: under 200 MB at 10^6).",
        "",
        "| commitments | data generated in | admin queries per page (most) "
        "| admin queries reading a whole table | web worker peak | CSV rows | CSV size "
        "| CSV time | CSV worker peak |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in results.items():
        csv = r["csv"]
        lines.append(
            f"| {size:,} | {r['generated_s']:.0f} s | {r['admin_queries']} "
            f"| {len(r['whole_table_reads'])} | {r['web_peak_mb']:.0f} MB | {csv['rows']:,} "
            f"| {csv['mb']:.0f} MB | {csv['seconds']:.1f} s | {csv['peak_mb']:.0f} MB |"
        )
    scans = sorted({read for r in results.values() for read in r["whole_table_reads"]})
    if scans:
        lines += ["", "Queries that read a whole table:", ""]
        lines += [f"- `{read}`" for read in scans]
    report.replace_section("web", "\n".join(lines))
    report.save("web", results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=40, help="requests per client per page")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        sys.exit("The benchmark runs on PostgreSQL and Redis: set DATABASE_URL and REDIS_URL.")
    call_command("migrate", verbosity=0)
    results = {size: measure_size(size, args.requests) for size in args.sizes}
    write(results, "make bench-web")


if __name__ == "__main__":
    main()
