"""Recognising a ministry in the free text of a source.

The Chamber's `Ministerie` is free text: "Ministerie van Justitie en Veiligheid", "Justitie en
Veiligheid", "JenV" and "ministerie van justitie & veiligheid" all mean the same ministry, and so
does its name before 2017, "Veiligheid en Justitie". A name is normalised (case, accents, "&",
punctuation, the words "Ministerie van/voor") and then matched against our ministries by name and
by abbreviation. Only renamings that kept the same department are mapped to the current name:
ministries that were split or merged (Economische Zaken en Klimaat, Infrastructuur en Milieu)
stay ministries of their own, because their commitments belong to a department that is gone.

A name that matches nothing becomes a new ministry, with the usual abbreviation when it is one of
the cabinet's ministries and a derived one otherwise ("Asiel en Migratie" gives "AenM").
"""

import re
import unicodedata

from commitments.models import Ministry

# Ministries of the cabinets since 2010, as we name them, with their usual abbreviations.
KNOWN = {
    "Algemene Zaken": "AZ",
    "Asiel en Migratie": "AenM",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Buitenlandse Zaken": "BZ",
    "Defensie": "Def",
    "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK",
    "Financiën": "Fin",
    "Infrastructuur en Milieu": "IenM",
    "Infrastructuur en Waterstaat": "IenW",
    "Justitie en Veiligheid": "JenV",
    "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Onderwijs, Cultuur en Wetenschap": "OCW",
    "Sociale Zaken en Werkgelegenheid": "SZW",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO",
    "Volksgezondheid, Welzijn en Sport": "VWS",
}
# Earlier names of a department that kept its work under a new name.
RENAMED = {"Veiligheid en Justitie": "Justitie en Veiligheid", "VenJ": "JenV"}
ABBREVIATION_LENGTH = Ministry._meta.get_field("abbreviation").max_length
MINOR_WORDS = {"en", "van", "voor", "de", "het"}
# "Ministerie van Financiën", "het ministerie voor Asiel en Migratie"; not "Ministerie 3".
PREFIX = re.compile(r"^(het )?ministerie (van|voor) ", re.IGNORECASE)


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


class MinistryMatcher:
    """Finds or creates the ministry a source's `Ministerie` means.

    Built once per page from all ministries (a small table), inside the page's transaction, so
    that a page that rolls back leaves no ministry behind in memory either.
    """

    def __init__(self):
        self.by_name: dict[str, Ministry] = {}
        self.by_abbreviation: dict[str, Ministry] = {}
        self.abbreviations: set[str] = set()
        for ministry in Ministry.objects.all():
            self._remember(ministry)
        self.known = {normalise(name): (name, abbr) for name, abbr in KNOWN.items()}
        self.known_abbreviations = {compact(abbr): name for name, abbr in KNOWN.items()}
        self.renamed = {normalise(old): normalise(new) for old, new in RENAMED.items()}

    def _remember(self, ministry: Ministry) -> None:
        self.by_name[normalise(ministry.name)] = ministry
        self.by_abbreviation[compact(ministry.abbreviation)] = ministry
        self.abbreviations.add(ministry.abbreviation.lower())

    def resolve(self, text: str) -> Ministry:
        key = self._current_key(text)
        found = self.by_name.get(key) or self.by_abbreviation.get(key.replace(" ", ""))
        if found is None and key in self.known:
            found = self.by_abbreviation.get(compact(self.known[key][1]))
        return found or self._create(text, key)

    def _current_key(self, text: str) -> str:
        """The normalised name, with an earlier name or a known abbreviation made current."""
        key = normalise(text)
        key = self.renamed.get(key, key)
        full_name = self.known_abbreviations.get(key.replace(" ", ""))
        if full_name is not None and key.replace(" ", "") not in self.by_abbreviation:
            return normalise(full_name)
        return key

    def _create(self, text: str, key: str) -> Ministry:
        name, abbreviation = self.known.get(key, (display_name(text), None))
        abbreviation = self._unique(abbreviation or derive_abbreviation(name))
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
