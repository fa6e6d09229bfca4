"""How Dutch ministers promise things to parliament, and what only looks like a promise.

A letter to the Tweede Kamer mixes promises ("Uw Kamer zal hierover worden geïnformeerd", "Ik
verwacht de resultaten te hebben aan het einde van volgend voorjaar") with history ("De laatste
jaren zijn tal van initiatieven genomen"), with what others did ("De VNG heeft hard gewerkt") and
with general policy ("Blijvend moet worden geïnvesteerd"). Only the first kind belongs in the
register.

A sentence is a promise when one of the cues in CUES matches and no exclusion in EXCLUSIONS
vetoes it. Each cue carries a confidence: an explicit first-person promise to inform or send is
near certain, a report that "the results will be delivered" less so. Exclusions for the past can
be outweighed by a strong cue ("Zodra het rapport is opgeleverd, zal ik uw Kamer informeren" is
a promise despite its past participle); exclusions for what this very letter does ("In deze brief
ga ik in op ...") cannot.

Some cues use the present tense, which in Dutch promises only together with a time ("Voor de
zomer stuur ik uw Kamer ..."); they need a deadline phrase in the sentence to count.
"""

import re
from dataclasses import dataclass

# The one who promises: the minister or the government speaking for itself.
MINISTER = (
    r"(?:ik|wij|we|het\s+kabinet|de\s+regering|mijn\s+(?:departement|ministerie)|het\s+ministerie)"
)
# The Chamber or the committee that a promise is made to.
CHAMBER = r"(?:uw|de)\s+(?:Kamer|commissie)"
RECIPIENT = rf"(?:{CHAMBER}|u)"
# Verbs of informing and sending: what most promises to parliament come down to.
INFORM = (
    r"(?:informeren|inlichten|berichten|rapporteren|terugrapporteren|terugkoppelen|beantwoorden|"
    r"(?:toe|op|ver)?(?:sturen|zenden)|doen\s+toekomen|aanbieden|voorleggen|"
    r"op\s+de\s+hoogte\s+(?:stellen|houden))"
)
FUTURE = r"(?:zal|zullen|zult|ga|gaan|kan|kunnen)"
# Things that can be delivered; "de resultaten worden ... opgeleverd".
DELIVERABLE = (
    r"(?:resultaten|uitkomsten|bevindingen|rapport|rapportage|eindrapport|onderzoek|evaluatie|"
    r"advies|monitor|verkenning|analyse|beantwoording|antwoorden|kabinetsreactie|reactie|"
    r"voortgangsbrief|voortgangsrapportage|wetsvoorstel|actieplan|plan|uitwerking)"
)
DELIVERED = (
    r"(?:opgeleverd|verwacht|gepubliceerd|afgerond|verstuurd|verzonden|aangeboden|gepresenteerd|"
    r"toegezonden|gestuurd|openbaar\s+gemaakt)"
)
STUDY = r"(?:onderzoeken|uitzoeken|evalueren|uitvoeren|opstellen|doorrekenen|in\s+kaart\s+brengen)"


def gap(words: int) -> str:
    """Up to `words` words in between, as few as possible."""
    return rf"(?:\S+\s+){{0,{words}}}?"


def gap_without(word: str, words: int) -> str:
    """Up to `words` words in between, none of them `word`."""
    return rf"(?:(?!{word}\b)\S+\s+){{0,{words}}}?"


# The minister as the subject of a future verb, also when that verb is coordinated with another
# one: "Ik wil het PBL bedanken voor het rapport en zal de conclusies bestuderen". A "dat" in
# between would start a clause with a subject of its own, so it ends the reach.
SUBJECT = (
    rf"(?:{MINISTER}|{MINISTER}\s+(?:wil|willen|heb|hebben|ben|zijn|kan|kunnen)\s+"
    rf"{gap_without('dat', 12)}en)"
)
# An intention in any word order, the subordinate one included ("dat ik voornemens ben ...").
INTENDS = (
    r"(?:(?:ik\s+ben|wij\s+zijn|we\s+zijn|het\s+kabinet\s+is"
    r"|ben\s+ik|zijn\s+wij|is\s+het\s+kabinet)\s+(?:voornemens|van\s+plan)"
    r"|(?:ik|wij|we|het\s+kabinet)\s+(?:voornemens|van\s+plan)\s+(?:ben|zijn|is)"
    r"|het\s+is\s+mijn\s+voornemen)"
)


