"""`python -m evaluation.evaluate`: how well the extraction engine finds what a clerk registers.

Runs `extract` on every letter of the evaluation (the seed letter and evaluation/letters/), with
the recess calendar of seeds/recesses.csv and the date each letter states, matches the candidates
to the registered commitments (evaluation/scoring.py says how) and rewrites the generated section
of EVALUATION.md: the totals against the targets of the issue, a table per letter, and every
miss, every candidate that matches nothing and every wrong due date with the reason. The notes
outside that section are written by hand and kept. Plain Python: no Django, no database.
"""

import datetime

from commitments.extraction import extract, read_header
from evaluation.corpus import BASE_DIR, Letter, load_letters, recess_calendar
from evaluation.report import render, replace_section
from evaluation.scoring import LetterScore, score_letter, totals

REPORT = BASE_DIR / "EVALUATION.md"


def run(letters: list[Letter] | None = None) -> list[LetterScore]:
    """Extract from every letter and match the candidates to its registrations.

    The engine reads each letter's date from the letter itself, as the command and the admin
    import do; only a letter that states none gets the registered date.
    """
    calendar = recess_calendar()
    scores = []
    for letter in load_letters() if letters is None else letters:
        stated = read_header(letter.text).date
        candidates = extract(letter.text, None if stated else letter.date, calendar)
        scores.append(score_letter(letter, candidates))
    return scores


def main() -> None:
    scores = run()
    replace_section(REPORT, render(scores, datetime.date.today()))
    summary = totals(scores)
    print(
        f"{summary.letters} letters, {summary.registrations} registered, "
        f"{summary.candidates} found: recall {summary.recall:.3f}, "
        f"precision {summary.precision:.3f}, due dates right {summary.date_accuracy:.3f} "
        f"({summary.dates_right}/{summary.dated}); written to {REPORT.name}"
    )


if __name__ == "__main__":
    main()
