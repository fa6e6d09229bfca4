"""The REST API as integrators and clerks meet it: who may do what, what bad input gets back,
the status actions, the audit trail, cursor pages, the dashboard's filters and API tokens.

The API answers in Dutch (LANGUAGE_CODE "nl"), so expected messages are the source strings
translated to Dutch with gettext, as a clerk reads them.
"""

import datetime
import itertools
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import Commitment, Committee, Document, Member, Ministry, Official
from tests.conftest import snapshot
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
ERROR_KEYS = {"status", "code", "detail", "errors"}


def dutch(message, **params):
    """`message` as the API says it: in Dutch."""
    with translation.override("nl"):
        text = gettext(message)
        if params:
            text = text % {key: gettext(value) for key, value in params.items()}
    return text


def assert_error(response, status, *fields):
    """The one error shape, with `status`, and a message on each of `fields`."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["status"] == status
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    for field in fields:
        assert body["errors"].get(field), f"no message on {field!r}: {body}"
        assert all(isinstance(message, str) for message in body["errors"][field])
    return body


def latest_history(commitment):
    return commitment.history.order_by("-history_id").first()


def token_client(user, **kwargs):
    client = APIClient(**kwargs)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def session_client(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def world(db):
    """One of everything, linked as a clerk would link them."""
    ministry = MinistryFactory(name="Ministerie van Binnenlandse Zaken", abbreviation="BZK")
    official = OfficialFactory(ministry=ministry)
    committee = CommitteeFactory(abbreviation="BiZa")
    member = MemberFactory()
    document = DocumentFactory()
    commitment = CommitmentFactory(
        ministry=ministry, official=official, committee=committee, source=document
    )
    commitment.made_to.add(member)
    other = CommitmentFactory(ministry=ministry)
    return SimpleNamespace(
        ministry=ministry,
        official=official,
        committee=committee,
        member=member,
        party=member.party,
        document=document,
        commitment=commitment,
        other=other,
    )


# --- 1. Who may do what -------------------------------------------------------------------------

ROLES = ["anonymous", "reader", "clerk_session", "clerk_token", "staff_not_clerk"]
CLERKS = {"clerk_session", "clerk_token"}


@pytest.fixture
def as_role(clerk):
    def make(role):
        if role == "anonymous":
            return APIClient()
        if role == "reader":
            return session_client(UserFactory())
        if role == "clerk_session":
            return session_client(clerk)
        if role == "clerk_token":
            return token_client(clerk)
        if role == "staff_not_clerk":
            return session_client(UserFactory(is_staff=True))
        raise AssertionError(role)

    return make


KEYS = {
    "commitments": lambda w: w.commitment.number,
    "ministries": lambda w: w.ministry.pk,
    "officials": lambda w: w.official.pk,
    "committees": lambda w: w.committee.pk,
    "members": lambda w: w.member.pk,
    "documents": lambda w: w.document.pk,
}
MODELS = {
    "commitments": Commitment,
    "ministries": Ministry,
    "officials": Official,
    "committees": Committee,
    "members": Member,
    "documents": Document,
}
CREATE = {
    "commitments": lambda w: {
        "text": "Ik zal uw Kamer voor de zomer informeren.",
        "summary": "Informeren over de uitvoering",
        "made_on": "2024-05-01",
        "due_date": "2024-07-01",
        "ministry": w.ministry.abbreviation,
    },
    "ministries": lambda w: {"name": "Ministerie van Nieuwe Zaken", "abbreviation": "NZ"},
    "officials": lambda w: {
        "name": "B. Bewindspersoon",
        "function": "Staatssecretaris van Binnenlandse Zaken",
        "ministry": w.ministry.abbreviation,
    },
    "committees": lambda w: {"name": "Vaste commissie voor Nieuwe Zaken", "abbreviation": "NZ"},
    "members": lambda w: {"name": "C. Kamerlid", "party": w.party.abbreviation},
    "documents": lambda w: {
        "kind": "letter",
        "dossier_number": "36 100",
        "document_number": "7",
        "date": "2024-05-01",
        "title": "Brief over nieuwe zaken",
    },
}
PUT = {
    "commitments": lambda w: {
        "text": "Ik zal uw Kamer na de zomer informeren.",
        "summary": "Informeren na de zomer",
        "made_on": "2024-03-01",
        "due_date": "2024-10-01",
        "due_precision": "month",
        "ministry": w.ministry.abbreviation,
        "committee": w.committee.abbreviation,
        "official": w.official.pk,
        "made_to": [w.member.pk],
        "made_to_parties": [w.party.abbreviation],
        "source": w.document.pk,
    },
    "ministries": lambda w: {"name": "Ministerie van Hernoemde Zaken", "abbreviation": "HZ"},
    "officials": lambda w: {
        "name": "D. Bewindspersoon",
        "function": "Minister van Binnenlandse Zaken",
        "ministry": w.ministry.abbreviation,
    },
    "committees": lambda w: {"name": "Vaste commissie voor Hernoemde Zaken", "abbreviation": "HZ"},
    "members": lambda w: {"name": "E. Kamerlid", "party": None},
    "documents": lambda w: {
        "kind": "debate",
        "dossier_number": "36 100",
        "document_number": "8",
        "date": "2024-06-01",
        "title": "Verslag van een commissiedebat",
    },
}
PATCH = {
    "commitments": lambda w: {"summary": "Bijgewerkte samenvatting"},
    "ministries": lambda w: {"name": "Ministerie van Bijgewerkte Zaken"},
    "officials": lambda w: {"function": "Minister voor Bijgewerkte Zaken"},
    "committees": lambda w: {"name": "Vaste commissie voor Bijgewerkte Zaken"},
    "members": lambda w: {"name": "F. Kamerlid"},
    "documents": lambda w: {"title": "Bijgewerkte titel"},
}
ACTIONS = {
    "fulfil": (
        lambda w: {"document": w.document.pk, "fulfilled_on": "2024-06-01"},
        {"status": "fulfilled", "fulfilled_on": "2024-06-01"},
    ),
    "lapse": (lambda w: {"reason": "Niet meer nodig na het debat"}, {"status": "lapsed"}),
    "extend-deadline": (
        lambda w: {"new_due_date": "2024-12-31", "reason": "De Kamer gaf uitstel"},
        {"due_date": "2024-12-31"},
    ),
}


@dataclass(frozen=True)
class Op:
    resource: str
    name: str  # list, detail, create, put, patch, delete or an action
    method: str
    kind: str  # read, create, change or delete

    def url(self, w):
        base = f"/api/{self.resource}/"
        if self.name in ("list", "create"):
            return base
        detail = f"{base}{KEYS[self.resource](w)}/"
        return f"{detail}{self.name}/" if self.name in ACTIONS else detail

    def payload(self, w):
        if self.name == "create":
            return CREATE[self.resource](w)
        if self.name == "put":
            return PUT[self.resource](w)
        if self.name == "patch":
            return PATCH[self.resource](w)
        if self.name in ACTIONS:
            return ACTIONS[self.name][0](w)
        return None

    def send(self, client, w):
        data = self.payload(w)
        if data is None:
            return getattr(client, self.method)(self.url(w))
        return getattr(client, self.method)(self.url(w), data, format="json")


OPS = [
    op
    for resource in MODELS
    for op in [
        Op(resource, "list", "get", "read"),
        Op(resource, "detail", "get", "read"),
        Op(resource, "create", "post", "create"),
        Op(resource, "put", "put", "change"),
        Op(resource, "patch", "patch", "change"),
        Op(resource, "delete", "delete", "delete"),
    ]
] + [Op("commitments", action, "post", "change") for action in ACTIONS]
READS = [op for op in OPS if op.kind == "read"]


def expected_status(op, role):
    if op.kind == "read":
        return 200
    if op.kind == "delete":
        # Nothing is deleted through the API, so DELETE is not a method any role may use.
        return 405
    if role in CLERKS:
        return 201 if op.kind == "create" else 200
    return 403


def matrix():
    for op, role in itertools.product(OPS, ROLES):
        yield pytest.param(op, role, id=f"{op.method}-{op.resource}-{op.name}-{role}")


@pytest.mark.parametrize(("op", "role"), list(matrix()))
def test_it_lets_everyone_read_and_only_clerks_write(as_role, world, op, role):
    """Every endpoint and method for every role; refused writes leave the database as it was."""
    client = as_role(role)
    before = snapshot()
    response = op.send(client, world)
    status = expected_status(op, role)

    if status in (200, 201):
        assert response.status_code == status, response.content
    else:
        assert_error(response, status)
    if op.kind == "read":
        assert snapshot() == before
    elif status == 403:
        code = "not_authenticated" if role == "anonymous" else "permission_denied"
        assert response.json()["code"] == code
        # SessionAuthentication comes first and sends no WWW-Authenticate challenge, so DRF
        # answers an anonymous write with 403 rather than 401.
        assert "WWW-Authenticate" not in response
        assert snapshot() == before
    elif status == 405:
        assert snapshot() == before
    elif op.kind == "create":
        model = MODELS[op.resource]
        assert model.objects.count() == len(before[model._meta.label]) + 1
        assert response.json().items() >= op.payload(world).items()
    elif op.name in ACTIONS:
        assert response.json().items() >= ACTIONS[op.name][1].items()
        assert snapshot() != before
    else:
        assert response.json().items() >= op.payload(world).items()
        # What the API answered is what it stored.
        assert client.get(op.url(world)).json() == response.json()


@pytest.mark.parametrize("resource", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_it_never_deletes_anything_through_the_api(as_role, world, resource, role):
    """DELETE on every detail URL, by every role: refused, and every row is still there."""
    before = snapshot()
    response = as_role(role).delete(f"/api/{resource}/{KEYS[resource](world)}/")
    assert response.status_code in (403, 405)
    assert snapshot() == before


@pytest.mark.parametrize("op", READS, ids=lambda op: f"{op.resource}-{op.name}")
def test_it_refuses_anonymous_reads_when_the_dashboard_needs_a_login(settings, world, op):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    response = op.send(APIClient(), world)
    assert assert_error(response, 403)["code"] == "not_authenticated"


@pytest.mark.parametrize("op", READS, ids=lambda op: f"{op.resource}-{op.name}")
def test_it_lets_a_signed_in_reader_read_when_the_dashboard_needs_a_login(settings, world, op):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    response = op.send(session_client(UserFactory()), world)
    assert response.status_code == 200


def test_it_refuses_a_wrong_token_even_for_reading(world):
    """A revoked or mistyped token is an error, not silently an anonymous reader."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert assert_error(client.get("/api/commitments/"), 403)["code"] == "authentication_failed"


