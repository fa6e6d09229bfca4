"""The parliamentary calendar that deadline phrases such as "voor de zomer" depend on.

A minister who promises something "voor het zomerreces" means the last day before the Tweede
Kamer's summer recess, not the astronomical summer. The recess dates are decided by the Chamber
each year, so they come from data (seeds/recesses.csv, its sources in seeds/recesses-sources.md,
editable in the admin). For a year without data the calendar falls back on the rules the Chamber
has followed for years:

- the summer recess runs from the first Friday on or after 3 July to the first Monday of
  September. DESIGN.md §5 said "the first Friday of July"; that gives 1 or 2 July in 2016, 2021
  and 2022, when the real recess began on 8, 9 and 8 July. The 3 July rule gives all seven
  summers with published dates (seeds/recesses-sources.md);
- the Christmas recess starts on the last Friday strictly before 25 December (so in a year where
  Christmas falls on a Friday it starts a week earlier, on the 18th) and ends on the Monday
  24 days later, about three weeks after Christmas;
- Prinsjesdag, when the budget is presented, is the third Tuesday of September.

Only summer and Christmas recesses have a rule; the shorter recesses (spring, May, autumn) move
too much from year to year to guess, so they are known only from data.
"""

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

RECESS_KINDS = ("spring", "may", "summer", "autumn", "christmas")

MONDAY, TUESDAY, FRIDAY = 0, 1, 4
# The summer recess starts on the first Friday on or after this day of July (see the docstring).
SUMMER_RECESS_EARLIEST_START_DAY = 3
CHRISTMAS_RECESS_LENGTH = datetime.timedelta(days=24)


@dataclass(frozen=True)
class Recess:
    """One recess of the Chamber; both days belong to the recess."""

    kind: str
    starts_on: datetime.date
    ends_on: datetime.date

    def __post_init__(self) -> None:
        if self.kind not in RECESS_KINDS:
            raise ValueError(f"unknown recess kind {self.kind!r}; expected one of {RECESS_KINDS}")
        if self.ends_on < self.starts_on:
            raise ValueError(f"{self.kind} recess ends ({self.ends_on}) before it starts")


def first_weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def last_weekday_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def read_recesses(path: str | Path) -> list[Recess]:
    """The recesses in a CSV file with the columns kind,starts_on,ends_on (ISO dates), as the
    seed calendar (seeds/recesses.csv) holds them. Raises ValueError naming the file and line
    of a row that cannot be read."""
    recesses = []
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for line_number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                recesses.append(
                    Recess(
                        kind=row["kind"].strip(),
                        starts_on=datetime.date.fromisoformat(row["starts_on"].strip()),
                        ends_on=datetime.date.fromisoformat(row["ends_on"].strip()),
                    )
                )
            except (KeyError, AttributeError, ValueError) as error:
                raise ValueError(f"{path}, line {line_number}: {error}") from error
    return recesses


class ParliamentaryCalendar:
    """Recesses and Prinsjesdag per year: from data where there is data, by rule elsewhere.

    A recess belongs to the year in which it starts, so the Christmas recess of 2022 runs from
    23 December 2022 into January 2023.
    """

    def __init__(self, recesses: Iterable[Recess] = ()) -> None:
        self._recesses: dict[tuple[str, int], Recess] = {}
        for recess in recesses:
            self._recesses[(recess.kind, recess.starts_on.year)] = recess

    @classmethod
    def from_csv(cls, path: str | Path) -> "ParliamentaryCalendar":
        """The calendar of the recesses in a CSV file (see read_recesses)."""
        return cls(read_recesses(path))

    def recess(self, kind: str, year: int) -> Recess | None:
        """The recess of this kind that starts in `year`, or None when it is neither known nor
        predictable by rule."""
        known = self._recesses.get((kind, year))
        if known is not None:
            return known
        if kind == "summer":
            return self._summer_recess_by_rule(year)
        if kind == "christmas":
            return self._christmas_recess_by_rule(year)
        return None

    def summer_recess(self, year: int) -> Recess:
        return self._recesses.get(("summer", year)) or self._summer_recess_by_rule(year)

    def christmas_recess(self, year: int) -> Recess:
        return self._recesses.get(("christmas", year)) or self._christmas_recess_by_rule(year)

    @staticmethod
    def prinsjesdag(year: int) -> datetime.date:
        """The third Tuesday of September, when the King opens the parliamentary year."""
        first_tuesday = first_weekday_on_or_after(datetime.date(year, 9, 1), TUESDAY)
        return first_tuesday + datetime.timedelta(weeks=2)

    @staticmethod
    def _summer_recess_by_rule(year: int) -> Recess:
        return Recess(
            kind="summer",
            starts_on=first_weekday_on_or_after(
                datetime.date(year, 7, SUMMER_RECESS_EARLIEST_START_DAY), FRIDAY
            ),
            ends_on=first_weekday_on_or_after(datetime.date(year, 9, 1), MONDAY),
        )

    @staticmethod
    def _christmas_recess_by_rule(year: int) -> Recess:
        starts_on = last_weekday_before(datetime.date(year, 12, 25), FRIDAY)
        return Recess(
            kind="christmas", starts_on=starts_on, ends_on=starts_on + CHRISTMAS_RECESS_LENGTH
        )
