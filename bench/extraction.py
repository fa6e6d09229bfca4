"""Benchmark: letters per second that the extraction engine reads.

Run with `python bench/extraction.py` from the project root. It times `extract` (sentences,
promise cues, deadline phrases, the letter's header) on the letters of the evaluation: the seed
letter and evaluation/letters/, each read with the recess calendar of seeds/recesses.csv, as
`python -m evaluation.evaluate` reads them (both splits; an item whose text states no date gets
its registered date). After one warm-up pass, which compiles the regular expressions, the whole
set is read again and again until DURATION seconds have passed, in one process; then the largest
letter alone, LARGEST_RUNS times, for its median time. The result replaces the extraction section
of BENCHMARKS.md.

The engine is plain Python, so neither Django nor a database is set up: bench.report is imported
only for its BENCHMARKS.md writer, and the version line is written here rather than by
bench.report.versions(), which asks PostgreSQL for its version.
"""

import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report
from commitments.extraction import extract
from commitments.extraction.header import read_header
from evaluation.corpus import load_letters, recess_calendar

DURATION = 5.0
LARGEST_RUNS = 50
COMMAND = "make bench-extraction"


def measure(letters: list[tuple[str, datetime.date | None]]) -> tuple[int, float]:
    """Whole passes over `letters` (text, date or None) until DURATION has passed: (passes,
    seconds)."""
    calendar = recess_calendar()
    for text, date in letters:
        extract(text, date, calendar)
    passes, started = 0, time.perf_counter()
    while time.perf_counter() - started < DURATION:
        for text, date in letters:
            extract(text, date, calendar)
        passes += 1
    return passes, time.perf_counter() - started


def largest_time(text: str, date: datetime.date | None) -> float:
    """The median of LARGEST_RUNS readings of one letter, in milliseconds."""
    calendar = recess_calendar()
    times = []
    for _ in range(LARGEST_RUNS):
        started = time.perf_counter()
        extract(text, date, calendar)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    letters = [
        (letter.text, None if read_header(letter.text).date else letter.date)
        for letter in load_letters()
    ]
    texts = [text for text, _date in letters]
    kilobytes = sum(len(text.encode("utf-8")) for text in texts) / 1024
    largest = max(letters, key=lambda letter: len(letter[0]))
    largest_ms = largest_time(*largest)
    passes, seconds = measure(letters)
    letters_per_second = len(texts) * passes / seconds
    kilobytes_per_second = kilobytes * passes / seconds
    versions = (
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()} "
        f"({platform.system()})"
    )
    body = "\n".join(
        [
            "## Extraction engine",
            "",
            f"Measured {datetime.date.today().isoformat()} with `{COMMAND}` on {versions}; "
            "no database.",
            "",
            f"`extract` on the {len(texts)} items of the evaluation (the seed letter and "
            f"`evaluation/letters/`, both splits, {kilobytes:.1f} KB together), with the recess "
            "calendar of `seeds/recesses.csv`, after one warm-up pass; the whole set repeated "
            f"for {DURATION:.0f} s in one process. The largest letter "
            f"({len(largest[0].encode('utf-8')) / 1024:.1f} KB) read alone {LARGEST_RUNS} times.",
            "",
            "| letters | passes | letters read | seconds | letters/s | KB/s | largest letter |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {len(texts)} | {passes:,} | {len(texts) * passes:,} | {seconds:.2f} "
            f"| {letters_per_second:,.0f} | {kilobytes_per_second:,.0f} "
            f"| {largest_ms:.0f} ms (median) |",
        ]
    )
    report.replace_section("extraction", body)
    report.save(
        "extraction",
        {"letters": len(texts), "letters_per_s": letters_per_second, "largest_ms": largest_ms},
    )
    print(body)


if __name__ == "__main__":
    main()
