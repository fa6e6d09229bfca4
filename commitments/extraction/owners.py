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

from commitments.extraction.header import PORTFOLIO_MINISTRIES
from commitments.extraction.promise_words import MINISTRY_NAME

ROLE = r"(?:minister-president|minister|staatssecretaris)"
# "de ministers van Financiën en van Economische Zaken": two owners.
NAMED = re.compile(
    r"(?<!\w)(?:de|mijn)\s+(?P<role>minister-president|ministers?|staatssecretaris(?:sen)?)(?!\w)"
    rf"(?:\s+(?P<link>van|voor)\s+(?P<ministry>{MINISTRY_NAME})"
    rf"(?:\s+en\s+(?P<link2>van|voor)\s+(?P<ministry2>{MINISTRY_NAME}))?)?",
    re.IGNORECASE,
)
SINGULAR = {"ministers": "minister", "staatssecretarissen": "staatssecretaris"}
JOINT = re.compile(
    rf"(?<!\w)(?:(?:de|mijn)\s+{ROLE}(?:\s+(?:van|voor)\s+{MINISTRY_NAME})?\s+en\s+ik"
    rf"|ik\s+en\s+(?:de|mijn)\s+{ROLE})(?!\w)",
    re.IGNORECASE,
)
CABINET = re.compile(r"(?<!\w)(?:het\s+kabinet|de\s+regering)(?!\w)", re.IGNORECASE)
FIRST_PERSON = re.compile(
    r"(?<!\w)(?:ik|mijn\s+(?:voorganger|ambtsvoorganger|ministerie|departement))(?!\w)",
    re.IGNORECASE,
)
# "wij" in a letter signed by a minister and a staatssecretaris means both.
FIRST_PLURAL = re.compile(r"(?<!\w)(?:wij|we|onze?(?:\s+\w+)?)(?!\w)", re.IGNORECASE)
# Letters and registers abbreviate ministries: "de Minister van EZK".
ABBREVIATIONS = {
    "AZ": "Algemene Zaken",
    "BZ": "Buitenlandse Zaken",
    "BUZA": "Buitenlandse Zaken",
    "BZK": "Binnenlandse Zaken en Koninkrijksrelaties",
    "EZ": "Economische Zaken",
    "EZK": "Economische Zaken en Klimaat",
    "FIN": "Financiën",
    "I&M": "Infrastructuur en Milieu",
    "IENM": "Infrastructuur en Milieu",
    "I&W": "Infrastructuur en Waterstaat",
    "IENW": "Infrastructuur en Waterstaat",
    "JENV": "Justitie en Veiligheid",
    "J&V": "Justitie en Veiligheid",
    "VENJ": "Veiligheid en Justitie",
    "LNV": "Landbouw, Natuur en Voedselkwaliteit",
    "OCW": "Onderwijs, Cultuur en Wetenschap",
    "SZW": "Sociale Zaken en Werkgelegenheid",
    "VWS": "Volksgezondheid, Welzijn en Sport",
}
CABINET_OWNER = "het kabinet"


def owner_of(sentence: str, agent: str, signers: tuple[str, ...], earlier_owner: str) -> str:
    """The owner of the promise `sentence` makes.

    `agent` is the words that made it a promise (promises.PromiseCue's "agent" part, "" when
    none), `signers` the functions of the letter's signers, the first signer's first (empty when
    the text has no signature), and `earlier_owner` the owner of the promise before it in the
    letter ("" when none). "" when nobody can be named.
    """
    signer = signers[0] if signers else ""
    ministry = _ministry(signer)
    agent = agent.strip()
    if JOINT.search(sentence):
        return _joined([signer, *_named(sentence, ministry)])
    if agent and NAMED.fullmatch(agent):
        # The sentence may name more than the agent's words hold: "de ministers van X en van Y".
        whole = next(
            (m[0] for m in NAMED.finditer(sentence) if m[0].lower().startswith(agent.lower())),
            agent,
        )
        return _joined(_named(whole, ministry))
    if agent and CABINET.fullmatch(agent):
        return CABINET_OWNER
    if agent and FIRST_PERSON.fullmatch(agent):
        return signer
    if agent and FIRST_PLURAL.fullmatch(agent):
        return _joined(list(signers))
    if agent.lower() in ("hij", "zij"):
        return _joined(_named(sentence, ministry)[:1])
    if NAMED.search(sentence):
        return _joined(_named(sentence, ministry)[:1])
    if CABINET.search(sentence):
        return CABINET_OWNER
    if FIRST_PERSON.search(sentence):
        return signer
    if FIRST_PLURAL.search(sentence):
        return _joined(list(signers))
    return earlier_owner or _joined(list(signers))


def _ministry(function: str) -> str:
    """ "Minister van Financiën" → "van Financiën"; "" when the function names none."""
    match = re.search(r"\s((?:van|voor)\s+.+)$", function)
    return match[1] if match else ""


def _named(text: str, signer_ministry: str) -> list[str]:
    """The office-holders named in `text`, as functions; a bare "de staatssecretaris" belongs to
    the signer's ministry."""
    found = []
    for match in NAMED.finditer(text):
        role = SINGULAR.get(match["role"].lower(), match["role"]).capitalize()
        if not match["ministry"]:
            found.append(f"{role} {signer_ministry}".strip())
        for name in (match["ministry"], match["ministry2"]):
            if name:
                found.append(_function(role, name))
    return found


def _function(role: str, ministry: str) -> str:
    """ "Minister", "EZK" → "Minister van Economische Zaken en Klimaat"; a portfolio minister
    takes "voor": "Minister voor Rechtsbescherming"."""
    name = ministry.strip(" ,")
    name = ABBREVIATIONS.get(name.upper(), name)
    link = "voor" if name.lower() in PORTFOLIO_MINISTRIES else "van"
    return f"{role} {link} {name}"


def _joined(functions: list[str]) -> str:
    unique = list(dict.fromkeys(f for f in functions if f))
    return " en ".join(unique)
