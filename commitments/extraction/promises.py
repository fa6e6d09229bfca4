"""How Dutch ministers promise things to parliament, and what only looks like a promise.

A promise is recognised by its parts (the words of each part are in promise_words.py), not by
the phrases of particular letters:

- an agent: the government speaking ("ik", "het kabinet", "de staatssecretaris"), or the Chamber
  as the one who receives ("U ontvangt …", "uw Kamer wordt … geïnformeerd");
- a marker of commitment: the future, a wish, an expectation, an aim, an intention, keeping the
  Chamber informed, a promise in so many words, or the present tense with a time to come;
- a delivery to parliament: a verb of informing or sending, a deliverable that becomes ready or
  follows ("De kabinetsreactie volgt voor de zomer"), legislation in preparation. The future
  with an agent but no delivery is an act the Chamber may hold the minister to when it says when
  or touches something to deliver ("In de komende weken zal ik met partijen overleggen", "Ik
  zal de rapportage betrekken bij mijn visie"); without either ("Ik zal bezien of …") it is an
  assurance with nothing to check. Taking something along ("Ik neem dit mee in de evaluatie")
  and having it studied ("Ik laat onderzoeken of …") count too. Acts count with less
  confidence than deliveries.

The parts are sought within one clause, in any order, so that main-clause order ("Ik zal u in
mei informeren"), inversion ("In mei zal ik u informeren") and verb-final order ("…, waarna ik
uw Kamer in het voorjaar de uitkomsten zal toezenden") are one rule. A sentence is cut into
clauses before the words that open a subordinate clause ("dat ik", "waarna", "die we", "zodra").

A clause is no promise when it is negated between its agent and its delivery ("Ik kan u niet
toezeggen"), when it is what this very letter does ("In deze brief ga ik in op", "Hierbij stuur
ik u"), when it repeats a habit now ("Zoals gebruikelijk zend ik u ook dit voorjaar …"), when it
reports a request of the Chamber, when it looks back ("zou", the perfect tense with a present
verb), or when a question. A promise in so many words ("zeg toe", "is toegezegd") needs
something promised: a "te" infinitive or a following "dat" clause that acts or delivers; "Wel kan
ik toezeggen dat de tarieven niet stijgen" is an assurance. An earlier promise restated and kept
or given up in the same sentence ("…; met deze brief kom ik die toezegging na") is none.

A clause that expects, wishes, aims or intends lends its marker to the "dat" clause it governs:
"Ik verwacht dat ik u in mei kan informeren".
"""

import dataclasses
import itertools
import re
from dataclasses import dataclass

from commitments.extraction.promise_patterns import (
    AGENT,
    ANSWERS,
    ASIDE,
    BY_OTHERS,
    CHAMBER,
    CLAUSE_START,
    COMING_BACK,
    CONDITION,
    DELIVERABLE,
    DELIVERED,
    DELIVERY,
    DISCOURSE,
    FOLLOWS,
    FULFILLED,
    FUTURE,
    GIVEN_UP,
    HABIT,
    HYPOTHETICAL,
    IMPERSONAL,
    IN_THIS_DEBATE,
    LATER,
    LEGISLATION,
    LENDING_KINDS,
    MARKERS,
    NEGATION,
    NEXT_TEXT,
    NO_ACT,
    NOT_FUTURE_GAAN,
    OFFICE,
    OTHER_RECIPIENT,
    OTHERS_DELIVERABLE,
    PASSIVE_AHEAD,
    PASSIVE_SUBJECT,
    PERFECT,
    POINTS_BACK,
    PRESENT_ACT,
    PRESENT_DELIVERY,
    PROMISE,
    PROMISED_INFINITIVE,
    READY,
    READY_AHEAD,
    RECEIVE_MARKER,
    RECEIVED_PRONOUN,
    RECEIVES,
    RECIPIENT,
    RECURRING,
    REPORTS,
    REQUEST,
    STATE_ENDING,
    TAKE_ALONG,
    THIRD_PERSON,
    THIS_LETTER,
    YOU_PASSIVE,
)


@dataclass(frozen=True)
class PromiseCue:
    """Why a sentence is a promise.

    `name` says which parts were combined, `label` names the kind of promise in Dutch to open a
    summary, `confidence` is in [0, 1], and `parts` lists (part, the words that matched), the
    parts being "agent", "marker" and "delivery", for a clerk to see why it was proposed.
    `clause` is the clause of the sentence that makes the promise.
    """

    name: str
    label: str
    confidence: float
    parts: tuple[tuple[str, str], ...] = ()
    clause: str = ""


