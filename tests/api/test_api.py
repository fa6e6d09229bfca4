"""The REST API as integrators and clerks meet it: what bad input and forged ids get back, the
status actions and the audit trail. Who may do what is in tests/test_permission_matrix.py, cursor
pages in test_pagination.py, the filters in test_filters.py.

The API answers in Dutch (LANGUAGE_CODE "nl"), so expected messages are the source strings
translated to Dutch with gettext, as a clerk reads them.
"""

import datetime
import itertools

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from commitments.models import Commitment
from tests.conftest import assert_error, logged_in, snapshot
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MemberFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def dutch(message, **params):
    """`message` as the API says it: in Dutch."""
    with translation.override("nl"):
        text = gettext(message)
        if params:
            text = text % {key: gettext(value) for key, value in params.items()}
    return text


def latest_history(commitment):
    return commitment.history.order_by("-history_id").first()


# --- The world's commitment, and what the API is sent about it ------------------------------
#
# The world (tests/conftest.py) is made once per module. Its commitment (JenV) was made 60 days
# ago and fell due 2 days ago; `elsewhere` is another ministry's open commitment.


def new_commitment(w):
    """A commitment to create: what POST /api/commitments/ needs."""
    return {
        "text": "Ik zal uw Kamer voor de zomer informeren.",
        "summary": "Informeren over de uitvoering",
        "made_on": "2024-05-01",
        "due_date": "2024-07-01",
        "ministry": w.justice.abbreviation,
    }


def day(w, days):
    """The day `days` after the world's commitment was made (before it, when negative)."""
    return (w.commitment.made_on + datetime.timedelta(days=days)).isoformat()


ACTIONS = {
    "fulfil": lambda w: {"document": w.document.pk, "fulfilled_on": day(w, 30)},
    "lapse": lambda w: {"reason": "Niet meer nodig na het debat"},
    "extend-deadline": lambda w: {"new_due_date": day(w, 300), "reason": "De Kamer gaf uitstel"},
}
RESOURCES = ["commitments", "ministries", "officials", "committees", "members", "documents"]

# --- 2. Forged ids --------------------------------------------------------------------------------


def test_it_refuses_to_give_a_commitment_another_commitments_number(token_client, world):
    """A clerk PATCHes commitment A with B's number: 400 on number, A and B unchanged."""
    a, b = world.commitment, world.elsewhere
    before = snapshot()
    response = token_client.patch(
        f"/api/commitments/{a.number}/", {"number": b.number}, format="json"
    )
    assert_error(response, 400, "number")
    assert snapshot() == before
    assert Commitment.objects.filter(number=a.number).get().pk == a.pk
    assert Commitment.objects.filter(number=b.number).get().pk == b.pk


@pytest.mark.parametrize(
    ("field", "forged"),
    [("ministry", "NOPE"), ("source", 999999), ("repeats", "TZ209901-001")],
)
def test_it_refuses_a_reference_to_something_that_does_not_exist(
    token_client, world, field, forged
):
    before = snapshot()
    response = token_client.patch(
        f"/api/commitments/{world.commitment.number}/", {field: forged}, format="json"
    )
    assert_error(response, 400, field)
    assert snapshot() == before


@pytest.mark.parametrize(
    "payload",
    [
        lambda w: {"number": w.elsewhere.number},
        lambda w: {"repeats": w.elsewhere.number, "amends": w.elsewhere.number},
        lambda w: {"summary": w.elsewhere.summary, "text": w.elsewhere.text},
    ],
    ids=["number", "repeats-amends", "text"],
)
def test_it_lets_a_reader_change_nothing_whatever_the_payload_names(reader, world, payload):
    client = logged_in(APIClient(), reader)
    before = snapshot()
    response = client.patch(
        f"/api/commitments/{world.commitment.number}/", payload(world), format="json"
    )
    assert assert_error(response, 403)["code"] == "permission_denied"
    assert snapshot() == before


def test_it_refuses_to_fulfil_by_a_document_that_does_not_exist(token_client, world):
    before = snapshot()
    response = token_client.post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": 999999, "fulfilled_on": day(world, 30)},
        format="json",
    )
    assert_error(response, 400, "document")
    assert snapshot() == before


