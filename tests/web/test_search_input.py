"""What a reader types in the search box is read as stored text is: normalised (NFKC) and
without control characters."""

import pytest

from tests.factories import CommitmentFactory


@pytest.mark.django_db
def test_it_finds_a_commitment_when_the_reader_types_a_ligature(client):
    # Stored as normalised at input ("financiering"); the reader pastes "ﬁnanciering" (U+FB01)
    # from a PDF, with a stray U+000B.
    commitment = CommitmentFactory(summary="Informeren over de financiering van de opvang")
    CommitmentFactory(summary="Informeren over de huisvesting")

    response = client.get("/commitments/", {"q": "ﬁnanciering\x0b"})

    assert [row.number for row in response.context["page"]["rows"]] == [commitment.number]