@dataclass(frozen=True)
class PromiseCue:
    """A way of promising. `label` names the kind of promise in Dutch, to open a summary."""

    name: str
    label: str
    pattern: re.Pattern[str]
    confidence: float
    needs_deadline: bool = False


@dataclass(frozen=True)
class Exclusion:
    """A way of speaking that only looks like a promise."""

    name: str
    pattern: re.Pattern[str]
    outweighed_by_strong_cue: bool


# A cue at least this confident outweighs an exclusion for the past.
STRONG_CUE = 0.85


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def _cue(
    name: str, label: str, pattern: str, confidence: float, *, needs_deadline: bool = False
) -> PromiseCue:
    return PromiseCue(name, label, _compile(pattern), confidence, needs_deadline)


CUES: tuple[PromiseCue, ...] = (
    _cue("promise", "Toezegging", rf"{MINISTER}\s+(?:zeg|zeggen)\s+{gap(8)}toe|toezeggen", 0.95),
    _cue("promise inverted", "Toezegging", rf"zeg(?:gen)?\s+(?:ik|wij|we)\s+{gap(8)}toe", 0.95),
    _cue(
        "chamber will be informed",
        "Kamer informeren",
        rf"{CHAMBER}\s+(?:zal|zullen|wordt)\s+{gap(8)}(?:worden\s+)?"
        r"(?:geïnformeerd|ingelicht|op\s+de\s+hoogte\s+(?:gesteld|gehouden)|nader\s+bericht)",
        0.9,
    ),
    _cue(
        "chamber will be informed, inverted",
        "Kamer informeren",
        rf"(?:zal|zullen|wordt)\s+{CHAMBER}\s+{gap(8)}(?:worden\s+)?"
        r"(?:geïnformeerd|ingelicht|op\s+de\s+hoogte\s+(?:gesteld|gehouden)|nader\s+bericht)",
        0.9,
    ),
    _cue(
        "minister will inform",
        "Kamer informeren",
        rf"{SUBJECT}\s+{FUTURE}\s+{gap(12)}{INFORM}",
        0.85,
    ),
    _cue(
        "minister will inform, inverted",
        "Kamer informeren",
        rf"{FUTURE}\s+(?:ik|wij|we|het\s+kabinet)\s+{gap(12)}{INFORM}",
        0.85,
    ),
    _cue(
        "chamber will receive",
        "Kamer ontvangt",
        rf"(?:zult|zal|zullen)\s+{RECIPIENT}\s+{gap(10)}"
        r"(?:ontvangen|tegemoet\s+(?:kunnen\s+)?zien|tegemoetzien)"
        rf"|(?:{RECIPIENT}\s+(?:kunt|kan)|(?:kunt|kan)\s+{RECIPIENT})\s+{gap(10)}"
        r"(?:tegemoet\s+zien|tegemoetzien|verwachten)"
        # The subordinate order: "dat uw Kamer de notitie voor Prinsjesdag tegemoet kan zien".
        rf"|{RECIPIENT}\s+{gap_without('dat', 14)}(?:tegemoet\s+(?:kunt|kan|zult|zal)\s+zien"
        r"|(?:kunt|kan|zult|zal)\s+(?:tegemoetzien|tegemoet\s+zien))",
        0.85,
    ),
    _cue(
        "minister expects to deliver",
        "Verwachting",
        rf"{MINISTER}\s+verwacht(?:en)?\s+{gap_without('dat', 12)}(?:af\s+|op\s+|toe\s+)?te\s+\w+",
        0.8,
    ),
    _cue(
        "minister expects to deliver, inverted",
        "Verwachting",
        rf"verwacht(?:en)?\s+(?:ik|wij|we|het\s+kabinet)\s+{gap_without('dat', 12)}"
        r"(?:af\s+|op\s+|toe\s+)?te\s+\w+",
        0.8,
    ),
    _cue(
        "minister will come back to it",
        "Terugkomen op",
        rf"{MINISTER}\s+(?:kom|komen|zal|zullen)\s+{gap(10)}terug(?:komen)?"
        rf"|kom(?:en)?\s+(?:ik|wij|we|het\s+kabinet)\s+{gap(10)}terug",
        0.85,
    ),
    _cue(
        "minister will come with a proposal",
        "Voorstel",
        rf"{MINISTER}\s+(?:kom|komt|komen)\s+{gap(8)}met\s+(?:een|het|de)"
        rf"|kom(?:t|en)?\s+(?:ik|wij|we|het\s+kabinet)\s+{gap(8)}met\s+(?:een|het|de)",
        0.75,
    ),
    _cue(
        "deliverable is expected",
        "Oplevering",
        rf"(?:de|het)\s+{DELIVERABLE}\s+{gap(12)}(?:worden|wordt|zullen|zal)\s+{gap(8)}{DELIVERED}",
        0.75,
    ),
    _cue(
        "minister aims to",
        "Streven",
        rf"{MINISTER}\s+(?:streef|streeft|streven)\s+(?:er\s*naar|ernaar)"
        r"|streef\s+ik\s+(?:er\s*naar|ernaar)|het\s+streven\s+is|mijn\s+streven\s+is"
        r"|(?:mijn|onze)\s+inspanningen\s+zijn\s+erop\s+gericht",
        0.75,
    ),
    _cue(
        "minister intends to inform",
        "Kamer informeren",
        rf"{INTENDS}\s+{gap(16)}te\s+{INFORM}",
        0.85,
    ),
    _cue(
        "minister proposes to inform",
        "Kamer informeren",
        rf"(?:{MINISTER}\s+(?:stel|stellen)|stel(?:len)?\s+(?:ik|wij|we))\s+(?:u\s+)?voor\s+"
        rf"{gap(12)}te\s+{INFORM}",
        0.8,
    ),
    _cue("minister intends to", "Voornemen", INTENDS, 0.7),
    _cue(
        "minister will take it along",
        "Meenemen",
        rf"{MINISTER}\s+(?:neem|neemt|nemen)\s+{gap(10)}mee\s+(?:in|bij)"
        rf"|neem\s+(?:ik|wij|we)\s+{gap(10)}mee\s+(?:in|bij)",
        0.7,
    ),
    _cue(
        "minister has it studied",
        "Onderzoek",
        rf"{MINISTER}\s+(?:laat|laten)\s+{gap(8)}{STUDY}|laat\s+(?:ik|wij|we)\s+{gap(8)}{STUDY}",
        0.7,
    ),
    _cue(
        "legislation under way",
        "Wetgeving",
        r"(?:het\s+)?wetgevingstraject\s+(?:is|wordt)\s+(?:inmiddels\s+|reeds\s+|nu\s+)?"
        r"(?:gestart|in\s+gang\s+gezet|opgestart|in\s+voorbereiding)"
        r"|wetsvoorstel\s+(?:is|wordt)\s+(?:inmiddels\s+|nu\s+)?(?:in\s+voorbereiding|voorbereid)"
        rf"|{MINISTER}\s+(?:bereid|bereidt|bereiden|werk|werkt|werken)\s+{gap(4)}"
        r"(?:aan\s+)?(?:een|het)\s+wetsvoorstel",
        0.6,
    ),
    _cue(
        "minister will act",
        "Actie",
        rf"{SUBJECT}\s+(?:zal|zullen|ga|gaan)|(?:zal|zullen|ga|gaan)\s+{MINISTER}",
        0.65,
    ),
    _cue(
        "minister sends, with a time",
        "Kamer informeren",
        r"(?:informeer|bericht|stuur|zend|verstuur|rapporteer|bied)\s+(?:ik|wij|we|het\s+kabinet)"
        rf"|{MINISTER}\s+(?:informeer|informeert|stuur|stuurt|zend|zendt|bericht)\s+{gap(6)}"
        rf"{RECIPIENT}",
        0.75,
        needs_deadline=True,
    ),
    _cue(
        "chamber receives, with a time",
        "Kamer ontvangt",
        rf"(?:ontvangt|krijgt)\s+{RECIPIENT}|{CHAMBER}\s+(?:ontvangt|krijgt)",
        0.75,
        needs_deadline=True,
    ),
    _cue(
        "minister starts, with a time",
        "Actie",
        rf"(?:start|begint|starten|beginnen)\s+{MINISTER}"
        rf"|{MINISTER}\s+(?:start|begin|begint|starten|beginnen)",
        0.7,
        needs_deadline=True,
    ),
)