def test_it_needs_the_csrf_token_for_a_session_write_but_not_for_a_token_write(clerk, world):
    """A browser session cannot be made to write by another site; a script's token can."""
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(clerk)
    before = snapshot()
    response = session.post("/api/ministries/", CREATE["ministries"](world), format="json")
    assert assert_error(response, 403)["code"] == "permission_denied"
    assert snapshot() == before

    token = token_client(clerk, enforce_csrf_checks=True)
    response = token.post("/api/ministries/", CREATE["ministries"](world), format="json")
    assert response.status_code == 201


# --- 2. Forged ids --------------------------------------------------------------------------------


def test_it_refuses_to_give_a_commitment_another_commitments_number(clerk, world):
    """A clerk PATCHes commitment A with B's number: 400 on number, A and B unchanged."""
    a, b = world.commitment, world.other
    before = snapshot()
    response = token_client(clerk).patch(
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
def test_it_refuses_a_reference_to_something_that_does_not_exist(clerk, world, field, forged):
    before = snapshot()
    response = token_client(clerk).patch(
        f"/api/commitments/{world.commitment.number}/", {field: forged}, format="json"
    )
    assert_error(response, 400, field)
    assert snapshot() == before


@pytest.mark.parametrize(
    "payload",
    [
        lambda w: {"number": w.other.number},
        lambda w: {"repeats": w.other.number, "amends": w.other.number},
        lambda w: {"summary": w.other.summary, "text": w.other.text},
    ],
    ids=["number", "repeats-amends", "text"],
)
def test_it_lets_a_reader_change_nothing_whatever_the_payload_names(world, payload):
    before = snapshot()
    response = session_client(UserFactory()).patch(
        f"/api/commitments/{world.commitment.number}/", payload(world), format="json"
    )
    assert assert_error(response, 403)["code"] == "permission_denied"
    assert snapshot() == before


def test_it_refuses_to_fulfil_by_a_document_that_does_not_exist(clerk, world):
    before = snapshot()
    response = token_client(clerk).post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": 999999, "fulfilled_on": "2024-06-01"},
        format="json",
    )
    assert_error(response, 400, "document")
    assert snapshot() == before


