"""Benchmark: letters per second that the extraction engine reads.

Run with `python bench/extraction.py` from the project root. It times `extract` (sentences,
promise cues, deadline phrases, the letter's header) on the letters of the evaluation: the seed
letter and evaluation/letters/, each read with the recess calendar of seeds/recesses.csv, as
`python -m evaluation.evaluate` reads them. After one warm-up pass, which compiles the regular
expressions, the whole set is read again and again until DURATION seconds have passed, in one
process. The result replaces the extraction section of BENCHMARKS.md.

The engine is plain Python, so neither Django nor a database is set up: bench.report is imported
only for its BENCHMARKS.md writer, and the version line is written here rather than by
bench.report.versions(), which asks PostgreSQL for its version.
"""

import datetime
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report
from commitments.extraction import extract
from evaluation.corpus import load_letters, recess_calendar

DURATION = 5.0
COMMAND = "make bench-extraction"


def measure(texts: list[str]) -> tuple[int, float]:
    """Whole passes over `texts` until DURATION has passed: (passes, seconds)."""
    calendar = recess_calendar()
    for text in texts:
        extract(text, calendar=calendar)
    passes, started = 0, time.perf_counter()
    while time.perf_counter() - started < DURATION:
        for text in texts:
            extract(text, calendar=calendar)
        passes += 1
    return passes, time.perf_counter() - started


def main() -> None:
    texts = [letter.text for letter in load_letters()]
    kilobytes = sum(len(text.encode("utf-8")) for text in texts) / 1024
    passes, seconds = measure(texts)
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
            f"`extract` on the {len(texts)} letters of the evaluation (the seed letter and "
            f"`evaluation/letters/`, {kilobytes:.1f} KB together, the seed letter the only long "
            "one), with the recess calendar of `seeds/recesses.csv`, after one warm-up pass; the "
            f"whole set repeated for {DURATION:.0f} s in one process.",
            "",
            "| letters | passes | letters read | seconds | letters/s | KB/s |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {len(texts)} | {passes:,} | {len(texts) * passes:,} | {seconds:.2f} "
            f"| {letters_per_second:,.0f} | {kilobytes_per_second:,.0f} |",
        ]
    )
    report.replace_section("extraction", body)
    report.save("extraction", {"letters": len(texts), "letters_per_s": letters_per_second})
    print(body)


if __name__ == "__main__":
    main()