# --- 3. Bad payloads and bad queries --------------------------------------------------------------


@pytest.mark.parametrize("status", ["bogus", "fulfilled", "lapsed", "partially_fulfilled"])
def test_it_ignores_a_status_on_create_and_creates_the_commitment_open(token_client, world, status):
    """Status is read-only: it changes only through the actions, so a create that names one
    (known or not) makes an open commitment, not a fulfilled one."""
    response = token_client.post(
        "/api/commitments/", {**new_commitment(world), "status": status}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    created = Commitment.objects.get(number=response.json()["number"])
    assert (created.status, created.fulfilled_on) == (Commitment.Status.OPEN, None)


def test_it_refuses_an_unknown_status_filter(world):
    assert_error(APIClient().get("/api/commitments/?status=bogus"), 400, "status")


def test_it_refuses_a_due_date_before_the_commitment_was_made(token_client, world):
    before = snapshot()
    client = token_client
    response = client.post(
        "/api/commitments/",
        {**new_commitment(world), "made_on": "2024-05-01", "due_date": "2024-04-30"},
        format="json",
    )
    message = dutch("The due date cannot lie before the date the commitment was made.")
    assert assert_error(response, 400, "due_date")["errors"]["due_date"] == [message]

    response = client.patch(
        f"/api/commitments/{world.commitment.number}/", {"due_date": day(world, -29)}, format="json"
    )
    assert assert_error(response, 400, "due_date")["errors"]["due_date"] == [message]
    assert snapshot() == before


def test_it_refuses_a_second_commitment_with_the_same_number(token_client, world):
    before = snapshot()
    response = token_client.post(
        "/api/commitments/",
        {**new_commitment(world), "number": world.commitment.number},
        format="json",
    )
    body = assert_error(response, 400, "number")
    assert body["errors"]["number"] == [dutch("A commitment with this number exists already.")]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("made_on", "2024-02-30"),
        ("made_on", "01-05-2024"),
        ("due_date", "morgen"),
        ("due_date", "2024-13-01"),
        ("made_on", 20240501),
    ],
)
def test_it_refuses_a_malformed_date_in_the_body(token_client, world, field, value):
    before = snapshot()
    response = token_client.post(
        "/api/commitments/", {**new_commitment(world), field: value}, format="json"
    )
    assert_error(response, 400, field)
    assert snapshot() == before


@pytest.mark.parametrize(
    "query",
    ["due_after=2024-02-30", "due_before=gisteren", "due_after=2024-12-32", "overdue=maybe"],
)
def test_it_refuses_a_malformed_filter(world, query):
    assert_error(APIClient().get(f"/api/commitments/?{query}"), 400, query.split("=")[0])


def test_it_reads_a_date_filter_the_same_whatever_the_language(world):
    CommitmentFactory(made_on=datetime.date(2024, 1, 2), due_date=datetime.date(2024, 2, 1))
    english = APIClient()
    english.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    url = "/api/commitments/?due_before=01/03/2024"
    in_dutch, in_english = APIClient().get(url), english.get(url)
    assert in_dutch.status_code == in_english.status_code
    assert in_dutch.json().get("results") == in_english.json().get("results")


@pytest.mark.parametrize(
    "url", ["/api/commitments/?colour=red", "/api/commitments/?ministry=JenV&colour=red"]
)
def test_it_names_an_unknown_filter_instead_of_ignoring_it(world, url):
    """A misspelt filter must not look like an empty one: ?colour=red is refused."""
    body = assert_error(APIClient().get(url), 400, "colour")
    assert body["errors"] == {"colour": [dutch("Unknown filter.")]}


def test_it_answers_in_english_when_the_reader_chose_english(world):
    """Dutch first; the language switch's cookie gives an English-speaking integrator English."""
    client = APIClient()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    body = assert_error(client.get("/api/commitments/?status=bogus&page_size=5"), 400, "status")
    with translation.override("en"):
        assert body["detail"] == gettext("The request is not valid; see errors for each field.")
    assert body["errors"]["status"] == [
        "Select a valid choice. bogus is not one of the available choices."
    ]