PAST_PARTICIPLES = (
    r"(?:gepubliceerd|geïnformeerd|gemeld|verzonden|gezonden|gestuurd|toegezonden|plaatsgevonden|"
    r"genomen|ontvangen|gedaan|gewerkt|ingezet|uitgevoerd|afgerond|opgeleverd|aangeboden|"
    r"verschenen|vastgesteld|besloten|bijgedragen|toegezegd|geweest)"
)

EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion(
        "what this letter itself does",
        _compile(
            r"(?:in|met|via)\s+(?:deze|onderhavige|de\s+voorliggende)\s+(?:kamer)?brief|bijgaand"
            r"|hierbij\s+(?:stuur|zend|bied|informeer|bericht|doe|ontvangt)|in\s+het\s+navolgende"
            r"|(?:stuur|zend|bied|informeer|bericht|doe)\s+(?:ik|wij|we)\s+"
            r"(?:u\s+|uw\s+kamer\s+)?hierbij"
            r"|hieronder|in\s*gaan\s+op|ga\s+(?:ik|wij|we)\s+(?:\S+\s+){0,8}?in\s+op"
        ),
        outweighed_by_strong_cue=False,
    ),
    Exclusion(
        "an assumption, not an act",
        _compile(
            r"(?:ga|gaan)\s+(?:ik|wij|we)\s+er\s*van\s*uit"
            r"|(?:ik|wij|we)\s+(?:ga|gaan)\s+er\s*van\s*uit"
        ),
        outweighed_by_strong_cue=False,
    ),
    Exclusion(
        "a state, not an act",
        # "Ik zal uiteraard eindverantwoordelijk blijven": nothing the Chamber could check.
        _compile(rf"{MINISTER}\s+(?:zal|zullen)\s+(?:\S+\s+){{0,4}}?(?:blijven|zijn)\s*[.!?]?\s*$"),
        outweighed_by_strong_cue=True,
    ),
    Exclusion(
        "a date in the past",
        _compile(r"jl\.?|j\.l\.|jongstleden"),
        outweighed_by_strong_cue=True,
    ),
    Exclusion(
        "the recent past",
        _compile(r"de\s+(?:afgelopen|laatste|voorbije)\s+(?:jaren|maanden|weken|periode|tijd)"),
        outweighed_by_strong_cue=True,
    ),
    Exclusion(
        "what others reported",
        _compile(
            r"(?:heeft|hebben)\s+(?:\S+\s+){0,3}?"
            r"(?:toegelicht|aangegeven|laten\s+weten|meegedeeld|gemeld)\s+dat"
        ),
        outweighed_by_strong_cue=True,
    ),
    Exclusion(
        "something done already",
        _compile(
            rf"(?:heeft|hebben|heb|is|zijn|werd|werden)\s+(?:\S+\s+){{0,12}}?{PAST_PARTICIPLES}"
        ),
        outweighed_by_strong_cue=True,
    ),
)

