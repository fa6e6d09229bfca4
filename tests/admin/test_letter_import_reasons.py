"""The letter import's review page tells a clerk who owns each candidate and why it was
proposed: the parts of the sentence that made it a promise, and its deadline."""

import pytest
from django.urls import reverse

from commitments.models import Document
from tests.factories import MinistryFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:commitments_document_import")
LETTER = (
    "Den Haag, 3 maart 2024\n\n"
    "De staatssecretaris en ik zullen uw Kamer voor de zomer informeren over de uitkomsten van "
    "de pilot.\n\n"
    "Het kabinet spant zich in om het wetsvoorstel nog dit jaar bij de Kamer in te dienen.\n\n"
    "De Minister van Justitie en Veiligheid,\n"
    "D. Yesilgöz-Zegerius\n"
)


@pytest.fixture
def review_page(clerk_client):
    MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    clerk_client.post(IMPORT, {"text": LETTER})
    document = Document.objects.get()
    url = reverse("admin:commitments_document_candidates", args=[document.pk])
    return clerk_client.get(url).content.decode()


def test_it_shows_a_clerk_the_owners_of_each_candidate(review_page):
    assert (
        "Minister van Justitie en Veiligheid en Staatssecretaris van Justitie en Veiligheid"
        in review_page
    )
    assert "het kabinet" in review_page


def test_it_shows_a_clerk_why_each_candidate_was_proposed(review_page):
    assert (
        "agent: De staatssecretaris; marker: zullen; delivery: informeren; deadline: voor de zomer"
        in review_page
    )
    assert "marker: spant zich in" in review_page
    assert "delivery: in te dienen; deadline: nog dit jaar" in review_page
