"""Importing a letter in the admin: paste or upload, check the candidates, accept them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment, Document
from tests.factories import MinistryFactory
from tests.letters import SEED_LETTER, candidates_of, minimal_pdf, review_data

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:commitments_document_import")


@pytest.fixture
def ministries():
    MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")


def accept_all(clerk_client, document, *, change=None):
    """Post the review form back as shown, every candidate ticked, with `change` applied."""
    url = reverse("admin:commitments_document_candidates", args=[document.pk])
    shown = clerk_client.get(url)
    data = review_data(candidates_of(shown))
    data.update(change or {})
    return clerk_client.post(url, data)


def test_it_imports_the_seed_letter_and_proposes_its_commitments(clerk_client, ministries):
    response = clerk_client.post(IMPORT, {"text": SEED_LETTER})

    document = Document.objects.get()
    assert response.url == reverse("admin:commitments_document_candidates", args=[document.pk])
    assert document.kamerstuk == "Kamerstuk 28 638, nr. 212"
    assert document.date == datetime.date(2022, 11, 8)
    proposed = candidates_of(clerk_client.get(response.url))
    due = {row["deadline_phrase"]: row["due_date"] for row in proposed if row["due_date"]}
    assert due["in november van dit jaar"] == datetime.date(2022, 11, 30)
    assert due["aan het einde van volgend voorjaar"] == datetime.date(2023, 6, 20)
    assert Commitment.objects.count() == 0


def test_it_registers_only_what_the_clerk_accepts_with_their_corrections(
    clerk, clerk_client, ministries
):
    clerk_client.post(IMPORT, {"text": SEED_LETTER})
    document = Document.objects.get()

    response = accept_all(
        clerk_client,
        document,
        change={"form-0-accept": "", "form-1-summary": "Gecorrigeerde samenvatting"},
    )

    assert response.status_code == 302
    shown = len(candidates_of(clerk_client.get(response.url.replace("change/", "candidates/"))))
    assert Commitment.objects.filter(source=document).count() == shown - 1
    corrected = Commitment.objects.get(summary="Gecorrigeerde samenvatting")
    assert corrected.made_on == datetime.date(2022, 11, 8)
    assert corrected.ministry.abbreviation == "JenV"
    assert corrected.history.latest().history_user == clerk


def test_it_creates_nothing_twice_when_the_same_letter_comes_again(clerk_client, ministries):
    clerk_client.post(IMPORT, {"text": SEED_LETTER})
    document = Document.objects.get()
    accept_all(clerk_client, document)
    registered = Commitment.objects.count()

    again = clerk_client.post(IMPORT, {"text": SEED_LETTER}, follow=True)
    accept_all(clerk_client, document)

    assert Document.objects.count() == 1
    assert Commitment.objects.count() == registered
    assert "eerder" in again.content.decode() or "before" in again.content.decode()
    assert not any(row["accept"] for row in candidates_of(again))


def test_it_reads_an_uploaded_html_letter(clerk_client, ministries):
    markup = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in SEED_LETTER.splitlines())
        + "</body></html>"
    )
    upload = SimpleUploadedFile("brief.html", markup.encode(), content_type="text/html")

    response = clerk_client.post(IMPORT, {"file": upload})

    assert response.status_code == 302
    assert Document.objects.get().kamerstuk == "Kamerstuk 28 638, nr. 212"


def test_it_reads_an_uploaded_pdf_letter(clerk_client, ministries):
    lines = [
        "Den Haag, 3 maart 2024",
        "Uw Kamer zal ik voor de zomer informeren over de uitkomsten van de pilot.",
        "De Minister van Justitie en Veiligheid,",
        "D. Yesilgöz-Zegerius",
    ]
    upload = SimpleUploadedFile("brief.pdf", minimal_pdf(lines), content_type="application/pdf")

    response = clerk_client.post(IMPORT, {"file": upload})

    document = Document.objects.get()
    assert document.date == datetime.date(2024, 3, 3)
    proposed = candidates_of(clerk_client.get(response.url))
    assert [row["deadline_phrase"] for row in proposed] == ["voor de zomer"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Plak de brief"),
        ({"file": SimpleUploadedFile("brief.txt", b"\x00\x01binary")}, "geen tekst"),
        ({"file": SimpleUploadedFile("brief.docx", b"PK\x03\x04")}, ".txt-, .html-"),
        ({"file": SimpleUploadedFile("brief.pdf", b"%PDF-1.4 broken")}, "PDF"),
        ({"text": "Uw Kamer zal worden geïnformeerd."}, "datum"),
    ],
    ids=["nothing", "binary", "word-file", "broken-pdf", "no-date"],
)
def test_it_explains_bad_letters_and_saves_nothing(clerk_client, ministries, data, message):
    response = clerk_client.post(IMPORT, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_it_takes_the_date_from_the_clerk_when_the_letter_has_none(clerk_client, ministries):
    response = clerk_client.post(
        IMPORT, {"text": "Uw Kamer zal worden geïnformeerd.", "letter_date": "2024-05-01"}
    )
    assert response.status_code == 302
    assert Document.objects.get().date == datetime.date(2024, 5, 1)
