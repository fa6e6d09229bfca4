"""Loading the seed letter: the first real data the product holds.

The commitments in the seed letter are curated by hand (seeds/28638-212.json). Everything is
found by its natural key before it is created, so loading twice changes nothing.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop

from commitments.extraction.calendar import read_recesses
from commitments.models import (
    Commitment,
    Committee,
    Contact,
    Document,
    Member,
    Ministry,
    Official,
    Party,
    Recess,
)
from commitments.services.commitments import register_commitment

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
SEED_LETTER = SEEDS_DIR / "28638-212.json"
RECESSES = SEEDS_DIR / "recesses.csv"
# Stored in English; selectors.history translates it when it is shown.
SEED_REASON = gettext_noop("Loaded from the seed letter")


def load_recesses(*, path: Path = RECESSES) -> int:
    """Add the recesses in `path` that are not there yet; return how many were added."""
    added = 0
    for recess in read_recesses(path):
        _, created = Recess.objects.get_or_create(
            kind=recess.kind, starts_on=recess.starts_on, defaults={"ends_on": recess.ends_on}
        )
        added += created
    return added


def _register_people(data: dict) -> dict:
    """The ministries, officials, contacts, committees, parties and members the seed names,
    found or made: `{"officials": [...], "committees": [...], "members": {name: Member}}`."""
    ministries = {
        m["abbreviation"]: Ministry.objects.get_or_create(
            abbreviation=m["abbreviation"], defaults={"name": m["name"]}
        )[0]
        for m in data["ministries"]
    }
    for contact in data["contacts"]:
        Contact.objects.get_or_create(
            ministry=ministries[contact["ministry"]],
            email=contact["email"],
            defaults={"name": contact["name"]},
        )
    parties = {
        p["abbreviation"]: Party.objects.get_or_create(
            abbreviation=p["abbreviation"], defaults={"name": p["name"]}
        )[0]
        for p in data["parties"]
    }
    return {
        "officials": [
            Official.objects.get_or_create(
                name=o["name"],
                function=o["function"],
                defaults={"ministry": ministries[o["ministry"]]},
            )[0]
            for o in data["officials"]
        ],
        "committees": [
            Committee.objects.get_or_create(
                abbreviation=c["abbreviation"], defaults={"name": c["name"]}
            )[0]
            for c in data["committees"]
        ],
        "members": {
            m["name"]: Member.objects.get_or_create(name=m["name"], party=parties[m["party"]])[0]
            for m in data["members"]
        },
    }


def _letter(letter: dict, *, folder: Path) -> Document:
    """The seed letter's Document, found by its Kamerstuk number or made."""
    document, _ = Document.objects.get_or_create(
        dossier_number=letter["dossier_number"],
        document_number=letter["document_number"],
        defaults={
            "kind": letter["kind"],
            "date": datetime.date.fromisoformat(letter["date"]),
            "title": letter["title"],
            "url": letter["url"],
            "text": (folder / letter["file"]).read_text(encoding="utf-8"),
        },
    )
    return document


@transaction.atomic
def load_seed_letter(*, path: Path = SEED_LETTER) -> int:
    """Load the seed letter, the people it names and its commitments; return how many were added."""
    data = json.loads(path.read_text(encoding="utf-8"))
    people = _register_people(data)
    document = _letter(data["document"], folder=path.parent)
    official, committee = people["officials"][0], people["committees"][0]
    added = 0
    for item in data["commitments"]:
        if Commitment.objects.filter(source=document, text=item["text"]).exists():
            continue
        commitment = Commitment(
            source=document,
            text=item["text"],
            summary=item["summary"],
            made_on=document.date,
            deadline_phrase=item["deadline_phrase"],
            due_date=item["due_date"] and datetime.date.fromisoformat(item["due_date"]),
            due_precision=item["due_precision"],
            ministry=official.ministry,
            official=official,
            committee=committee,
        )
        register_commitment(
            commitment=commitment,
            reason=SEED_REASON,
            made_to=[people["members"][name] for name in item.get("made_to", [])],
        )
        added += 1
    return added
