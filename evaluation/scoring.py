"""How candidates are matched to the commitments a clerk registered, and what is counted.

A candidate and a registration rarely hold exactly the same text: the engine may join one
sentence more or less than the clerk did, or keep a footnote marker the clerk left out. So they
are compared by their words (runs of letters and digits, lower case, counted with multiplicity):

- overlap = shared words / words of the shorter of the two texts;
- a candidate *matches* a registration when the overlap is at least MATCH_THRESHOLD (0.8), which
  holds in particular when one text contains the other;
- each candidate is credited to the one registration it overlaps most (ties: more shared words,
  then the earlier registration), so that no candidate counts twice;
- a registration is *found* when at least one candidate is credited to it. Of those candidates,
  its *answer* is the one sharing most words with the registration's last sentence, the promise
  proper, where the deadline usually stands; the answer's deadline is the one judged.

Precision is credited candidates / candidates; recall is found registrations / registrations;
due-date accuracy is, among found registrations with a due date, the share whose answer has the
same due date, or one inside the registration's `due_date_window`. Precision agreement compares
the precision field ("month", "recess", ...) on the same registrations. Owner agreement is, among
found registrations whose owner was labelled, the share whose answer names the same office-holders
(same_owner).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from commitments.extraction import Candidate
from evaluation.corpus import Letter, Registration

MATCH_THRESHOLD = 0.8
WORD = re.compile(r"\w+")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ«\"'])")


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def shared_words(first: str, second: str) -> int:
    return sum((words(first) & words(second)).values())


def overlap(first: str, second: str) -> float:
    shorter = min(sum(words(first).values()), sum(words(second).values()))
    return shared_words(first, second) / shorter if shorter else 0.0


# "Minister van Financiën en Staatssecretaris van Financiën": a new office-holder starts at a role.
OWNER_SEPARATOR = re.compile(
    r"\s*(?:,|\ben\b)\s*(?=(?:de\s+|het\s+)?(?:minister|staatssecretaris|kabinet)\b)", re.I
)


def owner_parts(owner: str) -> frozenset[str]:
    """The office-holders an owner names, lower case, without articles:
    {"minister van financiën"}."""
    parts = OWNER_SEPARATOR.split(owner.strip())
    return frozenset(
        re.sub(r"^(?:de|het)\s+", "", " ".join(part.lower().split()))
        for part in parts
        if part.strip()
    )


def same_owner(found: str, labelled: str) -> bool:
    """Whether two owners name the same office-holders, in any order."""
    return owner_parts(found) == owner_parts(labelled)


def last_sentence(text: str) -> str:
    return SENTENCE_BREAK.split(text.strip())[-1]


@dataclass(frozen=True)
class LetterScore:
    """The candidates found in one letter, matched to its registrations."""

    letter: Letter
    candidates: tuple[Candidate, ...]
    # candidate index -> index of the registration it is credited to
    credited: dict[int, int] = field(default_factory=dict)
    # registration index -> index of the candidate whose deadline is judged
    answers: dict[int, int] = field(default_factory=dict)

    @property
    def registrations(self) -> tuple[Registration, ...]:
        return self.letter.registrations

    @property
    def dated(self) -> list[int]:
        """Found registrations that have a due date: those whose date can be right or wrong."""
        return [r for r in self.answers if self.registrations[r].due_date is not None]

    def answer(self, registration: int) -> Candidate:
        return self.candidates[self.answers[registration]]

    @property
    def dates_right(self) -> int:
        return sum(self.registrations[r].date_is_right(self.answer(r).due_date) for r in self.dated)

    @property
    def precisions_right(self) -> int:
        return sum(self.answer(r).precision == self.registrations[r].precision for r in self.dated)

    @property
    def missed(self) -> list[int]:
        return [r for r in range(len(self.registrations)) if r not in self.answers]

    @property
    def unmatched(self) -> list[int]:
        return [c for c in range(len(self.candidates)) if c not in self.credited]

    @property
    def wrong_dates(self) -> list[int]:
        return [
            r
            for r in self.dated
            if not self.registrations[r].date_is_right(self.answer(r).due_date)
        ]

    @property
    def owners_labelled(self) -> list[int]:
        """Found registrations whose owner the clerk labelled."""
        return [r for r in self.answers if self.registrations[r].owner]

    @property
    def owners_right(self) -> int:
        return sum(
            same_owner(self.answer(r).owner, self.registrations[r].owner)
            for r in self.owners_labelled
        )


def score_letter(letter: Letter, candidates: list[Candidate]) -> LetterScore:
    registrations = letter.registrations
    credited: dict[int, int] = {}
    for c, candidate in enumerate(candidates):
        matching = [
            r
            for r, registration in enumerate(registrations)
            if overlap(candidate.sentence, registration.sentence) >= MATCH_THRESHOLD
        ]
        if matching:
            credited[c] = max(matching, key=lambda r: _closeness(candidate, registrations[r], r))
    answers: dict[int, int] = {}
    for r, registration in enumerate(registrations):
        mine = [c for c, credit in credited.items() if credit == r]
        if mine:
            promise = last_sentence(registration.sentence)
            answers[r] = max(
                mine, key=lambda c: (shared_words(candidates[c].sentence, promise), -c)
            )
    return LetterScore(letter, tuple(candidates), credited, answers)


def _closeness(candidate: Candidate, registration: Registration, index: int) -> tuple:
    """Higher overlap first, then more shared words, then the earlier registration."""
    return (
        overlap(candidate.sentence, registration.sentence),
        shared_words(candidate.sentence, registration.sentence),
        -index,
    )


@dataclass(frozen=True)
class Totals:
    letters: int
    registrations: int
    candidates: int
    matched_candidates: int
    found: int
    dated: int
    dates_right: int
    precisions_right: int
    owners_labelled: int = 0
    owners_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched_candidates / self.candidates if self.candidates else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.registrations if self.registrations else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dated if self.dated else 1.0

    @property
    def owner_agreement(self) -> float:
        return self.owners_right / self.owners_labelled if self.owners_labelled else 1.0

    @property
    def precision_agreement(self) -> float:
        return self.precisions_right / self.dated if self.dated else 1.0


def totals(scores: list[LetterScore]) -> Totals:
    return Totals(
        letters=len(scores),
        registrations=sum(len(s.registrations) for s in scores),
        candidates=sum(len(s.candidates) for s in scores),
        matched_candidates=sum(len(s.credited) for s in scores),
        found=sum(len(s.answers) for s in scores),
        dated=sum(len(s.dated) for s in scores),
        dates_right=sum(s.dates_right for s in scores),
        precisions_right=sum(s.precisions_right for s in scores),
        owners_labelled=sum(len(s.owners_labelled) for s in scores),
        owners_right=sum(s.owners_right for s in scores),
    )
