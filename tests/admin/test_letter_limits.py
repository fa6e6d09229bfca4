"""Letters too large to review are refused with a clear message; long letters can be accepted
whole; the public document list carries no full texts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment, Document
from tests.factories import DocumentFactory, MinistryFactory
from tests.letters import SEED_LETTER, candidates_of, review_data

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:commitments_document_import")


def test_it_refuses_a_file_over_the_size_limit_before_reading_it(clerk_client, settings):
    # Tried: a 2,000-byte .txt letter against a limit of 1,000 bytes (before: a 21 MB letter was
    # read and its review page killed at the worker timeout on every visit).
    settings.LETTER_MAX_BYTES = 1000
    letter = SimpleUploadedFile("brief.txt", b"x" * 2000, content_type="text/plain")

    response = clerk_client.post(IMPORT, {"file": letter})

    assert response.status_code == 200
    assert "MB" in response.content.decode()
    assert Document.objects.count() == 0


def test_it_refuses_a_pasted_letter_over_the_length_limit(clerk_client, settings):
    # Tried: the seed letter followed by 20,000 more characters, against a limit of 20,000
    # (before: a 5 MB letter made a 9 MB review page that took 20 s).
    settings.LETTER_MAX_CHARACTERS = 20_000

    response = clerk_client.post(IMPORT, {"text": SEED_LETTER + "a" * 20_000})

    assert response.status_code == 200
    assert "20000" in response.content.decode()
    assert Document.objects.count() == 0


def test_it_accepts_a_letter_with_a_hundred_and_forty_candidates(clerk_client):
    # Tried: the seed letter with 140 promises added, every candidate ticked and posted back
    # (before: 1,266 fields, a bare 400 TooManyFieldsSent, nothing registered).
    MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    promises = "\n\n".join(
        f"Ik zal uw Kamer voor de zomer informeren over onderwerp {n}." for n in range(140)
    )
    clerk_client.post(IMPORT, {"text": promises + "\n\n" + SEED_LETTER})
    document = Document.objects.get()
    url = reverse("admin:commitments_document_candidates", args=[document.pk])
    initial = candidates_of(clerk_client.get(url))
    assert len(initial) >= 140
    data = review_data(initial)

    response = clerk_client.post(url, data)

    assert response.status_code == 302
    assert Commitment.objects.filter(source=document).count() == len(initial)


def test_it_lists_documents_in_the_api_without_their_full_text(client):
    # Tried: an anonymous reader lists the documents (before: 28 MB with every letter's text).
    document = DocumentFactory(text="De volledige tekst van de brief. " * 1000)

    listed = client.get("/api/documents/").json()["results"]
    one = client.get(f"/api/documents/{document.pk}/").json()

    assert "text" not in listed[0]
    assert listed[0]["title"] == document.title
    assert one["text"] == document.text
