"""What a letter says about itself: Kamerstuk number, date, title and who signed it.

Letters published on officielebekendmakingen.nl follow a fixed layout:

    Brief regering : <title>
    28 638 Mensenhandel
    Nr. 212
    BRIEF VAN DE STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID
    Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
    Den Haag, 8 november 2022
    ...
    De Staatssecretaris van Justitie en Veiligheid,
    E. van der Burg

The date is what deadline phrases are relative to, and the signature says who made the promises
and so which ministry must keep them. Anything the text does not state is left empty.
"""

import datetime
import itertools
import re
from dataclasses import dataclass

from commitments.extraction.deadlines import MONTH, month_number

# Ministers without a ministry of their own ("Minister voor ...") belong to a host ministry.
PORTFOLIO_MINISTRIES = {
    "rechtsbescherming": "Justitie en Veiligheid",
    "migratie": "Justitie en Veiligheid",
    "primair en voortgezet onderwijs": "Onderwijs, Cultuur en Wetenschap",
    "basis- en voortgezet onderwijs en media": "Onderwijs, Cultuur en Wetenschap",
    "klimaat en energie": "Economische Zaken en Klimaat",
    "medische zorg": "Volksgezondheid, Welzijn en Sport",
    "medische zorg en sport": "Volksgezondheid, Welzijn en Sport",
    "langdurige zorg en sport": "Volksgezondheid, Welzijn en Sport",
    "volkshuisvesting en ruimtelijke ordening": "Binnenlandse Zaken en Koninkrijksrelaties",
    "armoedebeleid, participatie en pensioenen": "Sociale Zaken en Werkgelegenheid",
    "buitenlandse handel en ontwikkelingssamenwerking": "Buitenlandse Zaken",
    "natuur en stikstof": "Landbouw, Natuur en Voedselkwaliteit",
}
# Words that stay lower case when an upper-case heading is turned back into a function name.
LOWER_CASE_WORDS = {"van", "voor", "en", "de", "der", "het"}

