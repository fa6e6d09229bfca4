"""The one normaliser at every input (commitments/normalise.py): control and format characters
are never stored, and text is stored in NFKC form so a search finds what a person types."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commitments import normalise
from commitments.models import Commitment, ContactResponse, Document
from commitments.services import links
from commitments.tk.records import parse_record
from tests.admin.test_admin import change_form_data
from tests.factories import CommitmentFactory, ContactFactory, MinistryFactory
from tests.letters import minimal_pdf
from tests.toezeggingen import toezegging

TODAY = timezone.localdate()

IMPORT = "/admin/commitments/document/import/"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Informeren\x0bover de pilot", "Informeren over de pilot"),
        ("Informeren\x07 over\u200b de\ufeff pilot\x85", "Informeren over de pilot "),
        ("\u00adﬁnanciering\u00a0regelen\ud800", "financiering regelen"),
        ("\uff21\uff11\x7f\x9f\x00", "A1"),
    ],
    ids=["vertical-tab", "bell-zero-width-bom", "ligature-soft-hyphen-surrogate", "full-width"],
)
def test_it_stores_a_line_without_controls_and_in_nfkc(typed, stored):
    """A clerk's summary: the characters typed (see ids) give what is stored and searched."""
    assert normalise.line(typed) == stored
    assert normalise.line(stored) == stored


def test_it_keeps_the_lines_and_tabs_of_long_text():
    """A letter's text "Eerste regel\\r\\n\\tTweede\\x0cregel\\x07" keeps its lines and tab."""
    assert normalise.text("Eerste regel\r\n\tTweede\x0cregel\x07") == (
        "Eerste regel\n\tTweede\nregel"
    )


def test_it_stores_a_summary_posted_with_a_vertical_tab_without_it(token_client, world):
    """An integrator posts the summary "Informeren\\x0bover de ﬁnanciering" (U+000B, U+FB01)."""
    data = {
        "text": "Ik zal uw Kamer\x07 informeren over de ﬁnanciering.\n\tTweede regel.",
        "summary": "Informeren\x0bover de ﬁnanciering",
        "made_on": "2024-05-01",
        "due_date": "2024-07-01",
        "ministry": world.justice.abbreviation,
    }
    response = token_client.post("/api/commitments/", data, format="json")

    assert response.status_code == 201
    commitment = Commitment.objects.get(number=response.json()["number"])
    assert commitment.summary == "Informeren over de financiering"
    assert commitment.text == "Ik zal uw Kamer informeren over de financiering.\n\tTweede regel."


def test_it_counts_a_summary_limit_after_spelling_out_ligatures(token_client, world):
    """An integrator posts a summary of 300 ligatures "ﬃ" (U+FB03), which are 900 letters."""
    data = {
        "text": "Ik zal uw Kamer informeren.",
        "summary": "ﬃ" * 300,
        "made_on": "2024-05-01",
        "ministry": world.justice.abbreviation,
    }
    response = token_client.post("/api/commitments/", data, format="json")

    assert response.status_code == 400
    assert "summary" in response.json()["errors"]
    assert not Commitment.objects.filter(text="Ik zal uw Kamer informeren.").exists()


def test_it_imports_a_pdf_letter_with_a_bell_byte_without_it(clerk_client):
    """A clerk uploads a PDF whose sentence holds the byte 0x07: "zal ik\\x07 voor de zomer"."""
    lines = [
        "Den Haag, 3 maart 2024",
        "Uw Kamer zal ik\x07 voor de zomer informeren over de uitkomsten van de pilot.",
    ]
    upload = SimpleUploadedFile("brief.pdf", minimal_pdf(lines), content_type="application/pdf")

    clerk_client.post(IMPORT, {"file": upload})

    text = Document.objects.latest("pk").text
    assert "zal ik voor de zomer" in text
    assert "\x07" not in text


def test_it_imports_a_letter_with_a_ligature_spelled_out(clerk_client):
    """A clerk uploads a UTF-8 letter with "de ﬁnanciering" (U+FB01, as PDFs often give it)."""
    letter = "Den Haag, 3 maart 2024\nUw Kamer zal ik voor de zomer informeren over de ﬁnanciering."
    upload = SimpleUploadedFile("brief.txt", letter.encode(), content_type="text/plain")

    clerk_client.post(IMPORT, {"file": upload})

    assert "over de financiering." in Document.objects.latest("pk").text


def test_it_imports_a_tk_record_without_its_control_characters():
    """The Tweede Kamer's register sends a record with the Tekst
    "Ik zal\\x0b de ﬁnanciering\\x07 regelen.\\n Echt."."""
    record = parse_record(
        toezegging(1, Tekst="Ik zal\x0b de ﬁnanciering\x07 regelen.\n Echt."), where="page 1"
    )

    assert record.text == "Ik zal\n de financiering regelen.\n Echt."


def test_it_records_a_contacts_explanation_without_control_characters(db, client):
    """A ministry contact explains a new date with "Het onderzoek\\x0b loopt\\u200b uit\\x07"."""
    contact = ContactFactory(
        ministry=MinistryFactory(name="Ministerie van Tekens", abbreviation="MvT")
    )
    commitment = CommitmentFactory(ministry=contact.ministry, made_on=TODAY, due_date=TODAY)
    url = reverse("contact-response", kwargs={"token": links.token_for(contact)})

    client.post(
        url,
        {
            "submission": str(uuid.uuid4()),
            "commitment": commitment.number,
            "kind": "new_date",
            "proposed_date": TODAY.isoformat(),
            "reason": "Het onderzoek\x0b loopt\u200b uit\x07",
        },
    )

    assert ContactResponse.objects.get(commitment=commitment).reason == "Het onderzoek\n loopt uit"


def test_it_saves_a_clerks_summary_without_control_characters(clerk_client):
    """A clerk edits a commitment in the admin to the summary "Nieuwe\\x0bsamenvatting\\u200b",
    and its text to "Eerste regel\\r\\nTweede\\x07 regel"."""
    commitment = CommitmentFactory()
    url = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    response = clerk_client.post(
        url,
        change_form_data(
            commitment,
            summary="Nieuwe\x0bsamenvatting\u200b",
            text="Eerste regel\r\nTweede\x07 regel",
        ),
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.summary == "Nieuwe samenvatting"
    assert commitment.text == "Eerste regel\nTweede regel"
