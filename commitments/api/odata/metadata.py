"""The service's description: `$metadata` (CSDL XML, OData v4.0) and the service document.

`Toezegging` has the Chamber's property names and Edm types, in the Chamber's order (its live
`$metadata` as recorded in /work/shared/tk/related-entities-real.json, navigation properties
with its types), and the namespace its responses name their types in (`TK.DA.GGM.OData`, tkapi
0.9.10 tkapi/core.py). `ToegezegdAan`, `Persoon`, `Fractie`, `Document`, `Activiteit` and
`Commissie` have the properties we export of them (`commitments.tk.export`, names as the real
samples and tkapi 0.9.10 give them); the Chamber's have more. The Chamber's reverse links
(`IsHerhaaldDoor`, ...) are not served. Our own fields travel as instance annotations whose
terms a vocabulary of our own (`Tracker`, alias `tracker`) declares, so a client that knows only
the Chamber's entity reads ours and one that knows ours finds them described.
"""

from xml.sax.saxutils import quoteattr

from commitments.api.odata.entity import NAMESPACE

TOEZEGGING = [
    ("Id", "Edm.Guid"),
    ("Aanmaakdatum", "Edm.DateTimeOffset"),
    ("Nummer", "Edm.String"),
    ("ActiviteitNummer", "Edm.String"),
    ("Naam", "Edm.String"),
    ("Achternaam", "Edm.String"),
    ("Initialen", "Edm.String"),
    ("Voornaam", "Edm.String"),
    ("Achtervoegsel", "Edm.String"),
    ("Titulatuur", "Edm.String"),
    ("Functie", "Edm.String"),
    ("Status", "Edm.String"),
    ("DatumNakoming", "Edm.DateTimeOffset"),
    ("Ministerie", "Edm.String"),
    ("Tekst", "Edm.String"),
    ("Verwijderd", "Edm.Boolean"),
    ("GewijzigdOp", "Edm.DateTimeOffset"),
    ("ApiGewijzigdOp", "Edm.DateTimeOffset"),
    ("Tussenvoegsel", "Edm.String"),
    ("Notities", "Edm.String"),
]
PROPERTIES = dict(TOEZEGGING)
# Never null in what we export (the key, and the properties every commitment of ours has).
REQUIRED = {"Id", "Aanmaakdatum", "Nummer", "Tekst", "Status", "DatumNakoming", "Ministerie"}
REQUIRED |= {"Verwijderd", "GewijzigdOp", "ApiGewijzigdOp"}

