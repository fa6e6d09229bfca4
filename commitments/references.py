"""The register's references, each parsed and written in one place.

- A commitment number in the Tweede Kamer's scheme, `TZyyyymm-nnn` (`TZ202211-001`): the month
  the promise was made and a sequence within it (three to six digits; a longer sequence is another
  register's number). Numbers of other registers (the Eerste Kamer's `T01970`, say) are kept as
  given: letters, digits, dots and hyphens, not starting with `TZ`.
- A Kamerstuk reference: a dossier and a document number, written by the Chamber as
  "Kamerstuk 28 638, nr. 212" and typed by readers as "28638-212", "28 638 nr. 212" or
  "kst-28638-212".

Plain Python, no Django: the admin, the dashboard's filters, the API, the importers and the
ministry answers all call these.
"""

import dataclasses
import re

TZ_NUMBER = re.compile(r"TZ(?P<period>\d{6})-(?P<sequence>\d{3,6})", re.IGNORECASE)
# What a clerk types when looking for a commitment by its number: TZ, TZ2024, TZ202411-03.
TZ_NUMBER_START = re.compile(r"TZ\d{0,6}(-\d*)?", re.IGNORECASE)
OTHER_REGISTER_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")
KAMERSTUK = re.compile(r"(?P<dossier>\d[\d ]*\d|\d)\s*(?:-|nr\.?|,\s*nr\.?)\s*(?P<number>\d+)")


@dataclasses.dataclass(frozen=True)
class TzNumber:
    period: str  # yyyymm
    sequence: int

    def __str__(self) -> str:
        return format_tz_number(period=self.period, sequence=self.sequence)


def format_tz_number(*, period: str, sequence: int) -> str:
    """`TZ202211-001`: `period` is yyyymm, the sequence is padded to three digits."""
    return f"TZ{period}-{sequence:03d}"


def parse_tz_number(text: str) -> TzNumber | None:
    """The period and sequence of a whole TZ number (any case, surrounding blanks ignored), or
    None when `text` is not one."""
    match = TZ_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    return TzNumber(period=match["period"], sequence=int(match["sequence"]))


def is_tz_number_start(text: str) -> bool:
    """Whether `text` is the start of a TZ number (`TZ`, `TZ2024`, `TZ202411-0`)."""
    return TZ_NUMBER_START.fullmatch(text.strip()) is not None


def is_commitment_number(text: str) -> bool:
    """Whether `text` may be stored as a commitment's number: a whole TZ number, or another
    register's number (letters, digits, dots and hyphens, not starting with TZ)."""
    if text.startswith("TZ"):
        return TZ_NUMBER.fullmatch(text) is not None
    return OTHER_REGISTER_NUMBER.fullmatch(text) is not None


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
