"""Serving the app for load benchmarks: gunicorn with an access log of server-side times, and
concurrent keep-alive clients."""

import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(
    port: int,
    paths: list[str],
    *,
    clients: int,
    requests_per_client: int,
    headers: dict[str, str] | None = None,
) -> float:
    """`clients` clients, each on its own keep-alive connection; returns requests per second."""
    errors = []

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(requests_per_client):
            connection.request("GET", random.choice(paths), headers=headers or {})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} requests failed: {sorted(set(errors))}")
    return clients * requests_per_client / (time.perf_counter() - started)


def server_times(log: Path, since_line: int) -> list[float]:
    """Milliseconds per request from gunicorn's access log, after line `since_line`."""
    lines = log.read_text().splitlines()[since_line:]
    return [int(line.split()[-1]) / 1000 for line in lines if line.strip()]


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1]


def start_server(port: int, log: Path, *, workers: int = 4) -> subprocess.Popen:
    """gunicorn serving the product plus the benchmark's constant page (bench.settings)."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--workers",
            str(workers),
            # Exporting every commitment streams for longer than gunicorn's default 30 s.
            "--timeout",
            "600",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            # The clients are anonymous; the benchmark measures the server, not the throttle.
            "API_ANON_RATE": "1000000/minute",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def peak_memory_mb(pid: int) -> float:
    """The most memory (resident set) process `pid` has held since it started, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = int(
        next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]
    )
    return kilobytes / 1024


def children(pid: int) -> list[int]:
    """The direct children of process `pid` (gunicorn's or Celery's worker processes)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found
