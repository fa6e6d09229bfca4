"""Recognising a ministry in what the Tweede Kamer's register writes about it.

`Ministerie` is free text, filled only from about September 2022 (FACTS.md): "Ministerie van
Justitie en Veiligheid", "Justitie en Veiligheid", "JenV" and "ministerie van justitie &
veiligheid" all mean one ministry. Older records name the ministry only in `Functie`: "Minister
van Economische Zaken en Klimaat", "minister van financiën", "Minister voor Buitenlandse Handel en
Ontwikkelingssamenwerking", "Minister-president, Minister van Algemene Zaken". A name is
normalised (case, accents, "&", punctuation, "Ministerie van/voor") and looked up, in this order:

1. the other names of ministries clerks keep (`MinistryAlias`, in the admin);
2. the sourced posts and renamings of `ministry_names.ALIASES` (BHO within Buitenlandse Zaken,
   Digitalisering within BZK, LNV renamed LVVN, ...): one found here is written as a
   `MinistryAlias` row, so that clerks see it and can point it elsewhere;
3. our ministries, by name and by abbreviation;
4. the cabinet's ministries (`ministry_names.KNOWN`), made when we do not have them yet.

Only renamings that kept the department map to the current name: ministries that were split or
merged (Economische Zaken en Klimaat, Infrastructuur en Milieu) stay ministries of their own,
because their commitments belong to a department that is gone.

`MinistryMatcher.for_record` takes `Ministerie`, else the ministry `Functie` names. A name found
nowhere becomes a new ministry only when the source says it is one: `Ministerie` (unless
`Functie` shows it is the post of a "minister voor", a minister without a ministry of their own),
or, without `Ministerie`, the ministry of a "minister/staatssecretaris van" in `Functie`. A post
never becomes a ministry (the "BHO" and "DenK" ministries of issue 16): such a record names no
ministry we know, and the import quarantines it until a clerk adds the post as an alias.
"""

import re
import unicodedata

from commitments.models import Ministry, MinistryAlias
from commitments.tk.ministry_names import ALIASES, KNOWN

ABBREVIATION_LENGTH = Ministry._meta.get_field("abbreviation").max_length
MINOR_WORDS = {"en", "van", "voor", "de", "het"}
# "Ministerie van Financiën", "het ministerie voor Asiel en Migratie"; not "Ministerie 3".
PREFIX = re.compile(r"^(het )?ministerie (van|voor) ", re.IGNORECASE)
# The role words before a ministry or post in `Functie`: "Minister van", "minister voor",
# "Staatssecretaris van"; "Minister-president" and "viceminister-president" name none.
ROLE = re.compile(r"\b(?:minister|staatssecretaris)\s+(van|voor)\s+", re.IGNORECASE)