# --- 3. Bad payloads and bad queries --------------------------------------------------------------


@pytest.mark.parametrize("status", ["bogus", "fulfilled", "lapsed", "partially_fulfilled"])
def test_it_ignores_a_status_on_create_and_creates_the_commitment_open(clerk, world, status):
    """Status is read-only: it changes only through the actions, so a create that names one
    (known or not) makes an open commitment, not a fulfilled one."""
    response = token_client(clerk).post(
        "/api/commitments/", {**CREATE["commitments"](world), "status": status}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"
    created = Commitment.objects.get(number=response.json()["number"])
    assert (created.status, created.fulfilled_on) == (Commitment.Status.OPEN, None)


def test_it_refuses_an_unknown_status_filter(world):
    assert_error(APIClient().get("/api/commitments/?status=bogus"), 400, "status")


def test_it_refuses_a_due_date_before_the_commitment_was_made(clerk, world):
    before = snapshot()
    client = token_client(clerk)
    response = client.post(
        "/api/commitments/",
        {**CREATE["commitments"](world), "made_on": "2024-05-01", "due_date": "2024-04-30"},
        format="json",
    )
    message = dutch("The due date cannot lie before the date the commitment was made.")
    assert assert_error(response, 400, "due_date")["errors"]["due_date"] == [message]

    response = client.patch(
        f"/api/commitments/{world.commitment.number}/", {"due_date": "2024-02-01"}, format="json"
    )
    assert assert_error(response, 400, "due_date")["errors"]["due_date"] == [message]
    assert snapshot() == before


def test_it_refuses_a_second_commitment_with_the_same_number(clerk, world):
    before = snapshot()
    response = token_client(clerk).post(
        "/api/commitments/",
        {**CREATE["commitments"](world), "number": world.commitment.number},
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
def test_it_refuses_a_malformed_date_in_the_body(clerk, world, field, value):
    before = snapshot()
    response = token_client(clerk).post(
        "/api/commitments/", {**CREATE["commitments"](world), field: value}, format="json"
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
    "url", ["/api/commitments/?colour=red", "/api/commitments/?ministry=BZK&colour=red"]
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


@pytest.mark.parametrize("resource", [r for r in MODELS if r != "commitments"])
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
    assert len(response.json()["results"]) == min(int(page_size), 2)


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
def test_it_gives_every_error_the_same_shape(as_role, world, role, method, url, status):
    url = url.format(ministry=world.ministry.pk, number=world.commitment.number)
    response = getattr(as_role(role), method)(url, {}, format="json")
    assert_error(response, status)


# --- 4. The actions -------------------------------------------------------------------------------


def test_it_fulfils_a_commitment_by_a_document_on_a_date(clerk, world):
    commitment = world.commitment
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=datetime.date(2024, 7, 5))
    response = token_client(clerk).post(
        f"/api/commitments/{commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": "2024-07-10", "reason": "Brief gestuurd"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["fulfilled_by"], body["fulfilled_on"], body["overdue_since"]) == (
        "fulfilled",
        world.document.pk,
        "2024-07-10",
        None,
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.FULFILLED
    assert commitment.fulfilled_by == world.document
    assert commitment.fulfilled_on == datetime.date(2024, 7, 10)
    assert commitment.overdue_since is None


@pytest.mark.parametrize(
    "payload", [{}, {"reason": ""}, {"reason": "   "}], ids=["missing", "empty", "blank"]
)
def test_it_refuses_to_lapse_without_a_reason(clerk, world, payload):
    before = snapshot()
    response = token_client(clerk).post(
        f"/api/commitments/{world.commitment.number}/lapse/", payload, format="json"
    )
    assert_error(response, 400, "reason")
    assert snapshot() == before


@pytest.mark.parametrize("new_due_date", ["2024-06-30", "2024-07-04"], ids=["earlier", "same"])
def test_it_refuses_to_extend_a_deadline_to_an_earlier_date(clerk, world, new_due_date):
    commitment = world.commitment
    assert commitment.due_date == datetime.date(2024, 7, 4)
    before = snapshot()
    response = token_client(clerk).post(
        f"/api/commitments/{commitment.number}/extend-deadline/",
        {"new_due_date": new_due_date, "reason": "Toch eerder"},
        format="json",
    )
    body = assert_error(response, 400, "non_field_errors")
    message = dutch("The new due date must lie after the current one: %(numbers)s.") % {
        "numbers": commitment.number
    }
    assert body["errors"]["non_field_errors"] == [message]
    assert snapshot() == before


def test_it_keeps_the_original_due_date_when_a_deadline_is_extended(clerk, world):
    commitment = world.commitment
    client = token_client(clerk)
    url = f"/api/commitments/{commitment.number}/extend-deadline/"
    for new_due_date in ["2024-09-01", "2024-12-31"]:
        response = client.post(
            url, {"new_due_date": new_due_date, "reason": "Uitstel"}, format="json"
        )
        assert response.status_code == 200, response.content
    body = response.json()
    assert (body["due_date"], body["original_due_date"], body["status"]) == (
        "2024-12-31",
        "2024-07-04",
        "open",
    )
    commitment.refresh_from_db()
    assert commitment.original_due_date == datetime.date(2024, 7, 4)
    assert commitment.due_date == datetime.date(2024, 12, 31)


CLOSING_ACTIONS = {
    "fulfil": "marked fulfilled",
    "lapse": "marked lapsed",
    "extend-deadline": "given a new deadline",
}


@pytest.mark.parametrize("closed", ["fulfilled", "lapsed"])
@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_to_act_on_a_closed_commitment(clerk, world, closed, action):
    commitment = world.commitment
    if closed == "fulfilled":
        Commitment.objects.filter(pk=commitment.pk).update(
            status=closed, fulfilled_by=world.document, fulfilled_on=datetime.date(2024, 6, 1)
        )
    else:
        Commitment.objects.filter(pk=commitment.pk).update(status=closed)
    before = snapshot()
    response = token_client(clerk).post(
        f"/api/commitments/{commitment.number}/{action}/",
        ACTIONS[action][0](world),
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


def test_it_refuses_to_fulfil_before_the_commitment_was_made(clerk, world):
    before = snapshot()
    response = token_client(clerk).post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": "2024-02-29"},
        format="json",
    )
    body = assert_error(response, 400)
    message = dutch("A commitment cannot be fulfilled before the date it was made.")
    assert message in itertools.chain.from_iterable(body["errors"].values())
    assert snapshot() == before


def test_it_puts_a_fulfilment_date_before_the_commitment_on_fulfilled_on(clerk, world):
    response = token_client(clerk).post(
        f"/api/commitments/{world.commitment.number}/fulfil/",
        {"document": world.document.pk, "fulfilled_on": "2024-02-29"},
        format="json",
    )
    body = assert_error(response, 400)
    message = dutch("A commitment cannot be fulfilled before the date it was made.")
    assert body["errors"] == {"fulfilled_on": [message]}


# --- 5. The audit trail ---------------------------------------------------------------------------


AUDITED = {
    "create": (lambda w: ("post", "/api/commitments/", CREATE["commitments"](w)), None),
    "patch": (
        lambda w: ("patch", f"/api/commitments/{w.commitment.number}/", {"summary": "Nieuw"}),
        None,
    ),
    "fulfil": (
        lambda w: (
            "post",
            f"/api/commitments/{w.commitment.number}/fulfil/",
            {"document": w.document.pk, "fulfilled_on": "2024-06-01", "reason": "Brief"},
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
            {"new_due_date": "2024-12-31", "reason": "Uitstel gevraagd"},
        ),
        "Uitstel gevraagd",
    ),
}


@pytest.mark.parametrize("name", AUDITED)
def test_it_records_the_tokens_clerk_as_the_author_in_the_audit_trail(clerk, world, name):
    request_of, reason = AUDITED[name]
    method, url, data = request_of(world)
    response = getattr(token_client(clerk), method)(url, data, format="json")
    assert response.status_code in (200, 201), response.content
    commitment = Commitment.objects.get(number=response.json()["number"])
    record = latest_history(commitment)
    assert record.history_user == clerk
    if name == "create":
        assert commitment.history.filter(history_type="+").get().history_user == clerk
    if reason is not None:
        assert record.history_change_reason == reason


# --- 6. Cursor pagination -------------------------------------------------------------------------


@pytest.fixture
def many(db):
    """25 commitments, newest (highest id) first, each with the relations the list shows."""
    ministry = MinistryFactory()
    member = MemberFactory()
    committee = CommitteeFactory()
    created = []
    for index in range(25):
        commitment = CommitmentFactory(
            ministry=ministry,
            official=None,
            committee=committee,
            repeats=created[-1] if created else None,
            made_on=datetime.date(2024, 1 + index % 12, 1),
            due_date=None if index % 5 == 0 else datetime.date(2025, 1, 1),
            due_precision="none" if index % 5 == 0 else "day",
        )
        commitment.made_to.add(member)
        commitment.made_to_parties.add(member.party)
        created.append(commitment)
    return [c.number for c in sorted(created, key=lambda c: c.pk, reverse=True)]


def test_it_pages_through_every_commitment_exactly_once_newest_first(many):
    client = APIClient()
    url, pages = "/api/commitments/?page_size=10", []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([row["number"] for row in response.json()["results"]])
        url = response.json()["next"]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert list(itertools.chain(*pages)) == many

    # And back again: `previous` from the last page gives the middle page.
    previous = client.get(response.json()["previous"]).json()
    assert [row["number"] for row in previous["results"]] == pages[1]


def test_it_keeps_its_place_when_commitments_are_added_while_paging(many):
    client = APIClient()
    first = client.get("/api/commitments/?page_size=10").json()
    CommitmentFactory.create_batch(3)
    second = client.get(first["next"]).json()
    assert [row["number"] for row in second["results"]] == many[10:20]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


def test_it_reads_a_deep_page_in_as_many_queries_as_the_first(many):
    client = APIClient()
    first_count, page = count_queries(client, "/api/commitments/?page_size=5")
    for _ in range(3):
        page = client.get(page["next"]).json()
    deep_count, deep = count_queries(client, page["next"])
    assert len(deep["results"]) == 5
    assert [row["number"] for row in deep["results"]] == many[20:25]
    assert deep_count == first_count


def test_it_reads_a_page_in_the_same_number_of_queries_whatever_the_page_size(many):
    client = APIClient()
    small, small_page = count_queries(client, "/api/commitments/?page_size=10")
    large, large_page = count_queries(client, "/api/commitments/?page_size=50")
    assert (len(small_page["results"]), len(large_page["results"])) == (10, 25)
    assert large == small


# --- 7. The same filters as the dashboard ---------------------------------------------------------


@pytest.fixture
def register(db):
    """Two ministries' commitments: overdue, open, fulfilled, lapsed, with and without deadline."""
    today = timezone.localdate()
    past = today - datetime.timedelta(days=30)
    bzk = MinistryFactory(abbreviation="BZK")
    fin = MinistryFactory(abbreviation="FIN")
    committee = CommitteeFactory(abbreviation="BiZa")
    party = PartyFactory(abbreviation="GL")
    member = MemberFactory(name="Kamerlid Jansen", party=party)
    source = DocumentFactory(dossier_number="28 638", document_number="212")
    made_on = today - datetime.timedelta(days=200)
    rows = {}

    def make(key, ministry, *, overdue=False, **fields):
        fields.setdefault("due_date", past)
        commitment = CommitmentFactory(ministry=ministry, made_on=made_on, **fields)
        if overdue:
            Commitment.objects.filter(pk=commitment.pk).update(overdue_since=past)
        rows[key] = commitment
        return commitment

    make("bzk overdue", bzk, overdue=True, committee=committee, summary="De subsidieregeling")
    make("bzk overdue 2", bzk, overdue=True, source=source).made_to.add(member)
    make("bzk open", bzk, due_date=today + datetime.timedelta(days=10))
    make("bzk vague", bzk, due_date=None, due_precision="none")
    make(
        "bzk fulfilled",
        bzk,
        status="fulfilled",
        fulfilled_on=past,
        fulfilled_by=source,
        committee=committee,
    )
    make("fin overdue", fin, overdue=True).made_to_parties.add(party)
    make("fin lapsed", fin, status="lapsed", summary="Subsidieregeling vervalt")
    make("fin open", fin, due_date=today + datetime.timedelta(days=60), committee=committee)
    return SimpleNamespace(rows=rows, past=past, today=today)


def dashboard_numbers(client, query):
    response = client.get(f"{reverse('commitment-list')}?{quote(query, safe='=&')}")
    assert response.status_code == 200
    assert not response.context["page"]["has_next"]
    return {commitment.number for commitment in response.context["page"]["rows"]}


def api_numbers(client, query):
    response = client.get(f"/api/commitments/?{quote(query, safe='=&')}&page_size=500")
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return {row["number"] for row in response.json()["results"]}


def test_it_filters_overdue_per_ministry_as_the_dashboard_does(client, register):
    query = "ministry=BZK&overdue=true"
    expected = {register.rows[key].number for key in ("bzk overdue", "bzk overdue 2")}
    assert api_numbers(APIClient(), query) == expected
    assert dashboard_numbers(client, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "ministry=FIN&overdue=true",
        "ministry=BZK&overdue=false",
        "status=open",
        "status=fulfilled",
        "status=lapsed",
        "overdue=true",
        "committee=BiZa",
        "party=GL",
        "member=jansen",
        "source=28638-212",
        "source=28 638, nr. 212",
        "q=subsidieregeling",
        "official=Bewindspersoon",
        "due_before={past}",
        "due_after={today}",
        "due_after={past}&due_before={today}&ministry=BZK",
    ],
)
def test_it_means_by_each_filter_what_the_dashboard_means(client, register, query):
    query = query.format(past=register.past.isoformat(), today=register.today.isoformat())
    assert api_numbers(APIClient(), query) == dashboard_numbers(client, query)


# --- 8. API tokens in the admin -------------------------------------------------------------------

TOKENS = "/admin/authtoken/tokenproxy/"


def test_it_lets_a_clerk_open_the_token_form(clerk_client):
    assert clerk_client.get(f"{TOKENS}add/").status_code == 200


def test_it_makes_a_token_for_the_clerk_from_an_empty_form(clerk, clerk_client):
    response = clerk_client.post(f"{TOKENS}add/", {})
    assert response.status_code == 302
    token = Token.objects.get()
    assert token.user == clerk
    assert len(token.key) == 40


def test_it_never_lets_a_clerk_choose_the_key_or_the_owner(clerk, clerk_client):
    other = UserFactory()
    chosen = "a" * 40
    clerk_client.post(f"{TOKENS}add/", {"key": chosen, "user": other.pk})
    assert not Token.objects.filter(user=other).exists()
    assert not Token.objects.filter(key=chosen).exists()


def test_it_shows_a_clerk_only_their_own_token(clerk, clerk_client):
    mine = Token.objects.create(user=clerk)
    colleague = UserFactory(is_staff=True)
    Token.objects.create(user=colleague)
    Token.objects.create(user=UserFactory())
    response = clerk_client.get(TOKENS)
    assert response.status_code == 200
    assert [token.key for token in response.context["cl"].result_list] == [mine.key]


def test_it_lets_a_clerk_have_one_token_only(clerk, clerk_client):
    Token.objects.create(user=clerk)
    assert clerk_client.get(f"{TOKENS}add/").status_code == 403
    assert clerk_client.post(f"{TOKENS}add/", {}).status_code == 403
    assert Token.objects.filter(user=clerk).count() == 1


def test_it_lets_a_clerk_revoke_their_token_and_the_api_then_refuses_it(clerk, clerk_client):
    key = Token.objects.create(user=clerk).key
    response = clerk_client.post(f"{TOKENS}{clerk.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=clerk).exists()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/ministries/", {"name": "X", "abbreviation": "X"}, format="json")
    assert assert_error(response, 403)["code"] == "authentication_failed"
    assert not Ministry.objects.exists()


def test_it_never_lets_a_clerk_revoke_someone_elses_token(clerk, clerk_client):
    colleague = UserFactory(is_staff=True)
    theirs = Token.objects.create(user=colleague)
    clerk_client.post(f"{TOKENS}{colleague.pk}/delete/", {"post": "yes"})
    assert Token.objects.filter(key=theirs.key).exists()


@pytest.mark.parametrize("url", [TOKENS, f"{TOKENS}add/"])
def test_it_keeps_staff_outside_the_clerks_away_from_tokens(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert not Token.objects.exists()


# --- Server errors found while testing -----------------------------------------------------------


def raw_client(client):
    """Let a 500 come back as a response, so the test says which status it got."""
    client.raise_request_exception = False
    return client


def test_it_creates_a_commitment_with_a_vague_deadline(clerk, world):
    """A promise 'binnenkort' has no due date; the clerk sends none and expects precision none."""
    data = {key: value for key, value in CREATE["commitments"](world).items() if key != "due_date"}
    response = raw_client(token_client(clerk)).post("/api/commitments/", data, format="json")
    assert response.status_code == 201
    assert (response.json()["due_date"], response.json()["due_precision"]) == (None, "none")


def test_it_makes_a_deadline_vague_when_a_clerk_clears_the_due_date(clerk, world):
    response = raw_client(token_client(clerk)).patch(
        f"/api/commitments/{world.commitment.number}/", {"due_date": None}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["due_date"], response.json()["due_precision"]) == (None, "none")


def test_it_refuses_an_imported_number_that_cannot_be_part_of_a_url(clerk, world):
    before = snapshot()
    response = raw_client(token_client(clerk)).post(
        "/api/commitments/", {**CREATE["commitments"](world), "number": "28638/12"}, format="json"
    )
    assert_error(response, 400, "number")
    assert snapshot() == before


def test_it_keeps_numbering_working_after_an_import_with_a_huge_sequence(clerk, world):
    client = raw_client(token_client(clerk))
    data = {**CREATE["commitments"](world), "made_on": "2024-01-10", "due_date": "2024-03-01"}
    response = client.post(
        "/api/commitments/", {**data, "number": "TZ202401-99999999999"}, format="json"
    )
    assert response.status_code in (201, 400), response.status_code
    response = client.post("/api/commitments/", data, format="json")
    assert response.status_code == 201, response.status_code
    assert len(response.json()["number"]) <= 20


def test_it_answers_a_number_with_a_nul_byte_with_not_found(world):
    assert_error(raw_client(APIClient()).get("/api/commitments/TZ%00/"), 404)


def test_it_refuses_an_abbreviation_with_a_nul_byte(clerk, world):
    before = snapshot()
    response = raw_client(token_client(clerk)).post(
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
