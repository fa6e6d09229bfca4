"""BENCHMARKS.md: each benchmark rewrites its own section and leaves the others as they are."""

import json
import os
import platform
import re
from pathlib import Path

import django
from django.db import connection
from django.utils import timezone

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def today() -> str:
    return timezone.localdate().isoformat()


def versions() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {postgres.split()[0]}, {os.cpu_count()} cores, {platform.machine()}"
    )


def replace_section(name: str, body: str, *, first: bool = False) -> None:
    """Puts `body` in the section `name`, where it was, or else at the end (or, for the summary,
    right under the title)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body}\n{end}"
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else "# Benchmarks\n"
    if start in text:
        text = re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: section, text, flags=re.S)
    elif first:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{section}\n{rest}"
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text)


RESULTS = Path(__file__).resolve().parent.parent / "var" / "bench"


def save(name: str, results: dict) -> None:
    """Keeps a benchmark's figures for the summary at the top of BENCHMARKS.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=1, default=str))


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None
