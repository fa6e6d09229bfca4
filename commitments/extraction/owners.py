"""Who a promise makes responsible, read from the sentence that makes it.

The signer is the owner only when the sentence speaks in the first person ("ik", "wij", "mijn
voorganger"); a sentence may name someone else ("De staatssecretaris zegt toe …", "De minister
van Onderwijs heeft toegezegd …"), the cabinet ("Het kabinet spant zich in …"), or more than one
office-holder ("De staatssecretaris en ik zullen …": both are kept). A promise without an agent
("Uw Kamer wordt hierover geïnformeerd") belongs to whoever made the promise before it in the
letter, and failing that to the signer.

An owner is a text of office-holders' functions joined by " en ", as a clerk writes it:
"Minister van Financiën en Staatssecretaris van Financiën", "het kabinet".
"""

import re

from commitments.extraction.promise_words import MINISTRY_NAME

ROLE = r"(?:minister-president|minister|staatssecretaris)"
NAMED = re.compile(
    rf"(?<!\w)(?:de|mijn)\s+(?P<role>{ROLE})(?:\s+(?P<link>van|voor)\s+(?P<ministry>{MINISTRY_NAME}))?",
    re.IGNORECASE,
)
JOINT = re.compile(
    rf"(?<!\w)(?:(?:de|mijn)\s+{ROLE}(?:\s+(?:van|voor)\s+{MINISTRY_NAME})?\s+en\s+ik"
    rf"|ik\s+en\s+(?:de|mijn)\s+{ROLE})(?!\w)",
    re.IGNORECASE,
)
CABINET = re.compile(r"(?<!\w)(?:het\s+kabinet|de\s+regering)(?!\w)", re.IGNORECASE)
FIRST_PERSON = re.compile(
    r"(?<!\w)(?:ik|wij|we|mijn\s+(?:voorganger|ambtsvoorganger|ministerie|departement))(?!\w)",
    re.IGNORECASE,
)
CABINET_OWNER = "het kabinet"


def owner_of(sentence: str, agent: str, signer_function: str, earlier_owner: str) -> str:
    """The owner of the promise `sentence` makes; `agent` is the words that made it a promise
    (promises.PromiseCue's "agent" part, "" when none), `signer_function` the letter's signer
    ("Minister van Financiën", "" when unknown) and `earlier_owner` the owner of the promise
    before it in the letter ("" when none). "" when nobody can be named."""
    ministry = _ministry(signer_function)
    if JOINT.search(sentence):
        named = _named(sentence, ministry)
        return _joined([signer_function, *named])
    if agent and NAMED.fullmatch(agent.strip()):
        return _joined(_named(agent, ministry))
    if agent and CABINET.fullmatch(agent.strip()):
        return CABINET_OWNER
    if agent and FIRST_PERSON.fullmatch(agent.strip()):
        return signer_function
    if agent.lower() in ("hij", "zij"):
        return _joined(_named(sentence, ministry)[:1])
    for pattern, owner in ((NAMED, None), (CABINET, CABINET_OWNER), (FIRST_PERSON, None)):
        if pattern.search(sentence):
            if owner:
                return owner
            return _joined(_named(sentence, ministry)[:1]) if pattern is NAMED else signer_function
    return earlier_owner or signer_function


def _ministry(function: str) -> str:
    """ "Minister van Financiën" → "van Financiën"; "" when the function names none."""
    match = re.search(r"\s((?:van|voor)\s+.+)$", function)
    return match[1] if match else ""


def _named(text: str, signer_ministry: str) -> list[str]:
    """The office-holders named in `text`, as functions; a bare "de staatssecretaris" belongs to
    the signer's ministry."""
    found = []
    for match in NAMED.finditer(text):
        role = match["role"].capitalize()
        if match["ministry"]:
            found.append(f"{role} {match['link'].lower()} {match['ministry'].strip(' ,')}")
        else:
            found.append(f"{role} {signer_ministry}".strip())
    return found


def _joined(functions: list[str]) -> str:
    unique = list(dict.fromkeys(f for f in functions if f))
    return " en ".join(unique)