def normalise(name: str) -> str:
    """The words that make a ministry's name, without case, accents or "Ministerie van"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower().replace("&", " en ")).strip()
    return PREFIX.sub("", words)


def compact(name: str) -> str:
    """A normalised name without spaces, as abbreviations are compared: J&V, JenV, jenv."""
    return normalise(name).replace(" ", "")


def display_name(name: str) -> str:
    """The name of a new ministry as we write names: no "Ministerie van", "en" for "&"."""
    words = " ".join(name.replace("&", " en ").split())
    return PREFIX.sub("", words)


def derive_abbreviation(name: str) -> str:
    """The Dutch way: "JenV" for two words joined by "en", initials otherwise, "Def" for one."""
    words = [word for word in re.split(r"[\s,]+", name) if word]
    significant = [word for word in words if word.lower() not in MINOR_WORDS]
    if not significant:
        return name[:ABBREVIATION_LENGTH]
    if len(significant) == 1:
        return significant[0][:3].capitalize()
    if len(words) == 3 and words[1].lower() == "en":
        return f"{words[0][0].upper()}en{words[2][0].upper()}"
    return "".join(word[0].upper() for word in significant)[:ABBREVIATION_LENGTH]


def function_roles(function: str) -> list[tuple[str, str]]:
    """The roles `Functie` names, as (preposition, what follows it), in order:
    "Minister-president, Minister van Algemene Zaken" gives [("van", "Algemene Zaken")]."""
    function = function or ""
    matches = list(ROLE.finditer(function))
    ends = [match.start() for match in matches[1:]] + [len(function)]
    return [
        (match.group(1).lower(), function[match.end() : end].strip(" ,;"))
        for match, end in zip(matches, ends, strict=False)
    ]


def name_forms(text: str) -> list[str]:
    """What a role's text may name, longest first: "Binnenlandse Zaken en Koninkrijksrelaties
    (Digitalisering)" gives the whole, "Binnenlandse Zaken en Koninkrijksrelaties" and
    "Digitalisering"; "Buitenlandse Zaken, tevens viceminister-president" gives the whole and
    "Buitenlandse Zaken" (a ministry's own name may hold a comma: "Volksgezondheid, Welzijn en
    Sport")."""
    head = head_of(text)
    parts = head.split(",")
    forms = [text, head, *(",".join(parts[:n]) for n in range(len(parts) - 1, 0, -1))]
    forms += re.findall(r"\(([^)]*)\)", text)
    return list(dict.fromkeys(form.strip(" ,") for form in forms if form.strip(" ,")))


def head_of(text: str) -> str:
    """A role's text before any explanation in brackets or after a dash."""
    return re.split(r"\s*\(|\s+[-\u2013]\s+", text)[0].strip(" ,")


class MinistryMatcher:
    """Finds, and where the source says so makes, the ministry a record names.

    Built once per page from all ministries and aliases (two small tables, two queries), inside
    the page's transaction, so that a page that rolls back leaves nothing behind in memory either.
    """

    def __init__(self):
        self.by_name: dict[str, Ministry] = {}
        self.by_abbreviation: dict[str, Ministry] = {}
        self.abbreviations: set[str] = set()
        for ministry in Ministry.objects.all():
            self._remember(ministry)
        self.aliases: dict[str, Ministry] = {}
        for alias in MinistryAlias.objects.select_related("ministry"):
            self._remember_alias(alias.name, alias.ministry)
        self.sourced = {normalise(name): (name, target) for name, target in ALIASES.items()}
        self.sourced |= {compact(name): (name, target) for name, target in ALIASES.items()}
        self.known = {normalise(name): name for name in KNOWN}
        self.known |= {compact(abbreviation): name for name, abbreviation in KNOWN.items()}

    def _remember(self, ministry: Ministry) -> None:
        self.by_name[normalise(ministry.name)] = ministry
        self.by_abbreviation[compact(ministry.abbreviation)] = ministry
        self.abbreviations.add(ministry.abbreviation.lower())

    def _remember_alias(self, name: str, ministry: Ministry) -> None:
        self.aliases[normalise(name)] = ministry
        self.aliases.setdefault(compact(name), ministry)

    def for_record(self, ministerie: str, functie: str) -> Ministry | None:
        """The ministry of a record: `Ministerie` ("" when null), else the one its `Functie`
        ("" when null) names; None when neither names a ministry we know or may make."""
        if ministerie and (found := self.match(ministerie)):
            return found
        roles = function_roles(functie)
        candidates = [form for _role, text in roles for form in name_forms(text)]
        for candidate in [*candidates, *(functie or "").split(",")]:
            if found := self.match(candidate):
                return found
        if ministerie:
            posts = {normalise(head_of(text)) for role, text in roles if role == "voor"}
            return None if normalise(ministerie) in posts else self.resolve(ministerie)
        headed = [head_of(text) for role, text in roles if role == "van"]
        return self.resolve(headed[0]) if headed and headed[0] else None

    def match(self, text: str) -> Ministry | None:
        """The ministry `text` names, made only when it is one of the cabinet's; else None."""
        key = normalise(text)
        if not key:
            return None
        flat = key.replace(" ", "")
        found = self.aliases.get(key) or self.aliases.get(flat)
        if found is not None:
            return found
        if sourced := self.sourced.get(key) or self.sourced.get(flat):
            return self._alias(*sourced)
        found = self.by_name.get(key) or self.by_abbreviation.get(flat)
        if found is None and (known := self.known.get(key) or self.known.get(flat)):
            found = self._known(known)
        return found

    def resolve(self, text: str) -> Ministry:
        """The ministry `text` names, made when we have none by that name."""
        return self.match(text) or self._create(text, normalise(text))

    def _alias(self, name: str, target: str) -> Ministry:
        """A sourced alias, written down for clerks to see and change."""
        ministry = self._known(target)
        MinistryAlias.objects.create(name=name, ministry=ministry)
        self._remember_alias(name, ministry)
        return ministry

    def _known(self, name: str) -> Ministry:
        """One of the cabinet's ministries (`KNOWN`), made when we do not have it."""
        found = self.by_name.get(normalise(name)) or self.by_abbreviation.get(compact(KNOWN[name]))
        return found or self._create(name, normalise(name))

    def _create(self, text: str, key: str) -> Ministry:
        name = self.known.get(key) or display_name(text)
        abbreviation = self._unique(KNOWN.get(name) or derive_abbreviation(name))
        ministry = Ministry.objects.create(name=name, abbreviation=abbreviation)
        self._remember(ministry)
        return ministry

    def _unique(self, abbreviation: str) -> str:
        candidate, suffix = abbreviation, 2
        while candidate.lower() in self.abbreviations:
            tail = str(suffix)
            candidate = abbreviation[: ABBREVIATION_LENGTH - len(tail)] + tail
            suffix += 1
        return candidate