@dataclass(frozen=True)
class Exclusion:
    """A way of speaking that only looks like a promise."""

    name: str


def clauses(sentence: str) -> list[str]:
    """The sentence cut before each word that opens a subordinate clause."""
    cuts = [0, *(m.start() for m in CLAUSE_START.finditer(sentence)), len(sentence)]
    return [sentence[a:b].strip() for a, b in itertools.pairwise(cuts) if b > a]


def find_promise(
    sentence: str, *, has_deadline: bool, deadline_phrase: str = ""
) -> PromiseCue | None:
    """The promise `sentence` makes, or None when it makes none.

    `has_deadline` says whether the sentence names a time still to come; `deadline_phrase`, when
    given, is that time's words, so that the present tense counts only in the clause holding it.
    """
    cue, veto = weigh_promise(sentence, has_deadline=has_deadline, deadline_phrase=deadline_phrase)
    return None if veto else cue


def weigh_promise(
    sentence: str, *, has_deadline: bool, deadline_phrase: str = ""
) -> tuple[PromiseCue | None, Exclusion | None]:
    """The most confident promise in `sentence`, and the exclusion that vetoes it, if any.

    Kept apart from find_promise so that a miss can be explained: no promise found at all, or
    one outvoted by what only looks like a promise.
    """
    if sentence.rstrip().endswith("?"):
        return None, Exclusion("a question")
    parts = clauses(sentence)
    best: PromiseCue | None = None
    veto: Exclusion | None = None
    this_letter_before = False
    inherited = ("", "")
    # "Ik informeer u zodra de resultaten er zijn": a condition times the present tense too, and
    # so does a text still to come ("Ik informeer u hierover in de volgende voortgangsbrief").
    conditional = bool(CONDITION.search(sentence))
    for index, clause in enumerate(parts):
        timed = (
            conditional
            or bool(NEXT_TEXT.search(clause))
            or (has_deadline and (not deadline_phrase or deadline_phrase.lower() in clause.lower()))
        )
        following = parts[index + 1] if index + 1 < len(parts) else ""
        cue = _clause_promise(clause, sentence, timed, following, inherited)
        cue = dataclasses.replace(cue, clause=clause) if cue is not None else None
        inherited = _governing(clause, sentence, timed) or inherited
        if this_letter_before and cue is not None and cue.name.endswith("act"):
            # "Middels deze brief deel ik u mee dat ik zal verdergaan met …": what this letter
            # tells; only a delivery in it ("… dat ik u in april de evaluatie zal sturen") counts.
            cue = None
        this_letter_before = this_letter_before or bool(THIS_LETTER.search(clause))
        if cue is None:
            continue
        excluded = _exclusion(clause, cue) or _overtaken(sentence, cue)
        if excluded is not None:
            veto = veto or excluded
            continue
        if best is None or cue.confidence > best.confidence:
            best = cue
    if best is not None:
        return best, None
    return None, veto


def is_restated(cue: PromiseCue) -> bool:
    """Whether a promise reports an earlier one ("is toegezegd", "de toezegging om"): the
    letter may keep it in the next sentence."""
    marker = dict(cue.parts).get("marker", "").lower()
    return cue.label == "Toezegging" and ("toegezegd" in marker or "toezegging" in marker)


def keeps_promise(sentence: str) -> bool:
    """Whether the sentence keeps an earlier promise now ("Met deze brief doe ik dat",
    "Hierbij …") or gives it up ("Dat lukt helaas niet", "Door vertraging …")."""
    return bool(
        FULFILLED.search(sentence) or THIS_LETTER.search(sentence) or GIVEN_UP.search(sentence)
    )