@pytest.mark.parametrize("resource", [r for r in RESOURCES if r != "commitments"])
def test_it_refuses_filters_where_there_are_none(world, resource):
    assert_error(APIClient().get(f"/api/{resource}/?name=BZK"), 400, "name")


@pytest.mark.parametrize("page_size", ["100000", "501", "0", "-1", "ten", "1.5", "", "1e3"])
def test_it_refuses_a_page_size_out_of_range(world, page_size):
    body = assert_error(
        APIClient().get(f"/api/commitments/?page_size={page_size}"), 400, "page_size"
    )
    assert body["errors"]["page_size"] == [
        dutch("A whole number from 1 to %(max)d.") % {"max": 500}
    ]


@pytest.mark.parametrize("page_size", ["1", "500"])
def test_it_accepts_the_page_sizes_at_the_limits(world, page_size):
    response = APIClient().get(f"/api/commitments/?page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(int(page_size), Commitment.objects.count())


@pytest.mark.parametrize(
    ("role", "method", "url", "status"),
    [
        ("anonymous", "get", "/api/commitments/TZ199901-001/", 404),
        ("anonymous", "get", "/api/ministries/999999/", 404),
        ("anonymous", "get", "/api/commitments/?cursor=not-a-cursor", 404),
        ("anonymous", "post", "/api/commitments/", 403),
        ("reader", "patch", "/api/ministries/{ministry}/", 403),
        ("clerk_token", "put", "/api/commitments/", 405),
        ("clerk_token", "post", "/api/commitments/{number}/", 405),
        ("clerk_token", "get", "/api/commitments/{number}/fulfil/", 405),
        ("clerk_token", "post", "/api/commitments/", 400),
    ],
)
def test_it_gives_every_error_the_same_shape(request, world, role, method, url, status):
    url = url.format(ministry=world.justice.pk, number=world.commitment.number)
    client = {
        "anonymous": APIClient,
        "reader": lambda: logged_in(APIClient(), request.getfixturevalue("reader")),
        "clerk_token": lambda: request.getfixturevalue("token_client"),
    }[role]()
    response = getattr(client, method)(url, {}, format="json")
    assert_error(response, status)


# --- 4. The actions -------------------------------------------------------------------------------


def test_it_fulfils_a_commitment_by_a_document_on_a_date(token_client, world):
    commitment = Commitment.objects.get(pk=world.commitment.pk)
    overdue_since = commitment.due_date + datetime.timedelta(days=1)
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=overdue_since)
    response = token_client.post(
        f"/api/commitments/{commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": day(world, 59), "reason": "Brief"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["fulfilled_by"], body["fulfilled_on"], body["overdue_since"]) == (
        "fulfilled",
        world.document.pk,
        day(world, 59),
        None,
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by == world.document
    assert commitment.fulfilled_on.isoformat() == day(world, 59)
    assert commitment.overdue_since is None


@pytest.mark.parametrize(
    "payload", [{}, {"reason": ""}, {"reason": "   "}], ids=["missing", "empty", "blank"]
)
def test_it_refuses_to_lapse_without_a_reason(token_client, world, payload):
    before = snapshot()
    response = token_client.post(
        f"/api/commitments/{world.commitment.number}/lapse/", payload, format="json"
    )
    assert_error(response, 400, "reason")
    assert snapshot() == before


@pytest.mark.parametrize("days", [-4, 0], ids=["earlier", "same"])
def test_it_refuses_to_extend_a_deadline_to_an_earlier_date(token_client, world, days):
    commitment = world.commitment
    before = snapshot()
    response = token_client.post(
        f"/api/commitments/{commitment.number}/extend-deadline/",
        {
            "new_due_date": (commitment.due_date + datetime.timedelta(days=days)).isoformat(),
            "reason": "Toch eerder",
        },
        format="json",
    )
    body = assert_error(response, 400, "non_field_errors")
    message = dutch("The new due date must lie after the current one: %(numbers)s.") % {
        "numbers": commitment.number
    }
    assert body["errors"]["non_field_errors"] == [message]
    assert snapshot() == before


def test_it_keeps_the_original_due_date_when_a_deadline_is_extended(token_client, world):
    commitment = Commitment.objects.get(pk=world.commitment.pk)
    first_due_date = commitment.due_date
    url = f"/api/commitments/{commitment.number}/extend-deadline/"
    for new_due_date in [day(world, 120), day(world, 240)]:
        response = token_client.post(
            url, {"new_due_date": new_due_date, "reason": "Uitstel"}, format="json"
        )
        assert response.status_code == 200, response.content
    body = response.json()
    assert (body["due_date"], body["original_due_date"], body["status"]) == (
        day(world, 240),
        first_due_date.isoformat(),
        "open",
    )
    commitment.refresh_from_db()
    assert commitment.original_due_date == first_due_date
    assert commitment.due_date.isoformat() == day(world, 240)


CLOSING_ACTIONS = {
    "fulfil": "marked fulfilled",
    "lapse": "marked lapsed",
    "extend-deadline": "given a new deadline",
}


@pytest.mark.parametrize("closed", ["fulfilled", "lapsed"])
@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_to_act_on_a_closed_commitment(token_client, world, closed, action):
    commitment = world.commitment
    if closed == "fulfilled":
        Commitment.objects.filter(pk=commitment.pk).update(
            status=closed, fulfilled_by=world.document, fulfilled_on=day(world, 30)
        )
    else:
        Commitment.objects.filter(pk=commitment.pk).update(status=closed)
    before = snapshot()
    response = token_client.post(
        f"/api/commitments/{commitment.number}/{action}/",
        ACTIONS[action](world),
        format="json",
    )
    body = assert_error(response, 400, "non_field_errors")
    message = dutch(
        "Only open or partially fulfilled commitments can be %(action)s: %(numbers)s.",
        action=CLOSING_ACTIONS[action],
        numbers=commitment.number,
    )
    assert body["errors"]["non_field_errors"] == [message]
    assert snapshot() == before


def test_it_refuses_to_fulfil_before_the_commitment_was_made(token_client, world):
    before = snapshot()
    response = token_client.post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": day(world, -1)},
        format="json",
    )
    body = assert_error(response, 400)
    message = dutch("A commitment cannot be fulfilled before the date it was made.")
    assert message in itertools.chain.from_iterable(body["errors"].values())
    assert snapshot() == before


