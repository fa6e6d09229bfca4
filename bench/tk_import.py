"""Benchmark: records per second synced from the Tweede Kamer's register (`Toezegging`).

Run with `make bench-tk` (PostgreSQL must be up). The register is 100,000 records in the real
shape of tests/tk/realshape.py (the four real records among generated ones, every quirk of
/work/shared/tk/FACTS.md, with `ToegezegdAan`, `KamerbriefNakoming`, `Activiteit` and the links
between commitments expanded), served over HTTP on 127.0.0.1 by that module's server, in a
process of its own, as the Chamber's OData service pages it: 250 a page, `$skiptoken` links,
`$filter` and `$orderby` on `ApiGewijzigdOp`.

Three runs of the nightly task's import (`manage.py import_tk_toezeggingen --since`) into an
emptied benchmark database:
1. the first full sync: every record, its audit row, ministries, officials, debates, members,
   parties, committees, fulfilling letters and links;
2. the next night with nothing changed: the overlap window read again, nothing written;
3. the night after 1% of the records changed (a new status, text and change times).
Results replace the tk-import section of BENCHMARKS.md.
"""

import argparse
import datetime
import io
import multiprocessing
import os
import random
import socket
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import data, report  # noqa: E402
from commitments.models import (  # noqa: E402
    Commitment,
    Document,
    Member,
    Ministry,
    Official,
    Party,
    TkQuarantine,
)
from tests.tk import realshape  # noqa: E402

CHANGED_SHARE = 0.01
# Tables an import fills besides those bench/data.py empties.
IMPORT_TABLES = [
    "commitments_tksync",
    "commitments_tkquarantine",
    "commitments_tkpendinglink",
    "commitments_historicaldocument",
    "commitments_document",
    "commitments_member",
    "commitments_party",
    "commitments_committee",
    "commitments_ministryalias",
]


def serve(records: list[dict], port: int) -> None:
    """The register at 127.0.0.1:`port` until the process is ended."""
    with realshape.RegisterServer(records, frozen=True, port=port):
        while True:
            time.sleep(3600)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Source:
    """The register served by a process of its own, so that serving it does not take the
    importer's interpreter lock; `serve(records)` replaces what it serves, at the same URL."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{realshape.PATH}"
        self.process = None

    def serve(self, records: list[dict]) -> None:
        self.stop()
        self.process = multiprocessing.get_context("fork").Process(
            target=serve, args=(records, self.port), daemon=True
        )
        self.process.start()
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("The register's server did not start.")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def changed(records: list[dict], share: float) -> tuple[list[dict], int]:
    """The register after `share` of its complete records changed at the source, now."""
    rng = random.Random(2027)
    complete = [index for index, record in enumerate(records) if record["Nummer"]]
    chosen = rng.sample(complete, int(len(records) * share))
    now = timezone.now()
    result = list(records)
    for n, index in enumerate(sorted(chosen)):
        moment = now + datetime.timedelta(milliseconds=n)
        result[index] = records[index] | {
            "Status": "Afgedaan",
            "Tekst": f"{records[index]['Tekst']} Gewijzigd.",
            "GewijzigdOp": realshape.changed_text(moment),
            "ApiGewijzigdOp": realshape.utc(moment + datetime.timedelta(minutes=5)),
        }
    result.sort(key=lambda record: (realshape.parse(record["ApiGewijzigdOp"]), record["Id"]))
    return result, len(chosen)


def empty_register() -> None:
    """The benchmark database without commitments and without what an import adds besides."""
    data.reset()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(IMPORT_TABLES)} RESTART IDENTITY CASCADE")


def timed_sync(url: str) -> tuple[float, str]:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_tk_toezeggingen", url, "--since", stdout=out)
    return time.perf_counter() - started, out.getvalue()


def counts() -> dict[str, int]:
    return {
        "commitments": Commitment.objects.count(),
        "audit rows": Commitment.history.count(),
        "quarantined": TkQuarantine.objects.count(),
        "ministries": Ministry.objects.count(),
        "officials": Official.objects.count(),
        "documents": Document.objects.count(),
        "members": Member.objects.count(),
        "parties": Party.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL.")
    call_command("migrate", verbosity=0)
    records = realshape.register(args.records).records
    source = Source()
    try:
        empty_register()
        source.serve(records)
        full, output = timed_sync(source.url)
        print("full sync", f"{full:.1f} s", output, flush=True)
        after_full = counts()
        again, output = timed_sync(source.url)
        print("nothing changed", f"{again:.1f} s", output, flush=True)
        assert Commitment.history.count() == after_full["audit rows"], "the re-run wrote history"
        records, changes = changed(records, CHANGED_SHARE)
        source.serve(records)
        incremental, output = timed_sync(source.url)
        print("1% changed", f"{incremental:.1f} s", output, flush=True)
    finally:
        source.stop()
    write_report(args.records, changes, full, again, incremental, after_full)


def write_report(size, changes, full, again, incremental, after_full) -> None:
    real_register = 6_500
    lines = [
        "## Tweede Kamer import",
        "",
        f"Measured {report.today()} with `make bench-tk` on {report.versions()}.",
        "",
        f"The nightly sync (`manage.py import_tk_toezeggingen --since`) of a register of "
        f"{size:,} `Toezegging` records in the real shape (tests/tk/realshape.py: the four "
        "real records among generated ones, every quirk of the Chamber's register, with "
        "ToegezegdAan, KamerbriefNakoming, Activiteit and the links between commitments "
        "expanded), served over HTTP from 127.0.0.1 by another process as the Chamber's OData "
        "service pages it (250 a page, $skiptoken links, $filter and $orderby on "
        "ApiGewijzigdOp). One transaction per page, with its quarantine, related entities and "
        "sync point. Target: a first sync of the real register (~6,500 records with their "
        "related entities) in under a minute.",
        "",
        "| run | records read | time | records/s |",
        "| --- | ---: | ---: | ---: |",
        f"| first full sync, empty database | {size:,} | {full:.1f} s | {size / full:,.0f} |",
        f"| next night, nothing changed (overlap re-read) | | {again:.1f} s | |",
        f"| next night, {changes:,} records (1%) changed | {changes:,} | {incremental:.1f} s "
        f"| {changes / incremental:,.0f} |",
        "",
        "After the full sync: "
        + ", ".join(f"{number:,} {name}" for name, number in after_full.items())
        + f". At the full sync's rate the real register takes about "
        f"{real_register / (size / full):.0f} s. Load average at the end of the runs: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work shares the machine).",
    ]
    report.replace_section("tk-import", "\n".join(lines))
    report.save(
        "tk-import",
        {
            "full sync": {"records_per_s": size / full},
            "incremental 1%": {"records_per_s": changes / incremental, "seconds": incremental},
        },
    )


if __name__ == "__main__":
    main()
