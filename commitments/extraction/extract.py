"""From a letter's text to the commitments a clerk would register: candidates to accept or reject.

The letter is cut into sentences; each sentence with a promise cue becomes a candidate. A promise
often leans on the sentence before it, and the register then records both as one commitment:

- "... het rapport naar verwachting in november van dit jaar ... zal worden opgeleverd. Uw Kamer
  zal hierover worden geïnformeerd." The second sentence promises, the first says what and when.
- "De resultaten worden eind dit jaar opgeleverd. Uw Kamer zal hierover worden geïnformeerd."
  Two promises about one thing: one commitment.

So a promise is joined with the next sentence when that one is a promise pointing back at it
("hierover", "daarover"); else with the sentence before when the promise points back at it or
lacks a deadline that the sentence before supplies. A candidate never holds more than these two
sentences, and never crosses a paragraph. Its deadline is the first one found reading from the
last sentence back, since the promise proper comes last. A sentence may also date itself by
pointing at the sentence before it in the same paragraph ("Tevens zal ik u dan ... sturen",
"zo kort mogelijk na dat reces"); it then takes its deadline from there.

A promise timed by what happens first ("direct na ontvangst", "vervolgens", "zodra …") is vague
and takes no date from the sentence before, which is mostly a third party's (fault kind K9); a
recurring promise ("elk kwartaal", "jaarlijks") has no due date; an earlier promise restated and
kept or given up by the next sentence ("Met deze brief doe ik dat"), or whose own dated deadline
passed before the letter ("voor 1 april 2020" in an April 2020 letter), is no candidate (K1).
Each candidate names its owner (owners.py: from the sentence, not always the signer) and the
reason it was proposed: the parts promises.py found (agent, marker, delivery) and the deadline.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass

from commitments.extraction.calendar import ParliamentaryCalendar
from commitments.extraction.deadlines import (
    Deadline,
    find_deadline,
    find_deadline_referring_back,
    iter_phrase_matches,
)
from commitments.extraction.header import Header, read_header
from commitments.extraction.owners import owner_of
from commitments.extraction.promises import (
    RECURRING,
    PromiseCue,
    clauses,
    find_promise,
    is_restated,
    keeps_promise,
    points_back,
)
from commitments.extraction.sentences import Sentence, split_sentences

SUMMARY_LENGTH = 200
# A deadline adds to the confidence that a clerk will register the sentence.
DEADLINE_BONUS = 0.05
# "X is aan uw Kamer gemeld dat <what>": the summary keeps what was reported.
REPORTING_CLAUSE = re.compile(
    r"^.{0,160}?\b(?:gemeld|aangegeven|opgenomen|afgesproken|bericht|toegezegd|vermeld)\s+dat\s+",
    re.IGNORECASE,
)
LATER_CLAUSE = re.compile(r",?\s+en\s+dat\s+", re.IGNORECASE)
# A reported clause shorter than this says too little to stand alone in a summary.
MINIMAL_SUBJECT = 30
PARENTHETICAL_ALIAS = re.compile(r"\s*\(hierna:?[^)]*\)")
# A promise timed by what happens first ("direct na ontvangst", "vervolgens", "zodra de
# resultaten er zijn") has no date of its own, and must not take the date of the sentence before,
# which is mostly a third party's ("De toezichthouder verwacht zijn oordeel uiterlijk 15 januari").
RELATIVE_TIME = re.compile(
    r"(?<!\w)(?:direct|onverwijld|meteen|vervolgens|daarna|zodra|nadat|na\s+ontvangst"
    r"|na\s+afronding|na\s+afloop)(?!\w)",
    re.IGNORECASE,
)
# A deadline in the letter's own month is the letter itself being sent ("Zoals elk jaar bied ik u
# in november …" in a November letter), not a time to come.
CURRENT_PERIOD_PRECISIONS = ("month",)
# "in november", "deze maand" name the whole month; "eind maart" in a March letter is still ahead.
WHOLE_PERIOD = re.compile(r"(?:in|deze|dit)\b", re.IGNORECASE)
# Deadline phrases that bound a promise ("voor 1 april 2020", "uiterlijk eind 2019"), as opposed
# to the date of an event ("op 3 maart 2020").
OVERDUE_PHRASE = re.compile(r"(?:vóór|voor|uiterlijk|eind|einde|begin|medio|rond)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class MissingLetterDate(ValueError):
    """Deadlines are relative to the letter's date, so a letter without one cannot be read."""


@dataclass(frozen=True)
class Candidate:
    """A proposed commitment; `start` and `end` are its span in the original text."""

    sentence: str
    start: int
    end: int
    summary: str
    deadline_phrase: str
    due_date: datetime.date | None
    precision: str
    vague: bool
    official: str
    ministry: str
    confidence: float
    owner: str = ""
    reason: str = ""
    """`owner`: who the sentence makes responsible (owners.owner_of); `reason`: the parts that
    made it a promise, e.g. "agent: ik; marker: zal; delivery: informeren; deadline: in mei"."""