def _exclusion(clause: str, cue: PromiseCue) -> Exclusion | None:
    # "Hierbij zeg ik u toe …" promises now; only a promise in so many words survives "hierbij".
    performative = cue.label == "Toezegging" and not is_restated(cue)
    if THIS_LETTER.search(clause) and not performative:
        return Exclusion("what this letter itself does")
    if HABIT.search(clause) and _present(cue):
        return Exclusion("a habit done again now")
    if FULFILLED.search(clause):
        return Exclusion("a promise kept or overtaken")
    if IN_THIS_DEBATE.search(clause):
        return Exclusion("later in this debate")
    if REQUEST.search(clause):
        return Exclusion("a request of the Chamber")
    if _negated(clause, cue):
        return Exclusion("negated")
    if cue.name.endswith("act") and STATE_ENDING.search(clause):
        return Exclusion("a state, not an act")
    return None


def _overtaken(sentence: str, cue: PromiseCue) -> Exclusion | None:
    """An earlier promise restated only to be kept or given up in the same sentence: "…; met
    deze brief kom ik die toezegging na", "…, maar dat lukt helaas niet"."""
    if not is_restated(cue):
        return None
    if FULFILLED.search(sentence) or THIS_LETTER.search(sentence):
        return Exclusion("a promise kept or overtaken")
    if GIVEN_UP.search(sentence):
        return Exclusion("a promise given up or postponed")
    return None


def _present(cue: PromiseCue) -> bool:
    return "present" in cue.name or dict(cue.parts).get("marker") == "present with a time"


def _negated(clause: str, cue: PromiseCue) -> bool:
    """A negation after the marker or agent and before the delivery cancels the promise."""
    negation = NEGATION.search(clause)
    if negation is None:
        return False
    if cue.label == "Toezegging":
        # "zegt toe geen onomkeerbare stappen te zetten" promises not to act; only "kan niet
        # toezeggen" takes the promise back.
        promise = PROMISE.search(clause)
        return promise is not None and negation.start() < promise.end()
    delivery = dict(cue.parts).get("delivery")
    end = clause.lower().rfind(delivery.lower()) if delivery else len(clause)
    return negation.start() < max(end, 0) or end < 0