# A sentence that points back at the one before it ("Uw Kamer zal hierover worden
# geïnformeerd", "Ik verwacht de resultaten ...") needs that sentence to say what is promised.
# Of the "er" forms only "erover" is counted: "ernaar", "erop" and "ervan" mostly belong to fixed
# expressions ("ik streef ernaar", "erop gericht", "ervan uitgaan") that point nowhere.
# "Ik zal dit uiterlijk 13 mei doen" points back too: "dit doen" stands for the act before.
POINTS_BACK = _compile(
    r"(?:hier|daar)(?:over|van|op|aan|mee|in|naar|omtrent|uit)|erover"
    r"|(?:dit|dat)\s+(?:\S+\s+){0,5}?doen"
    r"|(?:de|het)\s+(?:resultaten|uitkomsten|bevindingen|wetgevingstraject|traject)"
    r"(?!\s+(?:van|uit|over|naar|inzake|met|voor)\b)"
)


def find_promise(sentence: str, *, has_deadline: bool) -> PromiseCue | None:
    """The most confident cue that makes `sentence` a promise, or None when it is none."""
    cue, veto = weigh_promise(sentence, has_deadline=has_deadline)
    return None if veto else cue


def weigh_promise(
    sentence: str, *, has_deadline: bool
) -> tuple[PromiseCue | None, Exclusion | None]:
    """The most confident cue in `sentence` and the exclusion that vetoes it, if any.

    Kept apart from find_promise so that a miss can be explained: no cue at all, or a cue
    outvoted by what only looks like a promise.
    """
    cues = [
        cue
        for cue in CUES
        if cue.pattern.search(sentence) and (has_deadline or not cue.needs_deadline)
    ]
    if not cues:
        return None, None
    best = max(cues, key=lambda cue: cue.confidence)
    for exclusion in EXCLUSIONS:
        if exclusion.pattern.search(sentence) and not (
            exclusion.outweighed_by_strong_cue and best.confidence >= STRONG_CUE
        ):
            return best, exclusion
    return best, None


def points_back(sentence: str) -> bool:
    """Whether the sentence leans on the one before it for what it is about."""
    return bool(POINTS_BACK.search(sentence))
