"""The letters of the evaluation and what a careful clerk registered in each.

Every letter in evaluation/letters/ is a text file with a companion JSON file: where it came from
(source_url, kamerstuk, date, official, function, ministry) and "commitments", each with the
sentence a clerk would register, the deadline phrase verbatim, the due date and its precision.
Letters marked "held_out" were gathered and registered after the engine had been tuned on the
others, so that they show how it does on letters it was not shaped by.

The seed letter keeps its registrations in the shape the seed loader reads (seeds/28638-212.json:
"document" plus commitments with text, deadline_phrase, due_date and due_precision); it is
converted here on the fly, so there is one source of truth for it.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from commitments.extraction import ParliamentaryCalendar

BASE_DIR = Path(__file__).resolve().parent.parent
LETTERS = BASE_DIR / "evaluation" / "letters"
SEEDS = BASE_DIR / "seeds"
SEED_REGISTRATIONS = SEEDS / "28638-212.json"


@dataclass(frozen=True)
class Registration:
    """One commitment a clerk registered; `due_date` is None for a promise without a date."""

    sentence: str
    deadline_phrase: str
    due_date: datetime.date | None
    precision: str
    note: str = ""


@dataclass(frozen=True)
class Letter:
    name: str
    text: str
    date: datetime.date
    ministry: str
    source_url: str
    registrations: tuple[Registration, ...]
    note: str = ""
    held_out: bool = False


def recess_calendar() -> ParliamentaryCalendar:
    """The recesses the letters are read against: seeds/recesses.csv, the rules elsewhere."""
    return ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")


def load_letters() -> list[Letter]:
    """The seed letter first, then the collected letters in name order."""
    collected = [_collected_letter(path) for path in sorted(LETTERS.glob("*.json"))]
    return [_seed_letter(), *collected]


def _collected_letter(path: Path) -> Letter:
    record = json.loads(path.read_text(encoding="utf-8"))
    return Letter(
        name=path.stem,
        text=(path.parent / record["text"]).read_text(encoding="utf-8"),
        date=datetime.date.fromisoformat(record["date"]),
        ministry=record["ministry"],
        source_url=record["source_url"],
        registrations=tuple(
            _registration(
                c["sentence"], c["deadline_phrase"], c["due_date"], c["precision"], c.get("note")
            )
            for c in record["commitments"]
        ),
        note=record.get("note", ""),
        held_out=record.get("held_out", False),
    )


def _seed_letter() -> Letter:
    record = json.loads(SEED_REGISTRATIONS.read_text(encoding="utf-8"))
    document = record["document"]
    ministries = {m["abbreviation"]: m["name"] for m in record["ministries"]}
    signer = record["officials"][0]
    dossier = document["dossier_number"].replace(" ", "")
    return Letter(
        name=f"seed: jenv-{dossier}-{document['document_number']}",
        text=(SEEDS / document["file"]).read_text(encoding="utf-8"),
        date=datetime.date.fromisoformat(document["date"]),
        ministry=ministries[signer["ministry"]],
        source_url=document["url"],
        registrations=tuple(
            _registration(c["text"], c["deadline_phrase"], c["due_date"], c["due_precision"])
            for c in record["commitments"]
        ),
    )


def _registration(
    sentence: str,
    deadline_phrase: str,
    due_date: str | None,
    precision: str,
    note: str | None = None,
) -> Registration:
    return Registration(
        sentence=sentence,
        deadline_phrase=deadline_phrase,
        due_date=datetime.date.fromisoformat(due_date) if due_date else None,
        precision=precision,
        note=note or "",
    )