def _found(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match[0] if match else ""


def _agent(clause: str, sentence: str) -> str:
    """Who promises in the clause: the government speaking, a minister named in the sentence
    ("… zegt toe dat hij …"), or the government's intention said impersonally about something
    for the Chamber ("Het streven is om de evaluatie voor de zomer aan de Kamer te sturen")."""
    agent = _found(AGENT, clause)
    if not agent and OFFICE.search(sentence):
        agent = _found(THIRD_PERSON, clause)
    if not agent and CHAMBER.search(clause):
        agent = _found(IMPERSONAL, clause)
    return agent


def _marker(clause: str, timed: bool) -> tuple[str, str]:
    """(kind, words) of the clause's marker of commitment, or ("", "")."""
    future = _found(FUTURE, clause)
    if future and not NOT_FUTURE_GAAN.search(clause):
        return "future", future
    for kind, pattern in MARKERS.items():
        found = _found(pattern, clause)
        if found:
            return kind, found
    if (timed or RECURRING.search(clause)) and not PERFECT.search(clause):
        present = _found(PRESENT_DELIVERY, clause) or _found(PRESENT_ACT, clause)
        if present:
            return "present with a time", present
    coming_back = _found(COMING_BACK, clause)
    if coming_back and (LATER.search(clause) or DELIVERABLE.search(clause)):
        return "present with a time", coming_back
    return "", ""


def _governing(clause: str, sentence: str, timed: bool) -> tuple[str, str] | None:
    """The marker a clause lends to the "dat" clause after it: "Ik verwacht dat ik u in mei kan
    informeren" expects what the second clause says. None when it lends none."""
    if not _agent(clause, sentence):
        return None
    kind, marker = _marker(clause, timed)
    return (kind, marker) if kind in LENDING_KINDS else None


def _clause_promise(
    clause: str, sentence: str, timed: bool, following: str, inherited: tuple[str, str]
) -> PromiseCue | None:
    """The promise one clause makes; `inherited` is the (kind, words) of the marker of the
    clause that governs it, ("", "") when none."""
    if HYPOTHETICAL.search(clause):
        return None
    agent = _agent(clause, sentence)
    explicit = _explicit_promise(clause, agent, following)
    if explicit is not None:
        return explicit
    received = _received(clause, sentence, timed)
    if received is not None:
        return received
    kind, marker = _marker(clause, timed)
    if not marker and clause.lower().startswith("dat "):
        kind, marker = inherited
    if kind == "present with a time" and REPORTS.search(clause):
        # "Ik bericht u dat, zodra de Commissie publiceert, …": telling now what others do.
        return None
    delivery = _delivery(clause, kind, timed)
    if kind == "wish" and not (timed or "terug" in delivery.lower()):
        # "Ten behoeve van dit AO wil ik uw Kamer informeren": this letter does it.
        delivery = ""
    if agent and marker and delivery:
        confidence = {"future": 0.9, "present with a time": 0.75}.get(kind, 0.85)
        parts = (("agent", agent), ("marker", marker), ("delivery", delivery))
        return PromiseCue(f"agent + {kind} + delivery", _label(kind), confidence, parts)
    return _lesser_promise(clause, sentence, timed, agent, (kind, marker))


def _lesser_promise(
    clause: str, sentence: str, timed: bool, agent: str, marking: tuple[str, str]
) -> PromiseCue | None:
    """A promise without a delivery verb: a deliverable that will be ready or follows, taking
    something along, an act in the future or the present with a time, legislation underway."""
    kind, marker = marking
    for_chamber = (
        CHAMBER.search(sentence) or YOU_PASSIVE.search(sentence) or ANSWERS.search(sentence)
    )
    ready = _ready(clause, kind, marker) if for_chamber else None
    if ready is not None:
        return ready
    take_along = _found(TAKE_ALONG, clause)
    if agent and take_along:
        parts = (("agent", agent), ("marker", take_along))
        return PromiseCue("agent + taking along or studying", "Meenemen", 0.7, parts)
    if timed and DELIVERABLE.search(clause) and FOLLOWS.search(clause):
        parts = (("marker", "present with a time"), ("delivery", _found(DELIVERABLE, clause)))
        return PromiseCue("deliverable follows", "Oplevering", 0.75, parts)
    if agent and kind == "present with a time" and PRESENT_ACT.search(clause):
        parts = (("agent", agent), ("marker", marker))
        return PromiseCue("agent + present with a time + act", "Actie", 0.7, parts)
    # An act in the future counts when it says when or touches something to deliver ("Ik zal de
    # inhoud van deze rapportage betrekken in mijn visie"); without either ("Ik zal bezien of …",
    # "… dat ik zal verdergaan met de voorbereiding") it is an assurance with nothing to check.
    concrete = timed or DELIVERABLE.search(clause)
    if agent and marker.lower() in ("zal", "zullen") and concrete and not NO_ACT.search(clause):
        return PromiseCue(
            "agent + future + act", "Actie", 0.65, (("agent", agent), ("marker", marker))
        )
    if LEGISLATION.search(clause):
        return PromiseCue(
            "legislation in preparation",
            "Wetgeving",
            0.6,
            (("delivery", _found(LEGISLATION, clause)),),
        )
    return None


def _delivery(clause: str, kind: str, timed: bool) -> str:
    """The words delivering something to the Chamber, or "" when there are none."""
    delivery = _found(DELIVERY, clause)
    if delivery and OTHER_RECIPIENT.search(clause) and not RECIPIENT.search(clause):
        delivery = ""
    discourse = _found(DISCOURSE, clause)
    if not delivery and discourse and (timed or DELIVERABLE.search(clause)):
        delivery = discourse
    owned = DELIVERABLE.search(clause) and not OTHERS_DELIVERABLE.search(clause)
    if not delivery and owned and kind in ("expectation", "intention"):
        # "Ik verwacht de resultaten te hebben in mei"; not "Ik verwacht hun advies in mei",
        # a third party's date.
        delivery = _found(DELIVERABLE, clause)
    return delivery


def _explicit_promise(clause: str, agent: str, following: str) -> PromiseCue | None:
    """ "zegt de Kamer toe … te", "heb ik toegezegd om … te", "is toegezegd dat …"."""
    promise = _found(PROMISE, clause)
    if not promise:
        return None
    passive = re.search(r"(?<!\w)(?:is|werd|zijn|werden)\s+(?:\S+\s+){0,3}?toegezegd", clause, re.I)
    if not (agent or passive or promise.lower() == "toezegging"):
        return None
    infinitive = _found(PROMISED_INFINITIVE, clause)
    acts = following.lower().startswith("dat") and bool(
        FUTURE.search(following)
        or DELIVERY.search(following)
        or PASSIVE_AHEAD.search(following)
        or DELIVERABLE.search(following)
    )
    if not (infinitive or acts):
        return None
    parts = (
        ("agent", agent or "passive"),
        ("marker", _shortened(promise)),
        ("delivery", " ".join(infinitive.split()[-2:]) if infinitive else _promised_in(following)),
    )
    return PromiseCue("agent + promise + what is promised", "Toezegging", 0.95, parts)


def _shortened(words: str) -> str:
    """ "zegt de Kamer, naar aanleiding van …, toe" → "zegt … toe": the words a clerk needs."""
    split = words.split()
    return (
        words
        if len(split) <= 3
        else f"{split[0]} … {split[-2]} {split[-1]}".replace(f"… {split[-2]} toe", "… toe")
    )


def _promised_in(clause: str) -> str:
    """What a "dat" clause promises, by its verb: "dat hij … niet zal wijzigen" → "zal"."""
    return (
        _found(DELIVERY, clause)
        or _found(FUTURE, clause)
        or _found(PASSIVE_AHEAD, clause)
        or _found(DELIVERABLE, clause)
    )


def _received(clause: str, sentence: str, timed: bool) -> PromiseCue | None:
    """The Chamber as receiver: "U ontvangt …", "uw Kamer wordt … geïnformeerd"."""
    receives = _found(RECEIVES, ASIDE.sub(" ", clause))
    # Something to receive: "Zoals u kunt verwachten" receives nothing.
    if receives and (DELIVERABLE.search(sentence) or RECEIVED_PRONOUN.search(clause)):
        marker = _found(RECEIVE_MARKER, clause) or (
            "present with a time" if timed or RECURRING.search(clause) else ""
        )
        if marker:
            parts = (("agent", "the Chamber receives"), ("marker", marker), ("delivery", receives))
            return PromiseCue("Chamber receives", "Kamer ontvangt", 0.85, parts)
    delivered = _found(DELIVERED, clause)
    ahead = _found(PASSIVE_AHEAD, clause)
    to_chamber = (
        CHAMBER.search(clause)
        or YOU_PASSIVE.search(clause)
        or (
            (CHAMBER.search(sentence) or ANSWERS.search(sentence))
            and not OTHER_RECIPIENT.search(clause)
        )
    )
    if delivered and ahead and to_chamber and not _other_subject(clause):
        parts = (("agent", "passive, to the Chamber"), ("marker", ahead), ("delivery", delivered))
        return PromiseCue("Chamber will be informed", "Kamer informeren", 0.85, parts)
    return None


def _other_subject(clause: str) -> bool:
    """Whether the passive is about someone else: "worden de gemeenten hierover geïnformeerd"
    (a deliverable or the Chamber as subject is the Chamber's: "wordt het rapport gestuurd")."""
    subject = PASSIVE_SUBJECT.search(clause)
    if subject is None:
        return False
    noun = subject["noun"]
    # "wordt de Tweede Kamer": the Chamber's name runs on past the first noun.
    named = clause[subject.start() : subject.end() + 30]
    return not (DELIVERABLE.fullmatch(noun) or CHAMBER.search(named) or noun.lower() == "u")


def _ready(clause: str, kind: str, marker: str) -> PromiseCue | None:
    """A deliverable that will be ready: "De evaluatie zal naar verwachting in mei gereed zijn"
    (the caller asks for the Chamber in the sentence: a report ready for no one is a forecast)."""
    deliverable, ready = _found(DELIVERABLE, clause), _found(READY, clause)
    ahead = _found(READY_AHEAD, clause)
    if not (deliverable and ready and ahead):
        return None
    # Only the expected or the future: "De resultaten worden … opgeleverd" alone reports, often
    # a third party's plan ("wordt maandelijks door de IND gepubliceerd").
    if kind not in ("expectation", "future") or BY_OTHERS.search(clause):
        return None
    confidence = 0.75 if kind == "expectation" else 0.6
    parts = (("marker", marker or ahead), ("delivery", f"{deliverable} {ready}"))
    return PromiseCue("deliverable will be ready", "Oplevering", confidence, parts)


def _label(kind: str) -> str:
    return {
        "expectation": "Verwachting",
        "aim": "Streven",
        "intention": "Voornemen",
    }.get(kind, "Kamer informeren")


def points_back(sentence: str) -> bool:
    """Whether the sentence leans on the one before it for what it is about."""
    return bool(POINTS_BACK.search(sentence))
