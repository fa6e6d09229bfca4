"""The fault suite's reckoning: what was due, what the sink received, what the product shows as
in doubt, and the section of RELIABILITY.md that says so."""

import dataclasses
import datetime
import re
from collections import Counter
from pathlib import Path

import pytest

RELIABILITY = Path(__file__).resolve().parents[2] / "RELIABILITY.md"
START, END = "<!-- fault:start -->", "<!-- fault:end -->"

# The summary lines, for the terminal summary at the end of the pytest run (see conftest.py).
SUMMARY = pytest.StashKey[list[str]]()


@dataclasses.dataclass
class Fault:
    at: float
    clock: datetime.datetime
    what: str
    digests: dict[str, int]


@dataclasses.dataclass
class Tally:
    due: set[int]
    received: Counter
    in_doubt: set[int]
    unknown: list[tuple[int, str]]
    doubts: list[str]

    @property
    def delivered(self) -> set[int]:
        return set(self.received)

    @property
    def duplicates(self) -> set[int]:
        return {pk for pk, times in self.received.items() if times > 1}

    @property
    def lost(self) -> set[int]:
        return self.due - self.delivered - self.in_doubt

    def rows(self) -> list[tuple[str, int, str]]:
        arrived = len(self.in_doubt & self.delivered)
        return [
            ("due", len(self.due), "reminders queued for today, not cancelled"),
            ("delivered", len(self.delivered), "distinct reminders the sink received"),
            ("duplicates", len(self.duplicates), "reminders received more than once"),
            (
                "in doubt",
                len(self.in_doubt),
                f"in digests the product shows as in doubt ({arrived} of them did arrive)",
            ),
            ("lost", len(self.lost), "due, neither delivered nor in doubt"),
        ]


def tally(*, report: dict, receipts: list[dict], faults: list[Fault], lease: int) -> Tally:
    """Match every message the sink received to the reminders it carried: a digest holds one
    reminder per commitment it lists."""
    reminder_of = {(r["digest"], r["number"]): r["id"] for r in report["reminders"]}
    received, unknown = Counter(), []
    for receipt in receipts:
        for number in receipt["numbers"]:
            key = (receipt["digest"], number)
            if key in reminder_of:
                received[reminder_of[key]] += 1
            else:
                unknown.append(key)
    doubtful = {digest["id"]: digest for digest in report["in_doubt"]}
    arrived = {receipt["digest"] for receipt in receipts}
    return Tally(
        due={r["id"] for r in report["reminders"] if r["state"] != "cancelled"},
        received=received,
        in_doubt={r["id"] for r in report["reminders"] if r["digest"] in doubtful},
        unknown=unknown,
        doubts=[
            doubt_reason(digest, faults=faults, lease=lease, arrived=digest["id"] in arrived)
            for digest in doubtful.values()
        ],
    )


def doubt_reason(digest: dict, *, faults: list[Fault], lease: int, arrived: bool) -> str:
    """What the product shows for a digest in doubt (still sending after its lease, the last
    error), and the fault that most likely caused it: the one nearest to its claim."""
    expired = datetime.datetime.fromisoformat(digest["lease_expires_at"])
    claimed = expired - datetime.timedelta(seconds=lease)
    details = [f"claimed {claimed:%H:%M:%S}", f"attempt {digest['attempts']}"]
    if digest["last_error"]:
        details.append(f"last error: {digest['last_error']}")
    reason = (
        f"digest {digest['id']} ({digest['reminders']} reminders): still sending after its "
        f"lease ran out at {expired:%H:%M:%S} ({', '.join(details)})"
    )
    if faults:
        nearest = min(faults, key=lambda fault: abs((fault.clock - claimed).total_seconds()))
        gap = (nearest.clock - claimed).total_seconds()
        when = f"{gap:.1f} s after" if gap >= 0 else f"{-gap:.1f} s before"
        reason += f"; the nearest fault, {when} the claim: {nearest.what}"
    return reason + ("; the sink did receive it" if arrived else "; the sink never received it")


def summary(tally: Tally, *, faults: list[Fault], flagged: dict[str, int]) -> list[str]:
    lines = [f"{name:>10}  {count:>6,}  {meaning}" for name, count, meaning in tally.rows()]
    twice = sum(1 for times in flagged.values() if times > 1)
    lines.append(f"commitments flagged overdue: {len(flagged)}, flagged twice: {twice}")
    lines += [f"in doubt: {reason}" for reason in tally.doubts]
    lines += [f"fault at {fault.at:6.1f} s: {fault.what}" for fault in faults]
    return lines


def write_reliability(
    *,
    tally: Tally,
    faults: list[Fault],
    flagged: dict[str, int],
    setup: dict,
    command: str,
    seconds: float,
    started: datetime.datetime,
) -> None:
    twice = sum(1 for times in flagged.values() if times > 1)
    lines = [
        "## Fault suite",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} (UTC) with `{command}`; the test took "
        f"{seconds:.0f} s, setting up the stack included.",
        "",
        "The real stack on this machine, all of it the suite's own: a PostgreSQL cluster and a "
        "Redis on free ports, two Celery workers (prefork, two processes each), beat, and an "
        f"aiosmtpd sink in its own process that takes {setup['sink_delay'] * 1000:.0f} ms per "
        "message and records the digest and the commitment numbers of every message it "
        f"accepts. {setup['contacts']:,} contacts in {setup['ministries']} ministries, "
        f"{setup['commitments']:,} commitments; the day's reminder run queues the reminders "
        "below, in one digest per contact, while the faults hit one after the other.",
        "",
        "| | reminders | |",
        "| --- | ---: | --- |",
        *(f"| {name} | {count:,} | {meaning} |" for name, count, meaning in tally.rows()),
        "",
        f"Overdue flags: {len(flagged)} commitments flagged, {twice} of them more than once "
        "(counted in the audit trail).",
        "",
        "Faults, in seconds from the start of the reminder run (digests by state at that moment):",
        "",
        "| at | clock (UTC) | fault | digests then |",
        "| ---: | --- | --- | --- |",
        *(
            f"| {fault.at:.1f} s | {fault.clock:%H:%M:%S} | {fault.what} "
            f"| {', '.join(f'{state} {count}' for state, count in sorted(fault.digests.items()))} |"
            for fault in faults
        ),
        "",
        "In doubt, as the admin's outbox shows it (a clerk settles each: delivered, or send "
        "again):",
        "",
        *(f"- {reason}" for reason in tally.doubts or ["none"]),
    ]
    section = f"{START}\n" + "\n".join(lines) + f"\n{END}"
    text = RELIABILITY.read_text() if RELIABILITY.exists() else "# Reliability\n"
    if START in text:
        text = re.sub(f"{re.escape(START)}.*?{re.escape(END)}", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RELIABILITY.write_text(text)