def test_it_puts_a_fulfilment_date_before_the_commitment_on_fulfilled_on(token_client, world):
    response = token_client.post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": day(world, -1)},
        format="json",
    )
    body = assert_error(response, 400)
    message = dutch("A commitment cannot be fulfilled before the date it was made.")
    assert body["errors"] == {"fulfilled_on": [message]}


# --- 5. The audit trail ---------------------------------------------------------------------------


AUDITED = {
    "create": (lambda w: ("post", "/api/commitments/", new_commitment(w)), None),
    "patch": (
        lambda w: ("patch", f"/api/commitments/{w.commitment.number}/", {"summary": "Nieuw"}),
        None,
    ),
    "fulfil": (
        lambda w: (
            "post",
            f"/api/commitments/{w.commitment.number}/fulfil/",
            {"document": w.document.pk, "fulfilled_on": day(w, 30), "reason": "Brief"},
        ),
        "Brief",
    ),
    "lapse": (
        lambda w: (
            "post",
            f"/api/commitments/{w.commitment.number}/lapse/",
            {"reason": "Ingehaald door de begroting"},
        ),
        "Ingehaald door de begroting",
    ),
    "extend-deadline": (
        lambda w: (
            "post",
            f"/api/commitments/{w.commitment.number}/extend-deadline/",
            {"new_due_date": day(w, 300), "reason": "Uitstel gevraagd"},
        ),
        "Uitstel gevraagd",
    ),
}


@pytest.mark.parametrize("name", AUDITED)
def test_it_records_the_tokens_clerk_as_the_author_in_the_audit_trail(
    clerk, token_client, world, name
):
    request_of, reason = AUDITED[name]
    method, url, data = request_of(world)
    response = getattr(token_client, method)(url, data, format="json")
    assert response.status_code in (200, 201), response.content
    commitment = Commitment.objects.get(number=response.json()["number"])
    record = latest_history(commitment)
    assert record.history_user == clerk
    if name == "create":
        assert commitment.history.filter(history_type="+").get().history_user == clerk
    if reason is not None:
        assert record.history_change_reason == reason


