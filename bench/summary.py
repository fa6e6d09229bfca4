"""The top of BENCHMARKS.md: the machine, the versions, the command, and every target at 10^6
beside what was measured in the same run and its limit, met or missed by how much.

`make bench` runs it last; it reads what the benchmarks before it kept in var/bench/.
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

import celery  # noqa: E402
import gunicorn  # noqa: E402

from bench import report  # noqa: E402

MILLION = "1000000"


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{model}, {os.cpu_count()} cores, {memory_kb / 1024**2:.0f} GiB, {platform.system()}"


def redis_version() -> str:
    result = subprocess.run(["redis-server", "--version"], capture_output=True, text=True)
    return next((part[2:] for part in result.stdout.split() if part.startswith("v=")), "?")


def verdict(value: float, limit: float, *, lower_is_better: bool = True) -> str:
    met = value <= limit if lower_is_better else value >= limit
    if met:
        return "met"
    ratio = value / limit if lower_is_better else limit / value
    return f"**missed** by {ratio:.2f}x"


def rows() -> list[str]:
    found = []
    reminders, web = report.load("reminders"), report.load("web")
    if reminders and MILLION in reminders:
        sweep = reminders[MILLION]["sweep"]
        ratio = sweep["sweep_ms"] / sweep["bare_update_ms"]
        found.append(
            f"| overdue sweep | {sweep['sweep_ms'] / 1000:.1f} s | same UPDATE as raw SQL "
            f"{sweep['bare_update_ms'] / 1000:.1f} s | within 1.5x: {ratio:.2f}x "
            f"| {verdict(ratio, 1.5)} |"
        )
        throughput = max(t["digests_per_s"] for t in reminders[MILLION]["throughput"])
        found.append(
            f"| reminder digests into a local SMTP sink | {throughput:.0f}/s | 200/s "
            f"| 200/s or more | {verdict(throughput, 200, lower_is_better=False)} |"
        )
        worker = reminders[MILLION]["worker"]["peak_mb"]
        found.append(f"| Celery worker peak memory (reminder day) | {worker:.0f} MB | | | |")
    if web and MILLION in web:
        pages = web[MILLION]["pages"]
        floor = pages["floor (constant page)"]["p95_ms"]
        for kind, page in pages.items():
            p95 = page["p95_ms"]
            if kind.startswith("admin"):
                found.append(
                    f"| {kind}, p95 | {p95:.0f} ms | floor {floor:.1f} ms | under 300 ms "
                    f"| {verdict(p95, 300)} |"
                )
            elif kind.startswith("dashboard"):
                both = max(p95 / 150, (p95 / floor) / 5)
                result = "met" if both <= 1 else f"**missed** by {both:.2f}x"
                found.append(
                    f"| {kind}, p95 | {p95:.0f} ms | floor {floor:.1f} ms ({p95 / floor:.1f}x) "
                    f"| under 150 ms and within 5x of the floor | {result} |"
                )
            elif kind.startswith("API"):
                found.append(
                    f"| {kind}, p95 | {p95:.0f} ms | floor {floor:.1f} ms | under 60 ms "
                    f"| {verdict(p95, 60)} |"
                )
        csv = web[MILLION]["csv"]
        found.append(
            f"| CSV export of {csv['rows']:,} rows, peak memory | {csv['peak_mb']:.0f} MB "
            f"| idle worker {csv['idle_peak_mb']:.0f} MB | under 200 MB "
            f"| {verdict(csv['peak_mb'], 200)} |"
        )
        found.append(
            f"| web worker peak memory (all pages above) | {web[MILLION]['web_peak_mb']:.0f} MB "
            "| | | |"
        )
    extraction, tk = report.load("extraction"), report.load("tk-import")
    if extraction:
        found.append(
            f"| letters through the extractor | {extraction['letters_per_s']:.0f}/s | | | |"
        )
    if tk and "full sync" in tk:
        # The real register, ~6,500 records with their related entities, in under a minute.
        full, incremental = tk["full sync"]["records_per_s"], tk["incremental 1%"]
        found.append(
            f"| TK first full sync (real shape) | {full:,.0f} records/s | | "
            "6,500 records in under a minute | "
            f"{verdict(full, 6500 / 60, lower_is_better=False)} |"
        )
        found.append(
            f"| TK nightly sync, 1% of 100,000 changed | {incremental['seconds']:.1f} s "
            f"({incremental['records_per_s']:,.0f} records/s) | | | |"
        )
    return found


def main() -> None:
    lines = [
        "`make bench` measures everything below on this machine: "
        f"{machine()}; {report.versions()}, Redis {redis_version()}, "
        f"Celery {celery.__version__}, gunicorn {gunicorn.__version__}. Each section says when "
        "and with which command it was measured, and how; this table gathers the targets at "
        "10^6 commitments, each beside the limit measured in the same run as itself.",
        "",
        "| what | measured | limit measured in the same run | target | |",
        "| --- | ---: | ---: | --- | --- |",
        *rows(),
    ]
    report.replace_section("summary", "\n".join(lines), first=True)


if __name__ == "__main__":
    main()
