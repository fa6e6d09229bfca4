"""A JSON body nested deeper than Python's parser goes is refused like any malformed JSON."""

import json

from commitments.models import Commitment


def test_it_refuses_a_text_nested_950_deep_with_a_400(token_client, world):
    """A clerk's script posts a commitment whose text is [[[...]]] nested 950 deep."""
    fields = {
        "summary": "Diep genest",
        "made_on": "2024-05-01",
        "ministry": world.justice.abbreviation,
    }
    body = json.dumps({"text": "NESTED", **fields}).replace('"NESTED"', "[" * 950 + "]" * 950)

    response = token_client.post("/api/commitments/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "status": 400,
        "code": "parse_error",
        "detail": "De JSON is te diep genest.",
        "errors": {},
    }
    assert not Commitment.objects.filter(summary="Diep genest").exists()


def test_it_still_reads_a_plain_json_body(token_client, world):
    """The same clerk posts the commitment with a plain text "Ik zal uw Kamer informeren."."""
    body = json.dumps(
        {
            "text": "Ik zal uw Kamer informeren.",
            "summary": "Vlak",
            "made_on": "2024-05-01",
            "ministry": world.justice.abbreviation,
        }
    )

    response = token_client.post("/api/commitments/", body, content_type="application/json")

    assert response.status_code == 201
    assert Commitment.objects.get(summary="Vlak").text == "Ik zal uw Kamer informeren."
