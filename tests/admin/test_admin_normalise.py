"""Every admin form a clerk types into normalises the input like any other boundary."""

import pytest
from django.urls import reverse

from commitments.models import Document, Ministry

pytestmark = pytest.mark.django_db


def test_it_stores_a_document_title_without_control_characters(clerk_client):
    # Tried: a title pasted from a PDF with U+0007 and the ligature U+FB01
    # ("Voortgang \x07ﬁnanciering"); before, the document and register forms stored it as typed.
    response = clerk_client.post(
        reverse("admin:commitments_document_add"),
        {
            "kind": "letter",
            "dossier_number": "28 638",
            "document_number": "213",
            "date": "2023-01-10",
            "title": "Voortgang \x07ﬁnanciering",
            "text": "",
            "url": "",
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    assert Document.objects.get().title == "Voortgang financiering"


def test_it_stores_a_ministry_name_without_control_characters(clerk_client):
    # Tried: a ministry name with a zero-width space U+200B and a vertical tab U+000B.
    response = clerk_client.post(
        reverse("admin:commitments_ministry_add"),
        {"name": "Ministerie van\u200b Financiën\x0b", "abbreviation": "Fin"},
    )

    assert response.status_code == 302
    assert Ministry.objects.get(abbreviation="Fin").name == "Ministerie van Financiën"