# --- Server errors found while testing -----------------------------------------------------------


def raw_client(client):
    """Let a 500 come back as a response, so the test says which status it got."""
    client.raise_request_exception = False
    return client


def test_it_creates_a_commitment_with_a_vague_deadline(token_client, world):
    """A promise 'binnenkort' has no due date; the clerk sends none and expects precision none."""
    data = {key: value for key, value in new_commitment(world).items() if key != "due_date"}
    response = raw_client(token_client).post("/api/commitments/", data, format="json")
    assert response.status_code == 201
    assert (response.json()["due_date"], response.json()["due_precision"]) == (None, "none")


def test_it_makes_a_deadline_vague_when_a_clerk_clears_the_due_date(token_client, world):
    response = raw_client(token_client).patch(
        f"/api/commitments/{world.commitment.number}/", {"due_date": None}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["due_date"], response.json()["due_precision"]) == (None, "none")


def test_it_refuses_an_imported_number_that_cannot_be_part_of_a_url(token_client, world):
    before = snapshot()
    response = raw_client(token_client).post(
        "/api/commitments/", {**new_commitment(world), "number": "28638/12"}, format="json"
    )
    assert_error(response, 400, "number")
    assert snapshot() == before


def test_it_keeps_numbering_working_after_an_import_with_a_huge_sequence(token_client, world):
    client = raw_client(token_client)
    data = {**new_commitment(world), "made_on": "2024-01-10", "due_date": "2024-03-01"}
    response = client.post(
        "/api/commitments/", {**data, "number": "TZ202401-99999999999"}, format="json"
    )
    assert response.status_code in (201, 400), response.status_code
    response = client.post("/api/commitments/", data, format="json")
    assert response.status_code == 201, response.status_code
    assert len(response.json()["number"]) <= 20


def test_it_answers_a_number_with_a_nul_byte_with_not_found(world):
    assert_error(raw_client(APIClient()).get("/api/commitments/TZ%00/"), 404)


def test_it_refuses_an_abbreviation_with_a_nul_byte(token_client, world):
    before = snapshot()
    response = raw_client(token_client).post(
        "/api/members/", {"name": "G. Kamerlid", "party": "GL\x00"}, format="json"
    )
    assert_error(response, 400, "party")
    assert snapshot() == before


def test_it_shows_a_commitment_exactly_as_the_declared_fields_would():
    """The serializer reads a commitment in one pass for speed; every field, filled or empty,
    must read as DRF's generic field-by-field representation does."""
    from rest_framework.serializers import ModelSerializer
    from rest_framework.test import APIRequestFactory

    from commitments.api.serializers import CommitmentSerializer

    full = CommitmentFactory(
        committee=CommitteeFactory(),
        source=DocumentFactory(),
        repeats=CommitmentFactory(),
        amends=CommitmentFactory(),
        supplements=CommitmentFactory(),
        status=Commitment.Status.FULFILLED,
        fulfilled_by=DocumentFactory(),
        fulfilled_on=datetime.date(2024, 6, 1),
        original_due_date=datetime.date(2024, 5, 1),
    )
    full.made_to.set(MemberFactory.create_batch(3))
    full.made_to_parties.set(PartyFactory.create_batch(2))
    vague = CommitmentFactory(due_date=None, due_precision="none", official=None)
    request = APIRequestFactory().get("/api/commitments/")

    for commitment in (full, vague):
        serializer = CommitmentSerializer(context={"request": request})
        generic = ModelSerializer.to_representation(serializer, commitment)
        assert serializer.to_representation(commitment) == generic
        # Through the API the addressees come with the commitment's own query (on PostgreSQL
        # as arrays); they read the same, in the same order.
        answer = APIClient().get(f"/api/commitments/{commitment.number}/").json()
        assert answer == generic
        listed = APIClient().get("/api/commitments/", {"page_size": 50}).json()["results"]
        assert [row for row in listed if row["number"] == commitment.number] == [generic]