TITLE_LINE = re.compile(r"^(?:Brief regering|Onderwerp)\s*:?\s+(?P<title>\S.*)$", re.IGNORECASE)
DOSSIER_LINE = re.compile(
    r"^(?P<number>\d{2}\s?\d{3}(?:-[A-Z0-9]{1,5})?)\s+(?P<name>[A-Z(«\"'].*)$"
)
DOCUMENT_LINE = re.compile(r"^Nr\.\s*(?P<number>\d+)\b", re.IGNORECASE)
DATE_LINE = re.compile(
    rf"(?:Den\s+Haag|'s-Gravenhage|Datum)\s*[,:]?\s*(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})"
    r"\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
# Older letters write the function in lower case: "De minister van Defensie".
ROLE = r"(?i:Minister(?:-president)?|Staatssecretaris|Minister\s+president)"
INITIALS = r"(?:[A-ZÀ-Þ][a-z]{0,2}\.\s*)+"
SIGNATURE_ROLE = re.compile(rf"^(?:De|Het)\s+(?P<function>{ROLE}\b.*?)\s*,\s*$")
# "De Minister van Defensie, J.A. Hennis-Plasschaert": function and name on one line.
SIGNATURE_INLINE = re.compile(
    rf"^(?:De|Het)\s+(?P<function>{ROLE}\b.*?),\s*(?P<name>{INITIALS}\S.*)$"
)
# A name under a signature: initials and a surname, or a full name of two to five words.
SIGNATURE_NAME = re.compile(rf"^{INITIALS}\S.*$|^[A-ZÀ-Þ][\w'\u2019-]+(?:\s+\S+){{1,4}}$")
SIGNER_LINE = re.compile(rf"^(?P<name>[^,]{{3,60}}),\s*(?P<function>{ROLE}\b.*)$", re.IGNORECASE)
LETTER_FROM = re.compile(rf"^BRIEF\s+VAN\s+DE\s+(?P<function>{ROLE}\b.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    """What the letter states about itself; "" (or None for the date) where it states nothing."""

    dossier_number: str = ""
    document_number: str = ""
    date: datetime.date | None = None
    title: str = ""
    official: str = ""
    function: str = ""
    ministry: str = ""
    # Every signer's function, the first signer's first: a letter of a minister and a
    # staatssecretaris is signed by both, and "wij" in it means both.
    functions: tuple[str, ...] = ()


def read_header(text: str) -> Header:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    dossier_number, dossier_name, document_number = _kamerstuk(lines)
    official, function = _signer(lines)
    return Header(
        dossier_number=dossier_number,
        document_number=document_number,
        date=_letter_date(text),
        title=_title(lines) or dossier_name,
        official=official,
        function=function,
        ministry=ministry_of(function),
        functions=_functions(lines, function),
    )


def ministry_of(function: str) -> str:
    """The ministry an official's function belongs to, or "" when it cannot be told."""
    if re.match(r"minister[- ]president", function, re.IGNORECASE):
        return "Algemene Zaken"
    own = re.match(rf"{ROLE}\s+van\s+(?P<ministry>.+)$", function, re.IGNORECASE)
    if own:
        return own["ministry"].strip()
    portfolio = re.match(rf"{ROLE}\s+voor\s+(?P<portfolio>.+)$", function, re.IGNORECASE)
    if portfolio:
        return PORTFOLIO_MINISTRIES.get(portfolio["portfolio"].strip().lower(), "")
    return ""


def _title(lines: list[str]) -> str:
    for line in lines[:10]:
        match = TITLE_LINE.match(line)
        if match:
            return match["title"].strip()
    return ""


def _kamerstuk(lines: list[str]) -> tuple[str, str, str]:
    """Dossier number (as "28 638"), dossier name and document number, from the header lines
    only: a Kamerstuk cited in the body ("zie Kamerstuk 31 066, nr. 1099") is another document,
    so a letter whose header was cut off gets none."""
    dossier_number = dossier_name = document_number = ""
    for line in lines[:15]:
        dossier = DOSSIER_LINE.match(line)
        if dossier and not dossier_number:
            dossier_number, dossier_name = dossier["number"], dossier["name"].strip()
        document = DOCUMENT_LINE.match(line)
        if document and not document_number:
            document_number = document["number"]
    return _spaced(dossier_number), dossier_name, document_number


def _spaced(dossier_number: str) -> str:
    """Kamerstuk dossiers are written with a space after the second digit: "28 638"."""
    digits, _, suffix = dossier_number.replace(" ", "").partition("-")
    if len(digits) != 5:
        return dossier_number
    return f"{digits[:2]} {digits[2:]}" + (f"-{suffix}" if suffix else "")


def _letter_date(text: str) -> datetime.date | None:
    match = DATE_LINE.search(text)
    if not match:
        return None
    try:
        return datetime.date(int(match["year"]), month_number(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _signer(lines: list[str]) -> tuple[str, str]:
    """The first signer's name and function, from the signature block or the heading."""
    for role_line, name_line in itertools.pairwise(lines):
        role = SIGNATURE_ROLE.match(role_line)
        if role and SIGNATURE_NAME.match(name_line) and not SIGNATURE_ROLE.match(name_line):
            return name_line, _function_name(role["function"])
    for line in lines:
        inline = SIGNATURE_INLINE.match(line)
        if inline:
            return inline["name"].strip(), _function_name(inline["function"])
    for line in lines:
        signer = SIGNER_LINE.match(line)
        if signer:
            return signer["name"].strip(), _function_name(signer["function"])
    for line in lines[:15]:
        heading = LETTER_FROM.match(line)
        if heading:
            return "", _function_name(heading["function"])
    return "", ""


def _functions(lines: list[str], first: str) -> tuple[str, ...]:
    """The functions of all who sign, from the signature lines, the first signer's first."""
    found = [first] if first else []
    for line in lines:
        signature = SIGNATURE_INLINE.match(line) or SIGNATURE_ROLE.match(line)
        if signature:
            found.append(_function_name(signature["function"]))
    return tuple(dict.fromkeys(found))


def _function_name(function: str) -> str:
    """ "STAATSSECRETARIS VAN JUSTITIE EN VEILIGHEID" or "staatssecretaris van Justitie en
    Veiligheid" become "Staatssecretaris van Justitie en Veiligheid"."""
    function = " ".join(function.split()).rstrip(",")
    if function.isupper():
        function = " ".join(
            word.lower() if word.lower() in LOWER_CASE_WORDS else word.capitalize()
            for word in function.split()
        )
    return function[:1].upper() + function[1:]
