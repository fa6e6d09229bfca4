"""The letters of the evaluation and what a careful clerk registered in each.

The corpus has two splits, each a folder of evaluation/letters/ (evaluation/README.md describes
the format):

- ``dev``: the letters the rules may be tuned on, and the seed letter;
- ``test``: the frozen split that nobody who changes the rules reads; its figures are the ones
  that count.

Every item is a text file with a companion JSON file: where it came from (source_url, kamerstuk,
date, official, function, ministry, kind, long) and "commitments", each with the sentence a clerk
would register, the deadline phrase verbatim, the due date (and optionally the window of dates
that count as right), its precision and its owner; "negatives" lists sentences that only look
like commitments.

The seed letter keeps its registrations in the shape the seed loader reads (seeds/28638-212.json:
"document" plus commitments with text, deadline_phrase, due_date and due_precision); it is
converted here on the fly, so there is one source of truth for it. It belongs to the dev split.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from commitments.extraction import ParliamentaryCalendar

BASE_DIR = Path(__file__).resolve().parent.parent
LETTERS = BASE_DIR / "evaluation" / "letters"
SPLITS = ("dev", "test")
SEEDS = BASE_DIR / "seeds"
SEED_REGISTRATIONS = SEEDS / "28638-212.json"


@dataclass(frozen=True)
class Registration:
    """One commitment a clerk registered; `due_date` is None for a promise without a date.

    `due_window` is the (first, last) date that counts as right, both inclusive, or None when
    only `due_date` itself does. `owner` is who the sentence makes responsible, "" when unlabelled.
    """

    sentence: str
    deadline_phrase: str
    due_date: datetime.date | None
    precision: str
    note: str = ""
    due_window: tuple[datetime.date, datetime.date] | None = None
    owner: str = ""

    def date_is_right(self, found: datetime.date | None) -> bool:
        """Whether a candidate's due date counts as this registration's."""
        if self.due_window is not None and found is not None:
            return self.due_window[0] <= found <= self.due_window[1]
        return found == self.due_date


@dataclass(frozen=True)
class Letter:
    """One item of the corpus. `kind` is "letter" or "register"; `long` marks a long letter."""

    name: str
    text: str
    date: datetime.date
    ministry: str
    source_url: str
    registrations: tuple[Registration, ...]
    note: str = ""
    held_out: bool = False
    split: str = "dev"
    kind: str = "letter"
    long: bool = False
    negatives: tuple[str, ...] = ()


def recess_calendar() -> ParliamentaryCalendar:
    """The recesses the letters are read against: seeds/recesses.csv, the rules elsewhere."""
    return ParliamentaryCalendar.from_csv(SEEDS / "recesses.csv")


def load_letters(splits: tuple[str, ...] = SPLITS) -> list[Letter]:
    """The items of the given splits: per split (in SPLITS order) the seed letter first when the
    split is dev, then the collected items in name order. ValueError for an unknown split."""
    unknown = set(splits) - set(SPLITS)
    if unknown:
        raise ValueError(f"unknown split(s) {sorted(unknown)}; the splits are {SPLITS}")
    letters: list[Letter] = []
    for split in (s for s in SPLITS if s in splits):
        if split == "dev":
            letters.append(_seed_letter())
        folder = LETTERS / split
        letters.extend(_collected_letter(path, split) for path in sorted(folder.glob("*.json")))
    return letters


def _collected_letter(path: Path, split: str) -> Letter:
    record = json.loads(path.read_text(encoding="utf-8"))
    return Letter(
        name=path.stem,
        text=(path.parent / record.get("text", f"{path.stem}.txt")).read_text(encoding="utf-8"),
        date=datetime.date.fromisoformat(record["date"][:10]),
        ministry=record["ministry"],
        source_url=record["source_url"],
        registrations=tuple(_registration(c) for c in record["commitments"]),
        note=record.get("note", ""),
        held_out=record.get("held_out", False),
        split=split,
        kind=record.get("kind", "letter"),
        long=bool(record.get("long", False)),
        negatives=tuple(
            n["sentence"] if isinstance(n, dict) else str(n) for n in record.get("negatives", [])
        ),
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
            _registration(
                {
                    "sentence": c["text"],
                    "deadline_phrase": c["deadline_phrase"],
                    "due_date": c["due_date"],
                    "precision": c["due_precision"],
                }
            )
            for c in record["commitments"]
        ),
        long=True,
    )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def _registration(record: dict) -> Registration:
    """One commitment of an item; the optional fields (deadline_phrase, precision, window,
    owner, note) may be missing."""
    window = record.get("due_date_window")
    due_date = _date(record.get("due_date"))
    return Registration(
        sentence=record["sentence"],
        deadline_phrase=record.get("deadline_phrase") or "",
        due_date=due_date,
        precision=record.get("precision") or ("none" if due_date is None else ""),
        note=record.get("note") or "",
        due_window=(_date(window[0]), _date(window[1])) if window and all(window) else None,
        owner=record.get("owner") or "",
    )
