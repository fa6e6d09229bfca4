"""The register's references, each parsed and written in one place.

- A commitment number in a monthly series, `<prefix>yyyymm-nnn`: the month the promise was made
  and a sequence within it (three to six digits). The Tweede Kamer's register numbers its
  commitments `TZyyyymm-nnn` (`TZ202211-001`); commitments registered here take a series of
  their own with another prefix (`TL202211-001`, settings.COMMITMENT_NUMBER_PREFIX), so that
  ours can never equal one of the Chamber's. Numbers of other registers (the Eerste Kamer's
  `T01970`, say) are kept as given: letters, digits, dots and hyphens.
- A Kamerstuk reference: a dossier and a document number, written by the Chamber as
  "Kamerstuk 28 638, nr. 212" and typed by readers as "28638-212", "28 638 nr. 212" or
  "kst-28638-212".

Plain Python, no Django: the admin, the dashboard's filters, the API, the importers and the
ministry answers all call these; the prefix of our own series is passed in by the caller
(services/numbering.py reads it from the settings).
"""

import dataclasses
import re

# The Tweede Kamer's prefix; the Eerste Kamer numbers its register T01970, with no month.
CHAMBER_PREFIX = "TZ"
# A prefix of a series of our own: capital letters only, so the digits that follow cannot
# shift the boundary between prefix and month.
SERIES_PREFIX = re.compile(r"[A-Z]{1,6}")
PERIOD_NUMBER = re.compile(
    r"(?P<prefix>[A-Z]{1,6})(?P<period>\d{6})-(?P<sequence>\d{3,6})", re.IGNORECASE
)
OTHER_REGISTER_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
KAMERSTUK = re.compile(r"(?P<dossier>\d[\d ]*\d|\d)\s*(?:-|nr\.?|,\s*nr\.?)\s*(?P<number>\d+)")


@dataclasses.dataclass(frozen=True)
class PeriodNumber:
    prefix: str  # "TZ" for the Chamber's, our own prefix for ours
    period: str  # yyyymm
    sequence: int

    def __str__(self) -> str:
        return format_period_number(prefix=self.prefix, period=self.period, sequence=self.sequence)


def format_period_number(*, prefix: str, period: str, sequence: int) -> str:
    """`TZ202211-001`: `period` is yyyymm, the sequence is padded to three digits."""
    return f"{prefix}{period}-{sequence:03d}"


def format_tz_number(*, period: str, sequence: int) -> str:
    """A number of the Tweede Kamer's series: `TZ202211-001`."""
    return format_period_number(prefix=CHAMBER_PREFIX, period=period, sequence=sequence)


def parse_period_number(text: str, *, prefix: str | None = None) -> PeriodNumber | None:
    """The prefix (in capitals), period and sequence of a whole number of a monthly series (any
    case, surrounding blanks ignored); None when `text` is not one, or when `prefix` is given
    and the number has another."""
    match = PERIOD_NUMBER.fullmatch(text.strip())
    if match is None or (prefix is not None and match["prefix"].upper() != prefix):
        return None
    return PeriodNumber(
        prefix=match["prefix"].upper(), period=match["period"], sequence=int(match["sequence"])
    )


def parse_tz_number(text: str) -> PeriodNumber | None:
    """A whole number of the Tweede Kamer's series (`TZ202211-001`), or None."""
    return parse_period_number(text, prefix=CHAMBER_PREFIX)


def is_number_start(text: str, *, prefixes: tuple[str, ...]) -> bool:
    """Whether `text` is the start of a number in one of the series `prefixes` (`TZ`,
    `TL2024`, `TZ202411-0`): what a clerk types when looking for a commitment by number."""
    text = text.strip().upper()
    return any(
        re.fullmatch(rf"{re.escape(prefix)}\d{{0,6}}(-\d*)?", text) is not None
        for prefix in prefixes
    )


def is_commitment_number(text: str) -> bool:
    """Whether `text` may be stored as a commitment's number: a whole number of a monthly
    series (the Chamber's or ours), or another register's number (letters, digits, dots and
    hyphens) that does not start as a Chamber number does."""
    if text.startswith(CHAMBER_PREFIX):
        return parse_tz_number(text) is not None and text == text.strip()
    return OTHER_REGISTER_NUMBER.fullmatch(text) is not None


def series_prefix_problem(prefix: str) -> str | None:
    """Why `prefix` cannot be the prefix of our own series, or None when it can: it must be
    capital letters, and neither the Tweede Kamer's `TZ` nor the Eerste Kamer's `T`, so that no
    number of ours can ever equal one a chamber gives (or look like one)."""
    if SERIES_PREFIX.fullmatch(prefix) is None:
        return "it must be one to six capital letters"
    if prefix in (CHAMBER_PREFIX, "T"):
        return "it is a chamber's own prefix, so our numbers could equal the chamber's"
    return None


@dataclasses.dataclass(frozen=True)
class Kamerstuk:
    dossier: str  # as the Chamber writes it: "28 638"
    number: str  # "212"

    def __str__(self) -> str:
        return format_kamerstuk(dossier=self.dossier, number=self.number)


def format_kamerstuk(*, dossier: str, number: str) -> str:
    """The citation as the Chamber writes it: "Kamerstuk 28 638, nr. 212"."""
    return f"Kamerstuk {dossier}, nr. {number}"


def normalise_dossier(dossier: str) -> str:
    """A dossier number as the Chamber writes it, thousands apart: "28638" → "28 638"."""
    digits = "".join(dossier.split())
    if len(digits) > 3 and digits.isdigit():
        return f"{digits[:-3]} {digits[-3:]}"
    return digits


def parse_kamerstuk(text: str) -> Kamerstuk | None:
    """The first Kamerstuk reference in `text` ("28638-212", "28 638 nr. 212", "kst-28638-212",
    "Kamerstuk 28 638, nr. 212"), or None."""
    match = KAMERSTUK.search(text)
    if match is None:
        return None
    return Kamerstuk(dossier=normalise_dossier(match["dossier"]), number=match["number"])
