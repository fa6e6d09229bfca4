"""`python -m evaluation.evaluate [--split dev|test]`: how well the extraction engine finds what
a clerk registers.

Runs `extract` on every item of the chosen splits (evaluation/corpus.py: the seed letter and
evaluation/letters/dev/, evaluation/letters/test/), with the recess calendar of
seeds/recesses.csv and the date each letter states, and matches the candidates to the registered
commitments (evaluation/scoring.py says how). Each split's totals are printed apart.

Without --split both splits are read and the generated section of EVALUATION.md is rewritten:
the totals of each split against the targets of the issue, a table per letter, and every miss,
every candidate that matches nothing and every wrong due date with the reason. The notes outside
that section are written by hand and kept. With --split only that split is read and printed, and
EVALUATION.md is left alone: `--split dev` is what one runs while changing rules, since the test
split must stay unread until the rules are final. Plain Python: no Django, no database.
"""

import argparse
import datetime

from commitments.extraction import extract, read_header
from evaluation.corpus import BASE_DIR, SPLITS, Letter, load_letters, recess_calendar
from evaluation.report import render, replace_section
from evaluation.scoring import LetterScore, score_letter, totals

REPORT = BASE_DIR / "EVALUATION.md"


def run(
    letters: list[Letter] | None = None, splits: tuple[str, ...] = ("dev",)
) -> list[LetterScore]:
    """Extract from every letter (by default the dev split's) and match the candidates to its
    registrations.

    The engine reads each letter's date from the letter itself, as the command and the admin
    import do; only a letter that states none gets the registered date.
    """
    calendar = recess_calendar()
    scores = []
    for letter in load_letters(splits) if letters is None else letters:
        stated = read_header(letter.text).date
        candidates = extract(letter.text, None if stated else letter.date, calendar)
        scores.append(score_letter(letter, candidates))
    return scores


def summary_line(split: str, scores: list[LetterScore]) -> str:
    summary = totals(scores)
    return (
        f"{split}: {summary.letters} items, {summary.registrations} registered, "
        f"{summary.candidates} found: recall {summary.recall:.3f}, "
        f"precision {summary.precision:.3f}, due dates right {summary.date_accuracy:.3f} "
        f"({summary.dates_right}/{summary.dated}), owners agree {summary.owner_agreement:.3f} "
        f"({summary.owners_right}/{summary.owners_labelled})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split",
        choices=SPLITS,
        help="read only this split and print its totals; EVALUATION.md is not rewritten",
    )
    arguments = parser.parse_args(argv)
    splits = (arguments.split,) if arguments.split else SPLITS
    scores = run(splits=splits)
    for split in splits:
        print(summary_line(split, [s for s in scores if s.letter.split == split]))
    if arguments.split is None:
        replace_section(REPORT, render(scores, datetime.date.today()))
        print(f"written to {REPORT.name}")


if __name__ == "__main__":
    main()
