"""The real stack on this machine, all of it the fault suite's own: PostgreSQL, Redis, an SMTP
sink, Celery workers and beats, each a process the suite can kill, stop and start again.

PostgreSQL and Redis run on free ports from a temporary folder, never the machine's shared
servers, so restarting them disturbs nobody else's tests. Everything started here is stopped by
`Stack.close`, also when the test fails halfway.
"""

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis

from tests.mail import free_port

PROJECT = Path(__file__).resolve().parents[2]


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's newest PostgreSQL."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[4]))
    return Path(folders[-1]) if folders else None


def missing_binaries() -> list[str]:
    missing = [] if postgres_bin() else ["initdb and pg_ctl (PostgreSQL)"]
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        missing.append("runuser (initdb refuses to run as root)")
    return missing


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return f"({path.name}: no output)"
    return f"--- {path.name} ---\n" + "\n".join(
        path.read_text(errors="replace").splitlines()[-lines:]
    )


def wait_for(what: str, predicate, *, timeout: float, interval: float = 0.2, logs=()):
    """Poll `predicate` until it returns something true; name `what` and show logs if it never
    does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(
        f"{what}: not within {timeout:.0f} s\n" + "\n".join(tail(log) for log in logs)
    )


def stop_process(process: subprocess.Popen, *, sig=signal.SIGTERM, timeout: float = 15) -> None:
    """Stop a process and everything it started (its session), forcibly if it lingers."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            process.wait()
    # A prefork pool's children outlive a killed parent; they share its session.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def child_pids(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may hold spaces; the parent follows the state.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def has_connection_to(pid: int, port: int) -> bool:
    """Whether process `pid` holds an established TCP connection to 127.0.0.1:`port`."""
    try:
        inodes = {
            os.readlink(fd)[len("socket:[") : -1]
            for fd in Path(f"/proc/{pid}/fd").iterdir()
            if os.readlink(fd).startswith("socket:[")
        }
    except OSError:
        return False
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        remote_port = int(fields[2].split(":")[1], 16)
        if remote_port == port and fields[3] == "01" and fields[9] in inodes:
            return True
    return False


class Postgres:
    """A cluster of its own in `folder`, owned by the postgres user when the suite runs as root
    (initdb and the server refuse to run as root)."""

    def __init__(self, folder: Path):
        self.bin = postgres_bin()
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "server.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/tracker"

    def _run(self, *argv: str) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(
                f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}\n{tail(self.log)}"
            )

    def init(self) -> None:
        self.folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8"
        )
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tracker")

    def _options(self) -> str:
        # fsync off spares the machine's disk, which other engineers' tests share; the faults
        # here stop the server, never the machine, so nothing depends on it.
        return (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=200"
        )

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.log),
            "-w",
            "start",
        )

    def restart(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.log),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True, connect_timeout=3)


class Redis:
    """A Redis that keeps nothing on disk: restarting it empties it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.log = folder / "redis.log"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.folder),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)

        def answers():
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        wait_for("Redis answers", answers, timeout=15, logs=[self.log])

    def restart_empty(self) -> None:
        stop_process(self.process, sig=signal.SIGKILL)
        self.start()

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


class Stack:
    """The whole product on the suite's own services. Use as a context manager."""

    def __init__(self, folder: Path, *, sink_delay: float, env: dict[str, str]):
        self.folder = folder
        self.logs = folder / "logs"
        self.logs.mkdir()
        # The cluster's folder must be reachable by the postgres user.
        folder.chmod(0o755)
        self.postgres = Postgres(folder / "postgres")
        self.redis = Redis(folder)
        self.sink_port = free_port()
        self.sink_delay = sink_delay
        self.received = folder / "received.jsonl"
        self.received.touch()
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.sink_port}",
            "TRACKER_VAR_DIR": str(folder / "var"),
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.env.pop("CELERY_BROKER_URL", None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        for process in self.processes.values():
            stop_process(process)
        self.redis.stop()
        self.postgres.stop()

    def start_services(self) -> None:
        self.postgres.init()
        self.redis.start()

    def run(self, *argv: str, timeout: float = 300) -> str:
        """Run a command of the product in the stack's environment; return its output."""
        result = subprocess.run(
            [sys.executable, *argv],
            cwd=PROJECT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def outbox(self, *args: str) -> dict:
        return json.loads(self.run("-m", "tests.fault.outbox", *args))

    def spawn(self, name: str, *argv: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("a")
        process = subprocess.Popen(
            [sys.executable, *argv],
            cwd=PROJECT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes[name] = process
        return process

    def log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def start_sink(self) -> None:
        self.spawn(
            "sink",
            "-m",
            "tests.fault.sink",
            str(self.sink_port),
            str(self.received),
            str(self.sink_delay),
        )

        def answers():
            try:
                with socket.create_connection(("127.0.0.1", self.sink_port), timeout=1):
                    return True
            except OSError:
                return False

        wait_for("the SMTP sink answers", answers, timeout=15, logs=[self.log("sink")])

    def stop_sink(self) -> None:
        stop_process(self.processes.pop("sink"))

    def start_worker(self, name: str) -> None:
        self.spawn(
            name,
            "-m",
            "celery",
            "--app",
            "tracker",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "2",
            "--hostname",
            f"{name}@%h",
            "--loglevel",
            "INFO",
        )

    def start_beat(self, name: str) -> None:
        self.spawn(
            name,
            "-m",
            "celery",
            "--app",
            "tracker",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(self.folder / f"{name}-schedule"),
            "--pidfile",
            str(self.folder / f"{name}.pid"),
        )

    def wait_for_workers(self, *names: str) -> None:
        for name in names:
            wait_for(
                f"Celery worker {name} is ready",
                lambda name=name: "ready." in self.log(name).read_text(errors="replace"),
                timeout=90,
                logs=[self.log(name)],
            )

    def pool_children(self, name: str) -> list[int]:
        return child_pids(self.processes[name].pid)

    def received_count(self) -> int:
        with self.received.open("rb") as received:
            return sum(1 for _ in received)

    def receipts(self) -> list[dict]:
        return [json.loads(line) for line in self.received.read_text().splitlines() if line]

    def digest_states(self) -> dict[str, int] | None:
        """Digests per state, with 'sending' split by whether the lease still runs; None while
        the database cannot be reached (it may be restarting)."""
        try:
            with self.postgres.connect() as connection:
                rows = connection.execute(
                    """
                    SELECT CASE WHEN state = 'sending' AND lease_expires_at < now()
                                THEN 'in doubt' ELSE state END, count(*)
                    FROM commitments_digest GROUP BY 1
                    """
                ).fetchall()
        except psycopg.OperationalError:
            return None
        return dict(rows)
