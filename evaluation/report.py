"""The generated section of EVALUATION.md: totals, a table per letter, and every shortfall with
its reason, so that a reader sees not only how often the engine errs but where and why."""

import datetime
import platform
import re
from collections.abc import Callable
from pathlib import Path

from commitments.extraction.deadlines import find_deadline
from commitments.extraction.promises import weigh_promise
from evaluation.corpus import SPLITS, recess_calendar
from evaluation.scoring import MATCH_THRESHOLD, LetterScore, Totals, last_sentence, overlap, totals

COMMAND = "python -m evaluation.evaluate"
SECTION = "evaluation"
TARGETS = {"recall": 0.9, "precision": 0.85, "date_accuracy": 0.9}
QUOTE_LENGTH = 160
# A test split this much below the dev split on a measure is called overfitting.
OVERFITTING_GAP = 0.1


def replace_section(path: Path, body: str) -> None:
    """Rewrite the part of `path` between the section markers; keep what is around it."""
    start, end = f"<!-- {SECTION}:start -->", f"<!-- {SECTION}:end -->"
    section = f"{start}\n{body}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n"
    if start in text:
        text = re.sub(f"{re.escape(start)}.*?{re.escape(end)}", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def render(scores: list[LetterScore], today: datetime.date) -> str:
    """The generated section: each split's corpus and totals side by side, then per letter."""
    by_split = {split: [s for s in scores if s.letter.split == split] for split in SPLITS}
    return "\n".join(
        [
            f"Command (from the project root, no database needed): `{COMMAND}`. "
            f"Run on {today.isoformat()} with Python {platform.python_version()}.",
            "",
            "The development split (`evaluation/letters/dev/` and the seed letter) is what the "
            "rules were tuned on; the test split (`evaluation/letters/test/`) was frozen before "
            "and read only for this report: its figures are the ones that count "
            "(evaluation/README.md).",
            "",
            "### Corpus",
            "",
            *_corpus_table(by_split),
            "",
            f"A candidate matches a registration when the words they share (lower case, counted "
            f"with multiplicity) make up at least {MATCH_THRESHOLD:.0%} of the shorter of the two, "
            "as when one contains the other; each candidate is credited to the one registration "
            "it overlaps most. Precision = credited candidates / candidates; recall = "
            "registrations with a credited candidate / registrations; due dates right = among "
            "those found with a due date, the share whose candidate (the one sharing most words "
            "with the registration's last sentence) has that due date or one inside the "
            "registration's `due_date_window`; owners agree = among those found whose owner was "
            "labelled, the share whose candidate names the same office-holders.",
            "",
            "### Totals",
            "",
            *_totals_table({split: totals(group) for split, group in by_split.items()}),
            "",
            *_overfitting(by_split),
            "### Per letter",
            "",
            *_letter_table(scores),
            "",
            "### Registered commitments not found",
            "",
            *_listing(scores, lambda s: s.missed, _registered_text, miss_reason),
            "",
            "### Candidates that match no registration",
            "",
            *_listing(scores, lambda s: s.unmatched, _candidate_text, unmatched_reason),
            "",
            "### Wrong due dates",
            "",
            *_listing(scores, lambda s: s.wrong_dates, _registered_text, wrong_date_reason),
        ]
    )


def _corpus_table(by_split: dict[str, list[LetterScore]]) -> list[str]:
    lines = [
        "| split | items | ministries | years | long letters | register items "
        "| registered commitments | with a due date |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for split, group in by_split.items():
        letters = [s.letter for s in group]
        years = sorted({letter.date.year for letter in letters})
        span = f"{years[0]} to {years[-1]}" if years else "-"
        registered = [r for letter in letters for r in letter.registrations]
        lines.append(
            f"| {split} | {len(letters)} | {len({letter.ministry for letter in letters})} "
            f"| {span} | {sum(letter.long for letter in letters)} "
            f"| {sum(letter.kind == 'register' for letter in letters)} | {len(registered)} "
            f"| {sum(r.due_date is not None for r in registered)} |"
        )
    return lines


def _overfitting(by_split: dict[str, list[LetterScore]]) -> list[str]:
    """A sentence on how far the test split falls behind the dev split, when it does."""
    dev, test = totals(by_split["dev"]), totals(by_split["test"])
    if not test.letters:
        return []
    gaps = {
        label: getattr(dev, measure) - getattr(test, measure)
        for label, measure in (
            ("recall", "recall"),
            ("precision", "precision"),
            ("due dates right", "date_accuracy"),
        )
    }
    large = {label: gap for label, gap in gaps.items() if gap > OVERFITTING_GAP}
    if not large:
        return [
            f"The test split is within {OVERFITTING_GAP:.2f} of the dev split on every measure.",
            "",
        ]
    named = ", ".join(f"{label} by {gap:.3f}" for label, gap in large.items())
    return [
        f"**Overfitting**: the test split falls behind the dev split on {named}; the rules "
        "fit the letters they were tuned on better than letters they have not seen.",
        "",
    ]


# Reasons: why a registration was missed, a candidate matched nothing, a due date was wrong.


def miss_reason(score: LetterScore, registration_index: int) -> str:
    registration = score.registrations[registration_index]
    promise = last_sentence(registration.sentence)
    deadline = find_deadline(promise, score.letter.date, recess_calendar())
    cue, veto = weigh_promise(promise, has_deadline=deadline is not None)
    closest = max(
        (overlap(c.sentence, registration.sentence) for c in score.candidates), default=0.0
    )
    if cue is None:
        reason = "no promise cue in its last sentence"
    elif veto is not None:
        reason = f"the cue '{cue.name}' is vetoed by the exclusion '{veto.name}'"
    else:
        reason = "its last sentence is a promise, but no candidate covers the registration"
    return f"{reason}; closest candidate overlap {closest:.2f} (needed {MATCH_THRESHOLD})"


def unmatched_reason(score: LetterScore, candidate_index: int) -> str:
    candidate = score.candidates[candidate_index]
    label = candidate.summary.split(":", 1)[0]
    reason = f"proposed as '{label}' (confidence {candidate.confidence})"
    if not score.registrations:
        return f"{reason}; the clerk registered nothing in this letter. {score.letter.note}".strip()
    closest = max(overlap(candidate.sentence, r.sentence) for r in score.registrations)
    return f"{reason}; closest registration overlap {closest:.2f}"


def wrong_date_reason(score: LetterScore, registration_index: int) -> str:
    registration = score.registrations[registration_index]
    answer = score.answer(registration_index)
    found = (
        f"'{answer.deadline_phrase}' → {answer.due_date} ({answer.precision})"
        if answer.deadline_phrase
        else "no deadline phrase"
    )
    registered = (
        f"'{registration.deadline_phrase}' → {registration.due_date} ({registration.precision})"
    )
    note = f" Clerk's note: {registration.note}" if registration.note else ""
    return f"engine: {found}; registered: {registered}.{note}"


# Tables and lists.


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def _totals_table(by_split: dict[str, Totals]) -> list[str]:
    rows = [
        ("recall", "found", "registrations", "recall"),
        ("precision", "matched_candidates", "candidates", "precision"),
        ("due dates right", "dates_right", "dated", "date_accuracy"),
        ("precision field agrees", "precisions_right", "dated", None),
        ("owners agree", "owners_right", "owners_labelled", None),
    ]
    lines = [
        "| measure | dev split | test split | target (test split) |",
        "| --- | ---: | ---: | --- |",
    ]
    test = by_split["test"]
    for label, part, whole, target in rows:
        cells = [_ratio(getattr(t, part), getattr(t, whole)) for t in by_split.values()]
        goal = ""
        if target:
            met = test.letters and getattr(test, target) >= TARGETS[target]
            goal = f"≥ {TARGETS[target]:.2f}: {'met' if met else 'not met'}"
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {goal} |")
    return lines


def _letter_table(scores: list[LetterScore]) -> list[str]:
    rows = [
        "| letter | ministry | year | source | registered | found | matched | due dates right |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for score in scores:
        letter = score.letter
        name = f"{letter.name} ({letter.split})"
        dates = f"{score.dates_right}/{len(score.dated)}" if score.dated else "-"
        rows.append(
            f"| {name} | {letter.ministry} | {letter.date.year} | <{letter.source_url}> "
            f"| {len(score.registrations)} | {len(score.candidates)} | {len(score.answers)} "
            f"| {dates} |"
        )
    return rows


def _registered_text(score: LetterScore, index: int) -> str:
    return score.registrations[index].sentence


def _candidate_text(score: LetterScore, index: int) -> str:
    return score.candidates[index].sentence


def _listing(
    scores: list[LetterScore],
    indices: Callable[[LetterScore], list[int]],
    text_of: Callable[[LetterScore, int], str],
    reason_of: Callable[[LetterScore, int], str],
) -> list[str]:
    lines = [
        f"- **{score.letter.name}** ({score.letter.split}): "
        f'"{_quote(text_of(score, index))}" — {reason_of(score, index)}'
        for score in scores
        for index in indices(score)
    ]
    return lines or ["None."]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
