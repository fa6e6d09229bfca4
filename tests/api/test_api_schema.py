"""The API's OpenAPI schema, its documentation pages, and the API fuzzed against the schema.

The fuzzing loads the schema from the WSGI application with schemathesis and, per operation,
runs Hypothesis over the cases schemathesis generates, as a clerk with an API token (so writes
are exercised and the anonymous throttle never applies). Half of the cases for a detail URL
address an object that exists, and half of the bodies and queries refer to a ministry, member,
document and so on that exist, so that requests get past "not found" into the code that writes.
Each operation gets 25 cases in the default suite (50 before the suite was trimmed to run in a
few minutes); FUZZ_EXAMPLES sets more for a longer run (tests/fuzzing.py).
"""

import re
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import api_token
from tests.factories import CommitmentFactory, CommitteeFactory, DocumentFactory, MemberFactory
from tests.fuzzing import fuzz_settings
from tracker.wsgi import application

COMMITMENT_FILTERS = {
    "ministry",
    "official",
    "committee",
    "status",
    "overdue",
    "due_after",
    "due_before",
    "member",
    "party",
    "source",
    "q",
    "cursor",
    "page_size",
}
ENDPOINTS = {
    "/api/commitments/": {"get", "post"},
    "/api/commitments/{number}/": {"get", "put", "patch"},
    "/api/commitments/{number}/fulfil/": {"post"},
    "/api/commitments/{number}/lapse/": {"post"},
    "/api/commitments/{number}/extend-deadline/": {"post"},
    **{
        path: methods
        for resource in ["ministries", "officials", "committees", "members", "documents"]
        for path, methods in [
            (f"/api/{resource}/", {"get", "post"}),
            (f"/api/{resource}/{{id}}/", {"get", "put", "patch"}),
        ]
    },
}


def served_schema():
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


@pytest.mark.django_db
def test_it_serves_a_valid_openapi_3_schema():
    schema = served_schema()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on anything that is not OpenAPI 3


@pytest.mark.django_db
def test_it_documents_every_filter_of_the_commitment_list():
    parameters = served_schema()["paths"]["/api/commitments/"]["get"]["parameters"]
    documented = {p["name"] for p in parameters if p["in"] == "query"}
    assert documented >= COMMITMENT_FILTERS


@pytest.mark.django_db
def test_it_documents_every_endpoint_and_no_delete():
    paths = served_schema()["paths"]
    documented = {
        path: {method for method in item if method != "parameters"} for path, item in paths.items()
    }
    assert {path: documented.get(path) for path in ENDPOINTS} == ENDPOINTS
    assert not any("delete" in methods for methods in documented.values())


def assets_of(html):
    return re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/docs/",
        "/api/redoc/",
    ],
)
def test_it_serves_the_api_docs_with_every_asset_from_this_server(url):
    client = APIClient()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = assets_of(html)
    assert assets, "the page loads no scripts or styles at all"
    assert not re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", html), "a URL of another server"
    for asset in assets:
        assert asset.startswith("/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        served.close()


# --- schemathesis ---------------------------------------------------------------------------------

# The operations as the schema generator sees them, to name one test per operation; the test
# itself runs against the schema that the application serves.
GENERATED = SchemaGenerator().get_schema(request=None, public=True)["paths"]
OPERATIONS = [(method.upper(), path) for path, item in GENERATED.items() for method in item]


@contextmanager
def connection_kept():
    """Django closes the connection when a request finishes, which on PostgreSQL would end the
    test's transaction; its test client disconnects this signal too, schemathesis's does not."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="session")
def api_schema(django_db_setup, django_db_blocker):
    """The schema as the application serves it (ATOMIC_REQUESTS needs the database)."""
    with django_db_blocker.unblock(), connection_kept():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def existing(db):
    commitment = CommitmentFactory(committee=CommitteeFactory())
    member = MemberFactory()
    document = DocumentFactory()
    ids = {
        "ministries": commitment.ministry.pk,
        "officials": commitment.official.pk,
        "committees": commitment.committee.pk,
        "members": member.pk,
        "documents": document.pk,
    }
    body = {
        "ministry": commitment.ministry.abbreviation,
        "committee": commitment.committee.abbreviation,
        "party": member.party.abbreviation,
        "made_to_parties": [member.party.abbreviation],
        "made_to": [member.pk],
        "official": commitment.official.pk,
        "source": document.pk,
        "document": document.pk,
        "repeats": commitment.number,
        "amends": commitment.number,
        "supplements": commitment.number,
    }
    query = {key: body[key] for key in ("ministry", "committee", "party")}
    return {"number": commitment.number, "ids": ids, "body": body, "query": query}


def path_parameters(path, existing):
    if "{number}" in path:
        return {"number": existing["number"]}
    resource = path.split("/")[2]
    return {"id": existing["ids"][resource]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [pytest.param(*operation) for operation in OPERATIONS],
    ids=[f"{method} {path}" for method, path in OPERATIONS],
)
def test_it_answers_every_generated_request_without_error_and_as_documented(
    api_schema, clerk, existing, method, path
):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Token {api_token(clerk).key}"}
    strategy = operation.as_strategy()
    if "{" in path:
        strategy = st.one_of(
            strategy, operation.as_strategy(path_parameters=path_parameters(path, existing))
        )

    @given(case=strategy, refer=st.booleans())
    @fuzz_settings(25)
    def run(case, refer):
        if refer:
            for part, refs in [(case.body, existing["body"]), (case.query, existing["query"])]:
                if isinstance(part, dict):
                    part.update({key: value for key, value in refs.items() if key in part})
        case.call_and_validate(
            headers=headers, checks=[not_a_server_error, response_schema_conformance]
        )

    with connection_kept():
        run()
