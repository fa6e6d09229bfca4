"""Records of the Tweede Kamer's register (`Toezegging`) as the Chamber publishes them, for the
tests of the importer."""

import datetime
import uuid

CONTEXT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging"
CHANGED = datetime.datetime(
    2024, 4, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
)
DROP = object()


def toezegging(n: int, **fields) -> dict:
    """Record `n` as the Chamber publishes one; it changed `n` minutes after CHANGED."""
    changed = CHANGED + datetime.timedelta(minutes=n)
    record = {
        "Id": str(uuid.UUID(int=n)),
        "Nummer": f"TZ202403-{n:03d}",
        "Tekst": f"De staatssecretaris zegt toe de Kamer voor de zomer te informeren ({n}).",
        "Naam": "Burg, E. van der",
        "Achternaam": "Burg",
        "Initialen": "E.",
        "Tussenvoegsel": "van der",
        "Voornaam": "Eric",
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Staatssecretaris van Justitie en Veiligheid",
        "Ministerie": "Ministerie van Justitie en Veiligheid",
        "Status": "Openstaand",
        "DatumNakoming": "2024-06-30T00:00:00+02:00",
        "Aanmaakdatum": "2024-03-19T17:42:13.69+01:00",
        "ActiviteitNummer": "2024A01234",
        "KamerbriefNakoming": None,
        "GewijzigdOp": changed.isoformat(),
        "ApiGewijzigdOp": changed.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "Verwijderd": False,
    }
    return record | fields


def send_json(handler, body: bytes) -> None:
    """Answer a request of a test's OData server with `body` as JSON, as the Chamber answers."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
