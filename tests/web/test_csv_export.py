"""The CSV download as a spreadsheet user opens it: in Dutch Excel from the Dutch page, in an
English spreadsheet from the English page."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db

URL = "/commitments.csv"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def table(response, *, delimiter: str) -> list[list[str]]:
    """The file's lines as cells; a file already read from `response` is kept as `.body`."""
    assert response.status_code == 200
    if not hasattr(response, "body"):
        response.body = body(response)
    return list(csv.reader(io.StringIO(response.body.decode("utf-8-sig")), delimiter=delimiter))


def rows(response, *, delimiter: str) -> list[dict]:
    header, *lines = table(response, delimiter=delimiter)
    return [dict(zip(header, line, strict=True)) for line in lines]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def justice():
    return MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")


@pytest.fixture
def fulfilled(justice):
    """A commitment fulfilled by a Kamerbrief, made to Kuik (CDA), Haga without a party, and the
    party GroenLinks-PvdA; its ministry has a contact whose name and address stay private."""
    ContactFactory(ministry=justice, name="Jan Ambtenaar", email="j.ambtenaar@minjenv.nl")
    commitment = CommitmentFactory(
        ministry=justice,
        text="Uw Kamer wordt vóór de zomer geïnformeerd; daarna volgt een brief.",
        status=Commitment.Status.FULFILLED,
        due_date=datetime.date(2024, 7, 4),
        due_precision=Commitment.Precision.DAY,
        fulfilled_on=datetime.date(2024, 6, 20),
        fulfilled_by=DocumentFactory(dossier_number="28 638", document_number="212"),
        source=DocumentFactory(dossier_number="", document_number="", title="Commissiedebat"),
    )
    commitment.made_to.add(
        MemberFactory(name="Kuik", party=PartyFactory(abbreviation="CDA")),
        MemberFactory(name="Haga, W.", party=None),
    )
    commitment.made_to_parties.add(PartyFactory(abbreviation="GL-PvdA"))
    return commitment


def test_it_opens_in_dutch_excel_with_semicolons_a_bom_and_dutch_headers(client, fulfilled):
    response = client.get(URL)

    response.body = body(response)
    assert response.body.startswith("\ufeff".encode())
    assert response["Content-Disposition"] == 'attachment; filename="toezeggingen.csv"'
    [row] = rows(response, delimiter=";")
    assert row["Nummer"] == fulfilled.number
    assert row["Status"] == "Afgedaan"
    assert row["Ministerie"] == "Justitie en Veiligheid"
    # A text with a semicolon stays one cell.
    assert row["Tekst"] == "Uw Kamer wordt vóór de zomer geïnformeerd; daarna volgt een brief."


def test_it_writes_english_headers_and_commas_for_an_english_reader(client, fulfilled):
    response = english(client).get(URL)

    [row] = rows(response, delimiter=",")
    assert response["Content-Disposition"] == 'attachment; filename="commitments.csv"'
    assert row["Number"] == fulfilled.number
    assert row["Status"] == "Fulfilled"
    assert row["Precision of the due date"] == "Day"
    assert row["Withdrawn from the Tweede Kamer's register"] == "no"


def test_it_writes_labels_not_codes(client, justice):
    CommitmentFactory(ministry=justice, due_precision=Commitment.Precision.RECESS)

    [row] = rows(english(client).get(URL), delimiter=",")

    assert row["Status"] == "Open"
    assert row["Precision of the due date"] == "Recess"


def test_it_names_the_addressees_the_fulfilling_letter_and_the_public_page(client, fulfilled):
    [row] = rows(english(client).get(URL), delimiter=",")

    assert sorted(row["Made to (members)"].split("; ")) == ["Haga, W.", "Kuik (CDA)"]
    assert row["Made to (parties)"] == "GL-PvdA"
    assert row["Fulfilled by"] == "Kamerstuk 28 638, nr. 212"
    assert row["Fulfilled on"] == "2024-06-20"
    assert row["Source"] == "Commissiedebat"
    assert row["Public page"] == f"http://testserver/commitments/{fulfilled.number}/"


def test_it_leaves_the_addressee_cells_empty_when_there_are_none(client, justice):
    CommitmentFactory(ministry=justice)

    [row] = rows(english(client).get(URL), delimiter=",")

    assert row["Made to (members)"] == ""
    assert row["Made to (parties)"] == ""
    assert row["Fulfilled by"] == ""


def test_it_never_exports_a_contacts_name_or_address(client, fulfilled):
    for reader in (client, english(client)):
        content = body(reader.get(URL)).decode("utf-8-sig")
        assert "Ambtenaar" not in content
        assert "minjenv.nl" not in content


def test_it_keeps_a_formula_in_a_member_name_as_text(client, justice):
    commitment = CommitmentFactory(ministry=justice)
    commitment.made_to.add(MemberFactory(name='=HYPERLINK("http://evil.example")', party=None))

    [row] = rows(english(client).get(URL), delimiter=",")

    assert row["Made to (members)"].startswith("'=")


def test_it_reads_the_export_in_one_query_however_many_addressees(client, justice):
    party = PartyFactory()
    for _ in range(30):
        commitment = CommitmentFactory(ministry=justice)
        commitment.made_to.add(MemberFactory(party=party), MemberFactory(party=party))
        commitment.made_to_parties.add(party)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
        lines = table(response, delimiter=";")

    assert len(lines) == 31
    commitment_reads = [q for q in captured.captured_queries if "made_to" in q["sql"]]
    assert len(commitment_reads) == 1