ENTITY_TYPES = {
    "Toezegging": {
        "properties": TOEZEGGING,
        # The navigation properties we serve, with the live $metadata's types.
        "navigation": [
            ("Activiteit", "Collection(TK.DA.GGM.OData.Activiteit)"),
            ("KamerbriefNakoming", "Collection(TK.DA.GGM.OData.Document)"),
            ("ToegezegdAan", "Collection(TK.DA.GGM.OData.ToegezegdAan)"),
            ("IsHerhalingVan", "Collection(TK.DA.GGM.OData.Toezegging)"),
            ("IsWijzigingVan", "Collection(TK.DA.GGM.OData.Toezegging)"),
            ("IsAanvullingOp", "Collection(TK.DA.GGM.OData.Toezegging)"),
        ],
    },
    "ToegezegdAan": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("Toezegging_Id", "Edm.Guid"),
            ("Fractie_Id", "Edm.Guid"),
            ("Persoon_Id", "Edm.Guid"),
        ],
        "navigation": [
            ("Persoon", "TK.DA.GGM.OData.Persoon"),
            ("Fractie", "TK.DA.GGM.OData.Fractie"),
        ],
    },
    "Persoon": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("Initialen", "Edm.String"),
            ("Tussenvoegsel", "Edm.String"),
            ("Achternaam", "Edm.String"),
            ("Verwijderd", "Edm.Boolean"),
        ],
        "navigation": [],
    },
    "Fractie": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("Afkorting", "Edm.String"),
            ("NaamNL", "Edm.String"),
            ("Verwijderd", "Edm.Boolean"),
        ],
        "navigation": [],
    },
    "Document": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("DocumentNummer", "Edm.String"),
            ("Titel", "Edm.String"),
            ("Onderwerp", "Edm.String"),
            ("Datum", "Edm.DateTimeOffset"),
            ("Verwijderd", "Edm.Boolean"),
        ],
        "navigation": [],
    },
    "Activiteit": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("Nummer", "Edm.String"),
            ("Onderwerp", "Edm.String"),
            ("Datum", "Edm.DateTimeOffset"),
            ("Verwijderd", "Edm.Boolean"),
        ],
        "navigation": [("Voortouwcommissie", "Collection(TK.DA.GGM.OData.Commissie)")],
    },
    "Commissie": {
        "properties": [
            ("Id", "Edm.Guid"),
            ("NaamNL", "Edm.String"),
            ("Afkorting", "Edm.String"),
            ("Verwijderd", "Edm.Boolean"),
        ],
        "navigation": [],
    },
}
# Our instance annotations (`@tracker.Summary` on a Toezegging): term, type, what it holds.
TERMS = [
    ("Summary", "Edm.String", "A short summary of the commitment."),
    ("DuePrecision", "Edm.String", "How precise DatumNakoming is: day, month, ..., none."),
    ("DeadlinePhrase", "Edm.String", "The source's words about the deadline, verbatim."),
    ("FulfilledOn", "Edm.Date", "The day the commitment was fulfilled."),
    ("MadeOn", "Edm.Date", "The day the promise was made."),
]
EDMX = "http://docs.oasis-open.org/odata/ns/edmx"
EDM = "http://docs.oasis-open.org/odata/ns/edm"
CORE = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"


def entity_type(name: str, shape: dict) -> list[str]:
    lines = [f'<EntityType Name="{name}">', '<Key><PropertyRef Name="Id"/></Key>']
    for prop, edm in shape["properties"]:
        nullable = prop == "Id" or (name == "Toezegging" and prop in REQUIRED)
        lines.append(
            f'<Property Name="{prop}" Type="{edm}"' + (' Nullable="false"/>' if nullable else "/>")
        )
    for prop, target in shape["navigation"]:
        lines.append(f'<NavigationProperty Name="{prop}" Type="{target}"/>')
    lines.append("</EntityType>")
    return lines


def csdl() -> str:
    """The `$metadata` document."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX}">',
        f'<edmx:Reference Uri="{CORE}">',
        '<edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>',
        "</edmx:Reference>",
        "<edmx:DataServices>",
        f'<Schema Namespace="{NAMESPACE}" xmlns="{EDM}">',
    ]
    for name, shape in ENTITY_TYPES.items():
        lines += entity_type(name, shape)
    lines += [
        '<EntityContainer Name="Container">',
        f'<EntitySet Name="Toezegging" EntityType="{NAMESPACE}.Toezegging"/>',
        "</EntityContainer>",
        "</Schema>",
        f'<Schema Namespace="Tracker" Alias="tracker" xmlns="{EDM}">',
    ]
    for term, edm, description in TERMS:
        lines += [
            f'<Term Name="{term}" Type="{edm}" AppliesTo="EntityType">',
            f'<Annotation Term="Core.Description" String={quoteattr(description)}/>',
            "</Term>",
        ]
    lines += ["</Schema>", "</edmx:DataServices>", "</edmx:Edmx>", ""]
    return "\n".join(lines)


def service_document(root: str) -> dict:
    """The service document: the entity sets, for a client that starts at the root."""
    return {
        "@odata.context": f"{root}$metadata",
        "value": [{"name": "Toezegging", "kind": "EntitySet", "url": "Toezegging"}],
    }
