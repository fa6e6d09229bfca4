"""`manage.py extract_commitments PATH [--date YYYY-MM-DD] [--json]`: read a letter, print the
commitments found in it.

The command needs no database: it reads a text file, runs the extraction engine with the recess
calendar in seeds/recesses.csv and prints what it found, so a clerk (or a script) can try a letter
before importing it. Bad input ends in one line on stderr and a non-zero exit.
"""

import datetime
import json
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commitments.extraction import (
    Candidate,
    MissingLetterDate,
    ParliamentaryCalendar,
    decode_letter,
    extract,
)

# Control characters other than tab, line feed, carriage return and form feed do not occur in a
# letter; more than a few of them means the file is not text at all.
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
MAX_CONTROL_SHARE = 0.01
TABLE_COLUMNS = (("due_date", 10), ("precision", 9), ("confidence", 4), ("deadline_phrase", 36))


class Command(BaseCommand):
    help = "Print the commitments found in a letter (a text file), without touching the database."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the letter, as a text file (UTF-8 or Windows-1252)")
        parser.add_argument(
            "--date",
            help="the letter's date (YYYY-MM-DD); needed only when the letter states none",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print a JSON array instead of a table",
        )

    def handle(self, *args, **options) -> None:
        path = options["path"]
        text = read_letter(Path(path))
        letter_date = parse_date(options["date"]) if options["date"] else None
        try:
            candidates = extract(text, letter_date=letter_date, calendar=recess_calendar())
        except MissingLetterDate as error:
            raise CommandError(
                f"{path}: the letter states no date; pass --date YYYY-MM-DD"
            ) from error
        if options["as_json"]:
            self.stdout.write(as_json(candidates))
        else:
            self.stdout.write(as_table(candidates))


def read_letter(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise CommandError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise CommandError(f"{path}: is a directory, not a letter") from error
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror})") from error
    if not data.strip():
        raise CommandError(f"{path}: the file is empty")
    if b"\x00" in data:
        raise CommandError(f"{path}: binary file (it contains NUL bytes); save the letter as text")
    text = decode_letter(data)
    if text is None:
        raise CommandError(f"{path}: not UTF-8 or Windows-1252 text; save the letter as UTF-8")
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise CommandError(f"{path}: does not look like text (it is full of control characters)")
    return text


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date {value!r}: expected a date as YYYY-MM-DD") from error


def recess_calendar() -> ParliamentaryCalendar:
    """The recesses in seeds/recesses.csv; without that file the calendar's rules apply."""
    path = Path(settings.BASE_DIR) / "seeds" / "recesses.csv"
    if not path.exists():
        return ParliamentaryCalendar()
    try:
        return ParliamentaryCalendar.from_csv(path)
    except ValueError as error:
        raise CommandError(f"recess calendar: {error}") from error


def as_record(candidate: Candidate) -> dict[str, object]:
    return {
        "sentence": candidate.sentence,
        "summary": candidate.summary,
        "deadline_phrase": candidate.deadline_phrase,
        "due_date": candidate.due_date.isoformat() if candidate.due_date else None,
        "precision": candidate.precision,
        "vague": candidate.vague,
        "official": candidate.official,
        "ministry": candidate.ministry,
        "confidence": candidate.confidence,
    }


def as_json(candidates: list[Candidate]) -> str:
    return json.dumps([as_record(c) for c in candidates], ensure_ascii=False, indent=2)


def as_table(candidates: list[Candidate]) -> str:
    if not candidates:
        return "No commitments found."
    header = "  ".join(name.ljust(width)[:width] for name, width in TABLE_COLUMNS) + "  summary"
    rows = [header, "-" * len(header)]
    for candidate in candidates:
        record = as_record(candidate)
        cells = [str(record[name] or "-").ljust(width)[:width] for name, width in TABLE_COLUMNS]
        rows.append("  ".join(cells) + "  " + candidate.summary)
    official = candidates[0].official or "unknown official"
    rows.append(f"\n{len(candidates)} commitments by {official} ({candidates[0].ministry or '?'})")
    return "\n".join(rows)
