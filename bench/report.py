"""BENCHMARKS.md: each benchmark rewrites its own section and leaves the others as they are."""

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


def replace_section(name: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body}\n{end}"
    text = BENCHMARKS.read_text() if BENCHMARKS.exists() else "# Benchmarks\n"
    if start in text:
        text = re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text)