@dataclass(frozen=True)
class _Reading:
    """What one sentence contributes: is it a promise, does it lean on the one before it, and
    which deadline does it set."""

    sentence: Sentence
    deadline: Deadline | None
    promise: PromiseCue | None
    leans_back: bool


def extract(
    text: str,
    letter_date: datetime.date | None = None,
    calendar: ParliamentaryCalendar | None = None,
) -> list[Candidate]:
    """The candidate commitments in a letter, in document order.

    `letter_date` overrides the date the letter states; without either, MissingLetterDate.
    Without a calendar the recess rules are used (see ParliamentaryCalendar).
    """
    header = read_header(text)
    reference_date = letter_date or header.date
    if reference_date is None:
        raise MissingLetterDate("the letter states no date and none was given")
    calendar = calendar or ParliamentaryCalendar()
    readings: list[_Reading] = []
    for sentence in split_sentences(text):
        previous = readings[-1] if readings else None
        same_paragraph = previous is not None and previous.sentence.paragraph == sentence.paragraph
        readings.append(
            _read(sentence, previous if same_paragraph else None, reference_date, calendar)
        )
    candidates: list[Candidate] = []
    for group in _group_promises(_without_kept_promises(readings)):
        earlier = candidates[-1].owner if candidates else ""
        candidates.append(_candidate(group, header, earlier))
    return candidates


def _read(
    sentence: Sentence,
    previous: _Reading | None,
    reference_date: datetime.date,
    calendar: ParliamentaryCalendar,
) -> _Reading:
    deadline = _own_deadline(sentence.text, reference_date, calendar)
    if previous is not None and (deadline is None or deadline.vague):
        deadline = (
            find_deadline_referring_back(
                sentence.text, previous.sentence.text, previous.deadline, reference_date, calendar
            )
            or deadline
        )
    promise = find_promise(
        sentence.text,
        has_deadline=_time_to_come(deadline, reference_date),
        deadline_phrase=deadline.phrase if deadline else "",
    )
    if promise is not None and deadline is None and _overdue(promise.clause, reference_date):
        promise = None
    if promise is not None and promise.clause and promise.clause != sentence.text:
        # "De commissie rapporteert in maart, waarna ik uw Kamer voor de zomer zal informeren":
        # the promise's own clause dates it, not the third party's clause before.
        own = find_deadline(promise.clause, reference_date, calendar)
        relative = RELATIVE_TIME.search(promise.clause)
        if own is not None and not own.vague:
            deadline = own
        elif own is None and relative:
            # "De NZa rapporteert in maart en ik zal uw Kamer daarna informeren": after the NZa.
            deadline = Deadline(due_date=None, precision="none", vague=True, phrase=relative[0])
    return _Reading(
        sentence=sentence,
        deadline=deadline,
        promise=promise,
        leans_back=points_back(sentence.text),
    )


def _overdue(clause: str, reference_date: datetime.date) -> bool:
    """Whether a promise names a deadline, with its year, that passed before the letter: "dat ik
    Uw Kamer voor 1 april 2020 een notitie zal doen toekomen" in a letter of 6 April 2020 restates
    a promise the letter overtakes, not one it makes."""
    for match, _ in iter_phrase_matches(clause):
        phrase = match[0]
        if not (OVERDUE_PHRASE.match(phrase) and YEAR.search(phrase)):
            continue
        long_ago = datetime.date(reference_date.year - 50, 1, 1)
        then = find_deadline(phrase, long_ago)
        if then is not None and then.due_date is not None and then.due_date < reference_date:
            return True
    return False


def _own_deadline(
    text: str, reference_date: datetime.date, calendar: ParliamentaryCalendar
) -> Deadline | None:
    """The deadline a sentence sets of itself.

    A recurring promise ("elk kwartaal", "jaarlijks") has no due date. A sentence that reports
    in the past tense a promise still to come ("heeft toegezegd dat de Kamer in september …
    ontvangt") is read clause by clause when the whole gives no date, so that the past tense of
    the main clause does not void the time in the promised one.
    """
    recurring = RECURRING.search(text)
    if recurring:
        return Deadline(due_date=None, precision="none", vague=True, phrase=recurring[0])
    deadline = find_deadline(text, reference_date, calendar)
    if deadline is None or deadline.vague:
        for clause in clauses(text)[1:]:
            found = find_deadline(clause, reference_date, calendar)
            if found is not None and not found.vague:
                return found
    relative = RELATIVE_TIME.search(text)
    if deadline is None and relative:
        return Deadline(due_date=None, precision="none", vague=True, phrase=relative[0])
    return deadline


