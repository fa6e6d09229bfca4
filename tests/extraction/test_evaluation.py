"""The evaluation's corpus and scoring: two splits, due-date windows and owners, as
evaluation/README.md describes them. No test here reads the frozen test split."""

import datetime
import json

import pytest

from commitments.extraction import extract
from evaluation import corpus
from evaluation.corpus import Letter, Registration
from evaluation.scoring import same_owner, score_letter, totals

LETTER_DATE = datetime.date(2017, 11, 27)


def letter(*registrations: Registration) -> Letter:
    return Letter(
        name="example",
        text="",
        date=LETTER_DATE,
        ministry="",
        source_url="",
        registrations=registrations,
    )


def test_it_counts_a_due_date_inside_the_labelled_window_as_right():
    text = "Wij zullen uw Kamer volgend voorjaar de beleidsagenda toezenden."
    registration = Registration(
        text,
        "volgend voorjaar",
        datetime.date(2018, 6, 21),
        "season",
        due_window=(datetime.date(2018, 6, 20), datetime.date(2018, 6, 21)),
    )
    candidates = extract(text, LETTER_DATE)
    score = score_letter(letter(registration), candidates)
    assert candidates[0].due_date == datetime.date(2018, 6, 20)
    assert (score.dates_right, score.wrong_dates) == (1, [])


def test_it_reports_how_often_the_owner_agrees():
    text = (
        "De staatssecretaris en ik zullen uw Kamer in juni informeren.\n\n"
        "De Minister van Financiën,\nA.B. Jansen\n"
    )
    registration = Registration(
        "De staatssecretaris en ik zullen uw Kamer in juni informeren.",
        "in juni",
        datetime.date(2018, 6, 30),
        "month",
        owner="Staatssecretaris van Financiën en Minister van Financiën",
    )
    summary = totals([score_letter(letter(registration), extract(text, LETTER_DATE))])
    assert (summary.owners_right, summary.owners_labelled) == (1, 1)


@pytest.mark.parametrize(
    ("found", "labelled", "same"),
    [
        (
            "Minister van Financiën en Staatssecretaris van Financiën",
            "Staatssecretaris van Financiën en Minister van Financiën",
            True,
        ),
        ("het kabinet", "Kabinet", True),
        (
            "Minister van Landbouw, Natuur en Voedselkwaliteit",
            "Minister van Landbouw, Natuur en Voedselkwaliteit",
            True,
        ),
        ("Minister van Financiën", "Staatssecretaris van Financiën", False),
    ],
)
def test_it_compares_owners_by_the_office_holders_they_name(found, labelled, same):
    assert same_owner(found, labelled) is same


def test_it_reads_each_split_from_its_own_folder(tmp_path, monkeypatch):
    for split, stem in (("dev", "vws-1-1"), ("test", "vws-2-2")):
        folder = tmp_path / split
        folder.mkdir()
        (folder / f"{stem}.txt").write_text("Tekst.", encoding="utf-8")
        record = {
            "source_url": "https://example.org",
            "date": "2020-01-02",
            "ministry": "Volksgezondheid, Welzijn en Sport",
            "text": f"{stem}.txt",
            "kind": "register",
            "long": True,
            "commitments": [{"sentence": "Tekst.", "due_date": None}],
            "negatives": [{"sentence": "Tekst.", "reason": "trap"}],
        }
        (folder / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(corpus, "LETTERS", tmp_path)
    monkeypatch.setattr(corpus, "_seed_letter", lambda: None)
    test_items = corpus.load_letters(("test",))
    assert [(item.name, item.split, item.kind, item.long) for item in test_items] == [
        ("vws-2-2", "test", "register", True)
    ]
    assert test_items[0].registrations[0].precision == "none"
    with pytest.raises(ValueError):
        corpus.load_letters(("train",))