def _without_kept_promises(readings: list[_Reading]) -> list[_Reading]:
    """An earlier promise restated ("Tijdens het debat heb ik toegezegd u te informeren over X")
    and kept or given up by the next sentence of its paragraph ("Met deze brief doe ik dat",
    "Dat lukt helaas niet") is no promise: what still counts is the new one, if any."""
    kept = []
    for index, reading in enumerate(readings):
        following = readings[index + 1] if index + 1 < len(readings) else None
        if (
            reading.promise is not None
            and is_restated(reading.promise)
            and following is not None
            and _same_paragraph(reading, following)
            and keeps_promise(following.sentence.text)
        ):
            reading = dataclasses.replace(reading, promise=None)
        kept.append(reading)
    return kept


def _time_to_come(deadline: Deadline | None, reference_date: datetime.date) -> bool:
    """Whether a deadline names a time after the letter's own month, or a vague one
    ("binnenkort", "zodra de resultaten er zijn")."""
    if deadline is None:
        return False
    if deadline.due_date is None:
        return True
    if deadline.due_date <= reference_date:
        # "Separaat ontvangt de Kamer vandaag een brief": sent with this letter.
        return False
    same_month = (deadline.due_date.year, deadline.due_date.month) == (
        reference_date.year,
        reference_date.month,
    )
    whole_month = deadline.precision in CURRENT_PERIOD_PRECISIONS and WHOLE_PERIOD.match(
        deadline.phrase
    )
    return not (same_month and whole_month)


def _group_promises(readings: list[_Reading]) -> list[list[_Reading]]:
    groups: list[list[_Reading]] = []
    used: set[int] = set()
    for index, reading in enumerate(readings):
        if index in used or reading.promise is None:
            continue
        following = readings[index + 1] if index + 1 < len(readings) else None
        preceding = readings[index - 1] if index > 0 and index - 1 not in used else None
        if following and _same_paragraph(reading, following) and _follows_up(following):
            members = [index, index + 1]
        elif preceding and _same_paragraph(preceding, reading) and _needs(reading, preceding):
            members = [index - 1, index]
        else:
            members = [index]
        used.update(members)
        groups.append([readings[member] for member in members])
    return groups


def _same_paragraph(first: _Reading, second: _Reading) -> bool:
    return first.sentence.paragraph == second.sentence.paragraph


def _follows_up(reading: _Reading) -> bool:
    return reading.promise is not None and reading.leans_back


def _needs(promise: _Reading, preceding: _Reading) -> bool:
    """Whether a promise needs the sentence before it: for its subject or for its deadline."""
    if promise.leans_back:
        return True
    return promise.deadline is None and preceding.deadline is not None


def _candidate(group: list[_Reading], header: Header, earlier_owner: str) -> Candidate:
    deadline = next(
        (reading.deadline for reading in reversed(group) if reading.deadline is not None), None
    )
    promise = next(reading for reading in reversed(group) if reading.promise)
    confidence = max(reading.promise.confidence for reading in group if reading.promise)
    if deadline is not None and not deadline.vague:
        confidence = min(confidence + DEADLINE_BONUS, 0.99)
    return Candidate(
        sentence=" ".join(reading.sentence.text for reading in group),
        start=group[0].sentence.start,
        end=group[-1].sentence.end,
        summary=_summary(group),
        deadline_phrase=deadline.phrase if deadline else "",
        due_date=deadline.due_date if deadline else None,
        precision=deadline.precision if deadline else "none",
        vague=deadline.vague if deadline else True,
        official=header.official,
        ministry=header.ministry,
        confidence=round(confidence, 2),
        owner=owner_of(
            promise.sentence.text,
            dict(promise.promise.parts).get("agent", ""),
            header.functions,
            earlier_owner,
        ),
        reason=_reason(promise.promise, deadline),
    )


def _reason(cue: PromiseCue, deadline: Deadline | None) -> str:
    """The parts that made the promise, for a clerk: "agent: ik; marker: zal; …"."""
    parts = [f"{part}: {words}" for part, words in cue.parts]
    parts.append(f"deadline: {deadline.phrase}" if deadline else "deadline: none")
    return "; ".join(parts)


def _summary(group: list[_Reading]) -> str:
    """A short, deterministic summary: what kind of promise, then what it is about.

    The subject comes from the longest sentence of the group: a sentence that leans on another
    ("Uw Kamer zal hierover worden geïnformeerd", "Het wetgevingstraject is inmiddels gestart")
    is short because it says little of its own. Of a report ("... is aan uw Kamer gemeld dat A
    en dat B") the summary keeps the last thing reported.
    """
    label = next(reading.promise.label for reading in reversed(group) if reading.promise)
    subject = max((reading.sentence.text for reading in group), key=len)
    subject = PARENTHETICAL_ALIAS.sub("", subject)
    reported = REPORTING_CLAUSE.sub("", subject, count=1)
    reported = LATER_CLAUSE.split(reported)[-1]
    if len(reported) >= MINIMAL_SUBJECT:
        subject = reported
    subject = subject.rstrip(" .")
    subject = subject[:1].upper() + subject[1:]
    return _shorten(f"{label}: {subject}", SUMMARY_LENGTH)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"
