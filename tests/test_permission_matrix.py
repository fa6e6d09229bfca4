"""Who may do what, everywhere: every URL pattern x role x method, with forged ids. This is the
one permission matrix of the suite: the web pages, the admin, the contact's page and the API.

The roles are the people of DESIGN.md §1: a clerk (staff, in the Clerks group; in the API by
session and by token), a staff user outside that group, a signed-in reader, an anonymous visitor,
a ministry contact, who has no account and holds a signed link, and on the admin's pages of our
own a superuser. A contact is an anonymous visitor everywhere but on the page behind the link: its
rows on the public site are made with a client that has just opened its link, and one test shows
the same for the admin and the API. Every table row is one request and its expected answer; a
refused request must leave every row in the database as it was, and an allowed write must change
something. The API's answers are checked beyond their status: the one error shape with its code,
and a write's answer holding what was sent.

What Django and DRF decide alone is asked once, not per role: a method an endpoint does not take
(405), the admin's login redirect on a third-party model's pages, Django's language, login and
logout views. Our own views, forms and objects are asked by every role.

The last test walks the URLconf: a URL pattern that no table row names fails it, so a new view
cannot go without its row here.
"""

import datetime
import re
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import connection, transaction
from django.templatetags.static import static
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from commitments.models import (
    Commitment,
    Committee,
    Contact,
    ContactResponse,
    Document,
    Member,
    Ministry,
    Official,
)
from commitments.services import letters, links
from commitments.tk.export import export_id
from tests.conftest import MISSING, TODAY, api_token, assert_error, snapshot

pytestmark = pytest.mark.django_db

WEB_ROLES = ["anonymous", "contact", "reader", "staff", "clerk"]
# Past its own page a contact is an anonymous visitor: one test below shows it, not every row.
ADMIN_ROLES = ["anonymous", "reader", "staff", "clerk"]
API_ROLES = ["anonymous", "reader", "staff", "clerk", "clerk_token"]
CLERKS = {"clerk", "clerk_token"}
# A letter to import, with one promise in it.
NEW_LETTER = (
    "Den Haag, 12 december 2023\n\n"
    "Geachte voorzitter,\n\n"
    "Ik zal uw Kamer voor het kerstreces informeren over de evaluatie."
)
# What the refused roles cannot tell apart, so that their rows read the same.
OUTSIDERS = {"anonymous", "contact", "reader"}


def respond_url(contact_or_token):
    token = (
        contact_or_token if isinstance(contact_or_token, str) else links.token_for(contact_or_token)
    )
    return reverse("contact-response", kwargs={"token": token})


def web_client(role, w):
    client = Client()
    if role == "contact":
        # The contact has opened its own link first: that must open nothing else.
        assert client.get(respond_url(w.contact)).status_code == 200
    elif role != "anonymous":
        client.force_login(getattr(w, role))
    return client


def api_client(role, w):
    client = APIClient()
    if role == "clerk_token":
        client.credentials(HTTP_AUTHORIZATION=f"Token {w.clerk_token.key}")
    elif role != "anonymous":
        client.force_login(getattr(w, role))
    return client


def where(location):
    """A redirect's path and query, so that two spellings of one URL compare equal."""
    parts = urlsplit(location)
    return parts.path, parse_qs(parts.query)


def url_keys(resolver=None, namespace="", route=""):
    """Every URL pattern: by its name (with its namespace), or by its route when it has none."""
    keys = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            keys |= url_keys(pattern, inner, here)
        elif pattern.name:
            keys.add(f"{namespace}{pattern.name}")
        else:
            keys.add(here)
    return keys


# --- Outcomes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: int
    # Where a redirect goes, from the world and the URL asked for; None when it does not matter.
    to: object = None
    # An allowed write changes the database; every other answer leaves it as it was.
    writes: bool = False

    def check(self, response, w, url):
        assert response.status_code == self.status, (url, response.status_code)
        if self.to is not None:
            assert where(response["Location"]) == where(self.to(w, url)), url


OK = Outcome(200)
WRITTEN = Outcome(200, writes=True)
CREATED = Outcome(201, writes=True)
FORBIDDEN = Outcome(403)
NOT_FOUND = Outcome(404)
NOT_ALLOWED = Outcome(405)
ADMIN_LOGIN = Outcome(302, lambda w, url: f"{reverse('admin:login')}?{urlencode({'next': url})}")
SITE_LOGIN = Outcome(302, lambda w, url: f"{reverse('login')}?{urlencode({'next': url})}")
ADMIN_INDEX = Outcome(302, lambda w, url: reverse("admin:index"))
BACK = Outcome(302, lambda w, url: url)
BACK_WRITTEN = Outcome(302, lambda w, url: url, writes=True)


def redirect(to, *, writes=False):
    return Outcome(302, to, writes)


@dataclass(frozen=True)
class Row:
    key: str  # the URL pattern's name, or its route when it has none
    method: str
    role: str
    outcome: Outcome
    url: object  # world -> path
    data: object = None  # world -> request body

    @property
    def id(self):
        return f"{self.key}-{self.method}-{self.role}-{self.outcome.status}"


# A statement that changes rows, and the table it changes: wherever it stands in the statement,
# so that one inside a WITH or after ON CONFLICT counts too ("SELECT ... FOR UPDATE" does not).
WRITE = re.compile(r'\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?(?=\s|\()', re.IGNORECASE)
# What a request writes whoever sends it: its session, the login throttle's records and the
# admin's log. Every other table is the product's (tests/conftest.py's snapshot()).
UNTRACKED = ("django_session", "axes_", "django_admin_log")


def writes_of(queries):
    """The statements among `queries` that change a row the product keeps."""
    return [
        query["sql"]
        for query in queries
        for table in WRITE.findall(query["sql"])
        if table.lower() not in ("set",) and not table.startswith(UNTRACKED)
    ]


def run(row, client, w):
    """Sends the row's request and checks its answer. An answer that is not a write must leave
    every row as it was, and an allowed write must change them, compared whole (snapshot()).
    Most answers send no statement that writes, which shows the first without comparing: the
    rows are compared only when one was sent, with the request's own writes undone after."""
    url = row.url(w)
    data = row.data(w) if row.data else None
    before = snapshot() if row.outcome.writes else None
    undo = transaction.savepoint()
    with CaptureQueriesContext(connection) as captured:
        if isinstance(client, APIClient):
            response = getattr(client, row.method)(url, data, format="json")
        elif data is None:
            response = getattr(client, row.method)(url)
        else:
            response = getattr(client, row.method)(url, data)
    row.outcome.check(response, w, url)
    writes = writes_of(captured.captured_queries)
    if row.outcome.writes:
        assert writes, url
        assert snapshot() != before, url
    elif writes:
        after = snapshot()
        transaction.savepoint_rollback(undo)
        assert after == snapshot(), (url, writes)
    return response, before


# --- 1. The public site: dashboard, feeds, exports, language, login -----------------------------

DASHBOARD = {
    "overview": lambda w: reverse("overview"),
    "commitment-list": lambda w: reverse("commitment-list") + "?status=open",
    "commitment-csv": lambda w: reverse("commitment-csv"),
    "commitment-calendar": lambda w: reverse("commitment-calendar"),
    "changes-feed": lambda w: reverse("changes-feed"),
    "commitment-detail": lambda w: reverse("commitment-detail", args=[w.commitment.number]),
    "ministry-detail": lambda w: reverse("ministry-detail", args=[w.justice.abbreviation]),
    "member-detail": lambda w: reverse("member-detail", args=[w.member.pk]),
    "member-list": lambda w: reverse("member-list"),
    "party-list": lambda w: reverse("party-list"),
    "party-detail": lambda w: reverse("party-detail", args=[w.party.abbreviation]),
}
# Forged keys: a number, an abbreviation, a member id and a party that do not exist.
DASHBOARD_FORGED = {
    "commitment-detail": lambda w: reverse("commitment-detail", args=["TZ209901-001"]),
    "ministry-detail": lambda w: reverse("ministry-detail", args=["NOPE"]),
    "member-detail": lambda w: reverse("member-detail", args=[MISSING]),
    "party-detail": lambda w: reverse("party-detail", args=["NOPE"]),
}
# /health/ is public when it exists: a load balancer asks it without an account.
OPTIONAL_PUBLIC = {"health": lambda w: reverse("health")}


def optional_public():
    return {key: url for key, url in OPTIONAL_PUBLIC.items() if key in url_keys()}


def public_rows():
    for key, url in {**DASHBOARD, **optional_public()}.items():
        for role in WEB_ROLES:
            yield Row(key, "get", role, OK, url)
        # The dashboard only shows: a write method is refused before anyone's rights are looked
        # at, so one row per method, by the one who could write anywhere, says it for everyone.
        for method in ("post", "delete"):
            yield Row(key, method, "clerk", NOT_ALLOWED, url)
    for key, url in DASHBOARD_FORGED.items():
        for role in WEB_ROLES:
            yield Row(key, "get", role, NOT_FOUND, url)
    # Django's own views for the language and the login: one row each, not one per role.
    yield Row(
        "set_language",
        "post",
        "anonymous",
        redirect(lambda w, url: reverse("overview")),
        lambda w: reverse("set_language"),
        lambda w: {"language": "en", "next": reverse("overview")},
    )
    # A forged "next" to another site is not followed: the visitor goes to the front page.
    yield Row(
        "set_language",
        "post",
        "anonymous",
        redirect(lambda w, url: reverse("overview")),
        lambda w: reverse("set_language"),
        lambda w: {"language": "en", "next": "https://evil.example/"},
    )
    # /favicon.ico, asked by browsers whatever the page links: the site's icon, for anyone.
    yield Row(
        "favicon",
        "get",
        "anonymous",
        redirect(lambda w, url: static("commitments/favicon.svg")),
        lambda w: reverse("favicon"),
    )
    yield Row("login", "get", "anonymous", OK, lambda w: reverse("login"))
    yield Row(
        "login",
        "post",
        "anonymous",
        OK,
        lambda w: reverse("login"),
        lambda w: {"username": w.clerk.username, "password": "wrong"},
    )
    yield Row("logout", "get", "clerk", NOT_ALLOWED, lambda w: reverse("logout"))
    yield Row("logout", "post", "clerk", OK, lambda w: reverse("logout"))


@pytest.mark.parametrize("row", list(public_rows()), ids=lambda row: row.id)
def test_it_answers_the_public_site_as_the_matrix_says(world, row):
    run(row, web_client(row.role, world), world)


def login_required_rows():
    for key, url in optional_public().items():
        for role in WEB_ROLES:
            yield Row(key, "get", role, OK, url)
    for key, url in {**DASHBOARD, **DASHBOARD_FORGED}.items():
        for role in WEB_ROLES:
            if role in ("anonymous", "contact"):
                # Sent to log in before anything is looked up, so a forged key tells nothing.
                yield Row(key, "get", role, SITE_LOGIN, url)
            else:
                yield Row(key, "get", role, OK if url in DASHBOARD.values() else NOT_FOUND, url)


@pytest.mark.parametrize("row", list(login_required_rows()), ids=lambda row: row.id)
def test_it_asks_for_a_login_when_the_dashboard_needs_one(settings, world, row):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    run(row, web_client(row.role, world), world)


# --- 2. The admin -------------------------------------------------------------------------------

# What the Clerks group may do with each registered model; a staff user outside the group may do
# nothing with any. Commitments and documents are never deleted (a commitment lapses), the
# outbox and the answers are written by the product, user accounts are not the clerks' business,
# and a clerk's API token is their own.
CLERK_MAY = {
    "auth_group": set(),
    "auth_user": set(),
    # The login throttling's records are for whoever runs the server, not for clerks.
    "axes_accessattempt": set(),
    "axes_accessfailurelog": set(),
    "axes_accesslog": set(),
    "knox_authtoken": {"view", "delete"},
    "commitments_commitment": {"view", "add", "change"},
    "commitments_committee": {"view", "add", "change"},
    "commitments_contact": {"view", "add", "change"},
    "commitments_contactresponse": {"view", "change"},
    "commitments_digest": {"view", "change"},
    "commitments_document": {"view", "add", "change"},
    "commitments_member": {"view", "add", "change"},
    "commitments_ministry": {"view", "add", "change"},
    # Other names of ministries are data the import reads, kept by clerks.
    "commitments_ministryalias": {"view", "add", "change", "delete"},
    "commitments_official": {"view", "add", "change"},
    "commitments_party": {"view", "add", "change"},
    "commitments_recess": {"view", "add", "change", "delete"},
    "commitments_reminder": {"view"},
    "commitments_tksync": set(),
    # The Tweede Kamer records the import could not take in: read by clerks, written by the import.
    "commitments_tkquarantine": {"view"},
}
# The object each model's pages are asked about.
OBJECT = {
    "auth_group": lambda w: Group.objects.get(name="Clerks").pk,
    "auth_user": lambda w: w.reader.pk,
    "axes_accessattempt": lambda w: w.lockout.pk,
    "axes_accessfailurelog": lambda w: w.failure.pk,
    "axes_accesslog": lambda w: w.access.pk,
    "knox_authtoken": lambda w: w.clerk_token.pk,
    "commitments_commitment": lambda w: w.commitment.pk,
    "commitments_committee": lambda w: w.committee.pk,
    "commitments_contact": lambda w: w.contact.pk,
    "commitments_contactresponse": lambda w: w.answer.pk,
    "commitments_digest": lambda w: w.digest.pk,
    "commitments_document": lambda w: w.document.pk,
    "commitments_member": lambda w: w.member.pk,
    "commitments_ministry": lambda w: w.justice.pk,
    "commitments_ministryalias": lambda w: w.alias.pk,
    "commitments_official": lambda w: w.official.pk,
    "commitments_party": lambda w: w.party.pk,
    "commitments_recess": lambda w: w.recess.pk,
    "commitments_reminder": lambda w: w.reminder.pk,
    "commitments_tksync": lambda w: w.sync.pk,
    "commitments_tkquarantine": lambda w: w.quarantined.pk,
}
# The models whose list offers a clerk actions of its own (status changes, settling, deciding).
HAS_ACTIONS = {
    "commitments_commitment",
    "commitments_digest",
    "commitments_contactresponse",
    "commitments_contact",
}
HISTORY = {
    "commitments_commitment": lambda w: w.commitment.history.earliest("history_id").history_id,
    "commitments_document": lambda w: w.document.history.earliest("history_id").history_id,
}


def admin_url(name, *args):
    return lambda w: reverse(f"admin:{name}", args=[arg(w) for arg in args])


def clerk_outcome(prefix, page, method):
    """What a clerk gets on one of a model's standard admin pages."""
    may = CLERK_MAY[prefix]
    readable = bool(may & {"view", "change"})
    change_url = lambda w, url: reverse(f"admin:{prefix}_change", args=[OBJECT[prefix](w)])  # noqa: E731
    changelist_url = lambda w, url: reverse(f"admin:{prefix}_changelist")  # noqa: E731
    if page == "changelist":
        if not readable:
            return FORBIDDEN
        if method == "get":
            return OK
        # delete_selected with the confirmation: it deletes where a clerk may delete; where they
        # may not, it is not offered, and the list either says no action was chosen (where it
        # has actions of its own) or has no actions at all and is shown again.
        if prefix == "knox_authtoken":
            # The token list has no actions at all: a clerk revokes their one token on its page.
            return OK
        if "delete" in may:
            return BACK_WRITTEN
        return BACK if prefix in HAS_ACTIONS else OK
    if page == "add":
        return OK if "add" in may else FORBIDDEN
    if page == "change":
        if method == "get":
            return OK if readable else FORBIDDEN
        if "change" not in may:
            return FORBIDDEN
        if prefix in ("commitments_contactresponse",):
            # Every field is read-only: saving the form changes nothing and goes back.
            return redirect(changelist_url)
        # The form comes back with its errors: an empty POST saves nothing.
        return OK
    if page == "delete":
        if "delete" not in may:
            return FORBIDDEN
        # After deleting, the admin goes back to the list only for whoever may change there.
        after = changelist_url if "change" in may else ADMIN_INDEX.to
        return OK if method == "get" else redirect(after, writes=True)
    if page in ("history", "simple_history"):
        return OK if readable else FORBIDDEN
    if page == "view":
        return redirect(change_url)
    raise AssertionError(page)


# Models of Django and the login throttle, not ours: what is ours there is that the Clerks group
# has no rights on them, so only a clerk's rows (and one of staff) are asked.
THIRD_PARTY = {
    "auth_group",
    "auth_user",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
}


def model_page_roles(prefix, page, method):
    """Who asks for a model's page. The admin sends whoever is not staff to its login page
    before a model's page is looked at, whatever the method: for our models they ask each page
    once, by GET; on the third-party models not at all."""
    if prefix in THIRD_PARTY:
        return ["clerk", "staff"] if (page, method) == ("changelist", "get") else ["clerk"]
    if method != "get":
        return ["staff", "clerk"]
    return ADMIN_ROLES


def model_page_rows():
    for prefix in CLERK_MAY:
        app_label, model_name = prefix.split("_", 1)
        pk = OBJECT[prefix]
        pages = [
            ("changelist", "get", admin_url(f"{prefix}_changelist"), None),
            (
                "changelist",
                "post",
                admin_url(f"{prefix}_changelist"),
                lambda w, pk=pk: (
                    {"action": "delete_selected", "_selected_action": [pk(w)]} | {"post": "yes"}
                ),
            ),
            ("add", "get", admin_url(f"{prefix}_add"), None),
            ("add", "post", admin_url(f"{prefix}_add"), lambda w: {}),
            ("change", "get", admin_url(f"{prefix}_change", pk), None),
            ("change", "post", admin_url(f"{prefix}_change", pk), lambda w: {}),
            ("delete", "get", admin_url(f"{prefix}_delete", pk), None),
            ("delete", "post", admin_url(f"{prefix}_delete", pk), lambda w: {"post": "yes"}),
            ("history", "get", admin_url(f"{prefix}_history", pk), None),
            (
                "view",
                "get",
                lambda w, pk=pk, a=app_label, m=model_name: f"/admin/{a}/{m}/{pk(w)}/",
                None,
            ),
        ]
        if prefix in HISTORY:
            pages.append(
                (
                    "simple_history",
                    "get",
                    admin_url(f"{prefix}_simple_history", pk, HISTORY[prefix]),
                    None,
                )
            )
        if not CLERK_MAY[prefix]:
            # Where nobody but a superuser may do anything, every page is asked by GET and only
            # the change form by POST: the refusal comes before the body is read.
            pages = [page for page in pages if page[1] == "get" or page[0] == "change"]
        for page, method, url, data in pages:
            key = (
                f"admin/{app_label}/{model_name}/<path:object_id>/"
                if page == "view"
                else f"admin:{prefix}_{page}"
            )
            for role in model_page_roles(prefix, page, method):
                if role in OUTSIDERS:
                    outcome = ADMIN_LOGIN
                elif role == "staff":
                    # Past the staff check, refused by the model's permissions; the bare object
                    # URL only redirects to the change page, which refuses in turn.
                    outcome = FORBIDDEN
                    if page == "view":
                        outcome = redirect(
                            lambda w, url, p=prefix: reverse(
                                f"admin:{p}_change", args=[OBJECT[p](w)]
                            )
                        )
                    elif page == "history" and prefix == "knox_authtoken":
                        # A token is looked up among the user's own before the permission
                        # check: someone else's is "not found", which says nothing either.
                        outcome = ADMIN_INDEX
                else:
                    outcome = clerk_outcome(prefix, page, method)
                yield Row(key, method, role, outcome, url, data)


# Where our ModelAdmins hold back even a superuser: the outbox, the answers and the sync points
# are written by the product, never added or deleted by hand, and reminders, sync points and
# quarantined source records are only read; a superuser sees every clerk's API token.
SUPERUSER_MODEL_PAGES = [
    *[
        (f"commitments_{model}", page, FORBIDDEN)
        for model in ("contactresponse", "digest", "reminder", "tksync", "tkquarantine")
        for page in ("add", "delete")
    ],
    *[
        (f"commitments_{model}", "change", FORBIDDEN)
        for model in ("reminder", "tksync", "tkquarantine")
    ],
    ("knox_authtoken", "changelist", OK),
    ("knox_authtoken", "change", OK),
]


def superuser_model_page_rows():
    for prefix, page, outcome in SUPERUSER_MODEL_PAGES:
        url = admin_url(
            f"{prefix}_{page}", *([] if page in ("add", "changelist") else [OBJECT[prefix]])
        )
        method = "post" if (page, outcome) == ("change", FORBIDDEN) else "get"
        data = (lambda w: {}) if method == "post" else None
        yield Row(f"admin:{prefix}_{page}", method, "superuser", outcome, url, data)


@pytest.mark.parametrize(
    "row", [*model_page_rows(), *superuser_model_page_rows()], ids=lambda row: row.id
)
def test_it_answers_every_model_page_of_the_admin_as_the_matrix_says(world, row):
    run(row, web_client(row.role, world), world)


ACTIONS = {
    "mark_lapsed": lambda w: {"apply": "1", "reason": "Niet meer nodig"},
    "mark_fulfilled": lambda w: {
        "apply": "1",
        "document": w.document.pk,
        "fulfilled_on": TODAY.isoformat(),
        "reason": "Beantwoord",
    },
    "extend_deadline": lambda w: {
        "apply": "1",
        "new_due_date": (TODAY + datetime.timedelta(days=90)).isoformat(),
        "reason": "Uitstel gevraagd",
    },
}


def candidates_accepted(document, ministry):
    """The review form posted back with every candidate of the letter ticked."""
    proposals = letters.propose(document=document)
    data = {"form-TOTAL_FORMS": len(proposals), "form-INITIAL_FORMS": len(proposals)}
    for index, proposal in enumerate(proposals):
        data |= {
            f"form-{index}-accept": "on",
            f"form-{index}-sentence": proposal.candidate.sentence,
            f"form-{index}-summary": proposal.candidate.summary or "Een toezegging",
            f"form-{index}-ministry": ministry.pk,
            f"form-{index}-precision": "none",
        }
    return data


def action(name, pk, extra=lambda w: {}):
    return lambda w: {"action": name, "_selected_action": [pk(w)], **extra(w)}


# (URL key, method, URL, body, what a clerk gets, what a staff user outside the group gets).
ADMIN_PAGES = [
    ("admin:index", "get", admin_url("index"), None, OK, OK),
    ("admin:app_list", "get", lambda w: "/admin/commitments/", None, OK, NOT_FOUND),
    ("admin:jsi18n", "get", admin_url("jsi18n"), None, OK, OK),
    ("admin:password_change", "get", admin_url("password_change"), None, OK, OK),
    ("admin:password_change", "post", admin_url("password_change"), lambda w: {}, OK, OK),
    (
        "admin:auth_user_password_change",
        "get",
        admin_url("auth_user_password_change", lambda w: w.reader.pk),
        None,
        FORBIDDEN,
        FORBIDDEN,
    ),
    (
        "admin:auth_user_password_change",
        "post",
        admin_url("auth_user_password_change", lambda w: w.reader.pk),
        lambda w: {"password1": "a new secret 1234", "password2": "a new secret 1234"},
        FORBIDDEN,
        FORBIDDEN,
    ),
    ("admin:password_change_done", "get", admin_url("password_change_done"), None, OK, OK),
    (
        "admin:autocomplete",
        "get",
        lambda w: (
            reverse("admin:autocomplete")
            + "?app_label=commitments&model_name=commitment&field_name=official"
        ),
        None,
        OK,
        FORBIDDEN,
    ),
    # Without the field it serves, the autocomplete refuses whoever asks.
    ("admin:autocomplete", "get", admin_url("autocomplete"), None, FORBIDDEN, FORBIDDEN),
    (
        "admin:view_on_site",
        "get",
        lambda w: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Commitment).pk, w.commitment.pk],
        ),
        None,
        # No model has a public URL of its own to send to.
        NOT_FOUND,
        NOT_FOUND,
    ),
    ("admin/(?P<url>.*)$", "get", lambda w: "/admin/no-such-page/", None, NOT_FOUND, NOT_FOUND),
    # The letter import, both steps.
    (
        "admin:commitments_document_import",
        "get",
        admin_url("commitments_document_import"),
        None,
        OK,
        FORBIDDEN,
    ),
    (
        "admin:commitments_document_import",
        "post",
        admin_url("commitments_document_import"),
        lambda w: {"text": NEW_LETTER},
        redirect(
            lambda w, url: reverse(
                "admin:commitments_document_candidates",
                args=[Document.objects.get(text=NEW_LETTER).pk],
            ),
            writes=True,
        ),
        FORBIDDEN,
    ),
    (
        "admin:commitments_document_candidates",
        "get",
        admin_url("commitments_document_candidates", lambda w: w.letter.pk),
        None,
        OK,
        FORBIDDEN,
    ),
    (
        "admin:commitments_document_candidates",
        "post",
        admin_url("commitments_document_candidates", lambda w: w.letter.pk),
        lambda w: candidates_accepted(w.letter, w.justice),
        redirect(
            lambda w, url: reverse("admin:commitments_document_change", args=[w.letter.pk]),
            writes=True,
        ),
        FORBIDDEN,
    ),
    (
        "admin:commitments_document_candidates",
        "get",
        admin_url("commitments_document_candidates", lambda w: MISSING),
        None,
        NOT_FOUND,
        FORBIDDEN,
    ),
    # The rappel overview, on a day that was one and on a forged day.
    (
        "admin:commitments_digest_rappel",
        "get",
        admin_url("commitments_digest_rappel", lambda w: w.rappel_day.isoformat()),
        None,
        OK,
        FORBIDDEN,
    ),
    (
        "admin:commitments_digest_rappel",
        "get",
        admin_url("commitments_digest_rappel", lambda w: "not-a-day"),
        None,
        NOT_FOUND,
        FORBIDDEN,
    ),
    # The status actions on commitments, settling digests in doubt, deciding on answers.
    *[
        (
            "admin:commitments_commitment_changelist",
            "post",
            admin_url("commitments_commitment_changelist"),
            action(name, lambda w: w.commitment.pk, body),
            BACK_WRITTEN,
            FORBIDDEN,
        )
        for name, body in ACTIONS.items()
    ],
    *[
        (
            "admin:commitments_digest_changelist",
            "post",
            admin_url("commitments_digest_changelist"),
            action(name, lambda w: w.digest.pk),
            BACK_WRITTEN,
            FORBIDDEN,
        )
        for name in ("mark_delivered", "send_again")
    ],
    (
        "admin:commitments_contactresponse_changelist",
        "post",
        admin_url("commitments_contactresponse_changelist"),
        action("accept", lambda w: w.answer.pk),
        BACK_WRITTEN,
        FORBIDDEN,
    ),
    (
        "admin:commitments_contactresponse_changelist",
        "post",
        admin_url("commitments_contactresponse_changelist"),
        action(
            "reject",
            lambda w: w.answer.pk,
            lambda w: {"apply": "1", "reason": "Noem het Kamerstuk"},
        ),
        BACK_WRITTEN,
        FORBIDDEN,
    ),
    # Revoking a contact's answer links, with the clerk's reason.
    (
        "admin:commitments_contact_changelist",
        "post",
        admin_url("commitments_contact_changelist"),
        action(
            "revoke_links",
            lambda w: w.contact.pk,
            lambda w: {"apply": "1", "reason": "Mail naar een verkeerd adres"},
        ),
        BACK_WRITTEN,
        FORBIDDEN,
    ),
    # Forged ids: an action on rows that do not exist, objects that do not exist, another
    # clerk's token. A clerk is sent back with nothing done; staff is refused first, so learns
    # nothing about which ids exist.
    (
        "admin:commitments_commitment_changelist",
        "post",
        admin_url("commitments_commitment_changelist"),
        action("mark_lapsed", lambda w: MISSING, ACTIONS["mark_lapsed"]),
        BACK,
        FORBIDDEN,
    ),
    (
        "admin:commitments_commitment_change",
        "get",
        admin_url("commitments_commitment_change", lambda w: MISSING),
        None,
        ADMIN_INDEX,
        FORBIDDEN,
    ),
    (
        "admin:commitments_commitment_change",
        "post",
        admin_url("commitments_commitment_change", lambda w: "not-a-number"),
        lambda w: {},
        ADMIN_INDEX,
        FORBIDDEN,
    ),
    (
        "admin:commitments_commitment_simple_history",
        "get",
        admin_url(
            "commitments_commitment_simple_history", lambda w: w.commitment.pk, lambda w: MISSING
        ),
        None,
        NOT_FOUND,
        # django-simple-history looks the record up before it checks permissions; a record that
        # does not exist shows nothing either way.
        NOT_FOUND,
    ),
    (
        "admin:knox_authtoken_change",
        "get",
        admin_url("knox_authtoken_change", lambda w: w.other_token.pk),
        None,
        ADMIN_INDEX,
        FORBIDDEN,
    ),
    (
        "admin:knox_authtoken_delete",
        "post",
        admin_url("knox_authtoken_delete", lambda w: w.other_token.pk),
        lambda w: {"post": "yes"},
        ADMIN_INDEX,
        FORBIDDEN,
    ),
]


# Django's own admin views: what is ours there is what our groups and models make of them, so a
# clerk and staff ask each; the admin's login redirect is shown once, on its index.
DJANGO_ADMIN_VIEWS = {
    "admin:app_list",
    "admin:jsi18n",
    "admin:password_change",
    "admin:password_change_done",
    "admin:auth_user_password_change",
    "admin:autocomplete",
    "admin:view_on_site",
    "admin/(?P<url>.*)$",
}
# A superuser may do anything a clerk may on our own pages, and more where only the Clerks
# group's rights hold a clerk back: another clerk's token is theirs to see and revoke.
SUPERUSER_DIFFERS = {
    ("admin:knox_authtoken_change", "get"): OK,
    ("admin:knox_authtoken_delete", "post"): redirect(
        lambda w, url: reverse("admin:knox_authtoken_changelist"), writes=True
    ),
}


def admin_rows():
    for key, method, url, data, clerk, staff in ADMIN_PAGES:
        if key in DJANGO_ADMIN_VIEWS:
            yield Row(key, method, "staff", staff, url, data)
            yield Row(key, method, "clerk", clerk, url, data)
            continue
        for role in ADMIN_ROLES:
            outcome = {"clerk": clerk, "staff": staff}.get(role, ADMIN_LOGIN)
            yield Row(key, method, role, outcome, url, data)
        superuser = SUPERUSER_DIFFERS.get((key, method), clerk)
        yield Row(key, method, "superuser", superuser, url, data)
    # Django's login and logout of the admin: one row each.
    yield Row("admin:login", "get", "anonymous", OK, admin_url("login"))
    # The login page sends staff who are signed in on to the index.
    yield Row(
        "admin:login",
        "get",
        "staff",
        redirect(lambda w, url: reverse("admin:index")),
        admin_url("login"),
    )
    yield Row(
        "admin:login",
        "post",
        "anonymous",
        OK,
        admin_url("login"),
        lambda w: {"username": w.clerk.username, "password": "wrong"},
    )
    # Logging out is a POST.
    yield Row("admin:logout", "get", "clerk", NOT_ALLOWED, admin_url("logout"))
    yield Row("admin:logout", "post", "clerk", OK, admin_url("logout"))


@pytest.mark.parametrize("row", list(admin_rows()), ids=lambda row: row.id)
def test_it_answers_the_admins_own_pages_and_actions_as_the_matrix_says(world, row):
    run(row, web_client(row.role, world), world)


# --- 3. The page behind a contact's link ---------------------------------------------------------


def answer_for(commitment, **fields):
    return lambda w: {
        "submission": str(uuid.uuid4()),
        "commitment": commitment(w),
        "kind": "new_date",
        "proposed_date": (TODAY + datetime.timedelta(days=60)).isoformat(),
        "reason": "Het onderzoek loopt uit",
        **fields,
    }


def tampered(contact):
    token = links.token_for(contact)
    return token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")


TOKENS = {
    "own": lambda w: links.token_for(w.contact),
    "other ministry": lambda w: links.token_for(w.other_contact),
    "tampered": lambda w: tampered(w.contact),
    # Signed with this project's key for another purpose: another salt.
    "other salt": lambda w: signing.TimestampSigner(salt="another.purpose").sign_object(
        {"contact": w.contact.pk}
    ),
    # The right salt and stamp, for a contact that does not exist.
    "forged contact": lambda w: signing.TimestampSigner(salt=links.SALT).sign_object(
        {"contact": MISSING}
    ),
    "garbage": lambda w: "not-a-token",
}
OWN = lambda w: w.commitment.number  # noqa: E731
ANSWERED = BACK_WRITTEN
# (token, method, body, outcome): the same for any role holding the link, signed in or not.
RESPOND = [
    ("own", "get", None, OK),
    ("own", "head", None, OK),
    ("own", "post", answer_for(OWN), ANSWERED),
    # Another ministry's commitment put into the form, by number and by database id.
    ("own", "post", answer_for(lambda w: w.elsewhere.number), NOT_FOUND),
    ("own", "post", answer_for(lambda w: w.elsewhere.pk), NOT_FOUND),
    # A closed commitment of the contact's own ministry, and a number that does not exist.
    ("own", "post", answer_for(lambda w: w.closed.number), NOT_FOUND),
    ("own", "post", answer_for(lambda w: "TZ209901-001"), NOT_FOUND),
    ("own", "put", None, NOT_ALLOWED),
    ("own", "patch", None, NOT_ALLOWED),
    ("own", "delete", None, NOT_ALLOWED),
    # Ministry B's contact, with its own valid link, at ministry A's commitment.
    ("other ministry", "get", None, OK),
    ("other ministry", "post", answer_for(OWN), NOT_FOUND),
    ("other ministry", "post", answer_for(lambda w: w.commitment.pk), NOT_FOUND),
    *[
        (token, method, answer_for(OWN) if method == "post" else None, FORBIDDEN)
        for token in ("tampered", "other salt", "forged contact", "garbage")
        for method in ("get", "post")
    ],
]


def respond_rows():
    for token, method, data, outcome in RESPOND:
        holders = ["contact"] if token in ("own", "other ministry") else WEB_ROLES
        for role in holders:
            yield (
                Row(
                    "contact-response",
                    method,
                    role,
                    outcome,
                    lambda w, token=token: respond_url(TOKENS[token](w)),
                    data,
                ),
                token,
            )


@pytest.mark.parametrize(
    ("row", "token"), list(respond_rows()), ids=lambda value: getattr(value, "id", value)
)
def test_it_answers_the_contact_page_as_the_matrix_says(world, row, token):
    client = Client() if row.role == "contact" else web_client(row.role, world)
    response, _before = run(row, client, world)
    if row.method == "get" and response.status_code == 200:
        page = response.content.decode()
        shown = {c.summary for c in (world.commitment, world.elsewhere) if c.summary in page}
        expected = world.commitment if token == "own" else world.elsewhere
        # Each contact sees its own ministry's open commitment and never the other's.
        assert shown == {expected.summary}
    if row.outcome is ANSWERED:
        recorded = ContactResponse.objects.latest("created_at")
        assert (recorded.contact, recorded.commitment) == (world.contact, world.commitment)


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_an_expired_link(world, method):
    url = respond_url(world.contact)
    before = snapshot()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = getattr(Client(), method)(url, answer_for(OWN)(world))
    assert response.status_code == 403
    assert snapshot() == before


def test_it_refuses_the_link_of_a_deactivated_contact(world):
    url = respond_url(world.contact)
    Contact.objects.filter(pk=world.contact.pk).update(is_active=False)
    before = snapshot()
    assert Client().post(url, answer_for(OWN)(world)).status_code == 403
    assert snapshot() == before


# --- 4. The API ---------------------------------------------------------------------------------

RESOURCES = {
    "commitment": ("commitments", lambda w: w.commitment.number),
    "ministry": ("ministries", lambda w: w.justice.pk),
    "official": ("officials", lambda w: w.official.pk),
    "committee": ("committees", lambda w: w.committee.pk),
    "member": ("members", lambda w: w.member.pk),
    "document": ("documents", lambda w: w.document.pk),
}
MODELS = {
    "commitment": Commitment,
    "ministry": Ministry,
    "official": Official,
    "committee": Committee,
    "member": Member,
    "document": Document,
}
CREATE = {
    "commitment": lambda w: {
        "text": "Ik zal uw Kamer voor de zomer informeren.",
        "summary": "Informeren over de uitvoering",
        "made_on": "2024-05-01",
        "due_date": "2024-07-01",
        "ministry": w.justice.abbreviation,
    },
    "ministry": lambda w: {"name": "Ministerie van Nieuwe Zaken", "abbreviation": "NZ"},
    "official": lambda w: {
        "name": "B. Bewindspersoon",
        "function": "Minister van Justitie en Veiligheid",
        "ministry": w.justice.abbreviation,
    },
    "committee": lambda w: {"name": "Vaste commissie voor Nieuwe Zaken", "abbreviation": "NZ"},
    "member": lambda w: {"name": "C. Kamerlid", "party": w.party.abbreviation},
    "document": lambda w: {
        "kind": "letter",
        "dossier_number": "36 100",
        "document_number": "7",
        "date": "2024-05-01",
        "title": "Brief over nieuwe zaken",
    },
}
# A full representation for PUT, every relation of a commitment filled in.
PUT = {
    "commitment": lambda w: {
        "text": "Ik zal uw Kamer na de zomer informeren.",
        "summary": "Informeren na de zomer",
        "made_on": "2024-03-01",
        "due_date": "2024-10-01",
        "due_precision": "month",
        "ministry": w.justice.abbreviation,
        "committee": w.committee.abbreviation,
        "official": w.official.pk,
        "made_to": [w.member.pk],
        "made_to_parties": [w.party.abbreviation],
        "source": w.document.pk,
    },
    "ministry": lambda w: {"name": "Ministerie van Hernoemde Zaken", "abbreviation": "HZ"},
    "official": lambda w: {
        "name": "D. Bewindspersoon",
        "function": "Minister van Justitie en Veiligheid",
        "ministry": w.justice.abbreviation,
    },
    "committee": lambda w: {"name": "Vaste commissie voor Hernoemde Zaken", "abbreviation": "HZ"},
    "member": lambda w: {"name": "E. Kamerlid", "party": None},
    "document": lambda w: {
        "kind": "debate",
        "dossier_number": "36 100",
        "document_number": "8",
        "date": "2024-06-01",
        "title": "Verslag van een commissiedebat",
    },
}
PATCH = {
    "commitment": lambda w: {"summary": "Bijgewerkte samenvatting"},
    "ministry": lambda w: {"name": "Ministerie van Bijgewerkte Zaken"},
    "official": lambda w: {"function": "Minister voor Bijgewerkte Zaken"},
    "committee": lambda w: {"name": "Vaste commissie voor Bijgewerkte Zaken"},
    "member": lambda w: {"name": "F. Kamerlid"},
    "document": lambda w: {"title": "Bijgewerkte titel"},
}
# Each status action: its body, and what the commitment it answers with then says.
API_ACTIONS = {
    "fulfil": (
        lambda w: {"document": w.document.pk, "fulfilled_on": TODAY.isoformat()},
        {"status": "fulfilled", "fulfilled_on": TODAY.isoformat()},
    ),
    "lapse": (lambda w: {"reason": "Niet meer nodig na het debat"}, {"status": "lapsed"}),
    "extend-deadline": (
        lambda w: {
            "new_due_date": (TODAY + datetime.timedelta(days=90)).isoformat(),
            "reason": "De Kamer gaf uitstel",
        },
        {"due_date": (TODAY + datetime.timedelta(days=90)).isoformat()},
    ),
}


def clerk_only(allowed):
    """A write: allowed for a clerk by session or token, refused for everyone else."""
    return lambda role: allowed if role in CLERKS else FORBIDDEN


def everyone(outcome):
    return lambda role: outcome


# A method an endpoint does not take is answered 405 before anyone's rights are looked at
# (commitments/api/permissions.py): one row per endpoint, by an anonymous visitor, who would be
# refused with 403 if the method were taken.
NOT_TAKEN = "not taken"


def api_ops():
    """(URL key, method, URL, body, role -> outcome, what a write answers) for every endpoint."""
    for name, (plural, key) in RESOURCES.items():
        listing = lambda w, plural=plural: f"/api/{plural}/"  # noqa: E731
        detail = lambda w, plural=plural, key=key: f"/api/{plural}/{key(w)}/"  # noqa: E731
        forged = lambda w, plural=plural: f"/api/{plural}/{MISSING}/"  # noqa: E731
        list_key, detail_key = f"api-{name}-list", f"api-{name}-detail"
        yield list_key, "get", listing, None, everyone(OK), None
        yield list_key, "post", listing, CREATE[name], clerk_only(CREATED), CREATE[name]
        # Nothing is deleted wholesale: the list takes no such method.
        yield list_key, "delete", listing, None, NOT_TAKEN, None
        yield detail_key, "get", detail, None, everyone(OK), None
        yield detail_key, "put", detail, PUT[name], clerk_only(WRITTEN), PUT[name]
        yield detail_key, "patch", detail, PATCH[name], clerk_only(WRITTEN), PATCH[name]
        # Nothing is deleted through the API, whoever asks: a commitment lapses instead.
        yield detail_key, "delete", detail, None, NOT_TAKEN, None
        yield detail_key, "post", detail, CREATE[name], NOT_TAKEN, None
        # Forged ids: a key that does not exist is not found for reading, and a write is refused
        # before it is looked up, so a refused role learns nothing about which keys exist.
        yield detail_key, "get", forged, None, everyone(NOT_FOUND), None
        yield detail_key, "patch", forged, PATCH[name], clerk_only(NOT_FOUND), None
    for verb, (body, answer) in API_ACTIONS.items():
        key = f"api-commitment-{verb}"
        url = lambda w, verb=verb: f"/api/commitments/{w.commitment.number}/{verb}/"  # noqa: E731
        expected = lambda w, answer=answer: answer  # noqa: E731
        yield key, "post", url, body, clerk_only(WRITTEN), expected
        yield key, "get", url, None, NOT_TAKEN, None
        # A clerk answers for every ministry: another ministry's commitment is theirs too.
        other = lambda w, verb=verb: f"/api/commitments/{w.elsewhere.number}/{verb}/"  # noqa: E731
        yield key, "post", other, body, clerk_only(WRITTEN), expected
        forged = lambda w, verb=verb: f"/api/commitments/TZ209901-001/{verb}/"  # noqa: E731
        yield key, "post", forged, body, clerk_only(NOT_FOUND), None
    # A forged document in a fulfilment is refused with the field named, and changes nothing.
    yield (
        "api-commitment-fulfil",
        "post",
        lambda w: f"/api/commitments/{w.commitment.number}/fulfil/",
        lambda w: {"document": MISSING, "fulfilled_on": TODAY.isoformat()},
        clerk_only(Outcome(400)),
        None,
    )
    for key, path in {
        "api-root": "/api/",
        "api-schema": "/api/schema/",
        "api-docs": "/api/docs/",
        "api-redoc": "/api/redoc/",
    }.items():
        yield key, "get", lambda w, path=path: path, None, everyone(OK), None
        yield key, "post", lambda w, path=path: path, None, NOT_TAKEN, None
    # The OData service (commitments/api/odata): read as the rest of the API, refusals in
    # OData's error format (check_api_answer).
    for key, url in ODATA.items():
        yield key, "get", url, None, everyone(OK), None
        yield key, "post", url, None, NOT_TAKEN, None
        yield key, "delete", url, None, NOT_TAKEN, None
    forged = lambda w: f"/api/odata/Toezegging({uuid.uuid4()})"  # noqa: E731
    yield "api-odata-toezegging-entity", "get", forged, None, everyone(NOT_FOUND), None
    unknown = lambda w: "/api/odata/Persoon"  # noqa: E731
    yield "api-odata-unknown", "get", unknown, None, everyone(NOT_FOUND), None
    yield "api-odata-unknown", "post", unknown, None, NOT_TAKEN, None


def odata_key(w) -> str:
    return str(export_id(w.commitment))


ODATA = {
    "api-odata-root": lambda w: "/api/odata/",
    "api-odata-metadata": lambda w: "/api/odata/$metadata",
    "api-odata-toezegging": lambda w: "/api/odata/Toezegging?$expand=ToegezegdAan&$count=true",
    "api-odata-toezegging-count": lambda w: "/api/odata/Toezegging/$count",
    "api-odata-toezegging-entity": lambda w: f"/api/odata/Toezegging({odata_key(w)})",
    "api-odata-toezegging-navigation": (
        lambda w: f"/api/odata/Toezegging({odata_key(w)})/ToegezegdAan"
    ),
    "api-odata-v2-root": lambda w: "/api/odata/v2/",
    "api-odata-v2-metadata": lambda w: "/api/odata/v2/$metadata",
    "api-odata-v2-toezegging": lambda w: "/api/odata/v2/Toezegging?$inlinecount=allpages",
    "api-odata-v2-toezegging-count": lambda w: "/api/odata/v2/Toezegging/$count",
    "api-odata-v2-toezegging-entity": (lambda w: f"/api/odata/v2/Toezegging(guid'{odata_key(w)}')"),
}


@dataclass(frozen=True)
class ApiRow(Row):
    # What an allowed write answers with (world -> fields the answer must hold), or None.
    answers: object = None


def api_rows():
    for key, method, url, data, outcome, answers in api_ops():
        if outcome == NOT_TAKEN:
            yield ApiRow(key, method, "anonymous", NOT_ALLOWED, url, data)
            continue
        for role in API_ROLES:
            yield ApiRow(key, method, role, outcome(role), url, data, answers)


# The schema and the pages that show it answer in their own formats, not in JSON.
DOCUMENTS = {"api-schema", "api-docs", "api-redoc"}


def check_api_answer(row, response, before, client, w):
    """What the API answers, beyond its status: every refusal in the one error shape, with the
    reason (not signed in, or not allowed) as its code; a write answers with what it stored.
    The OData service refuses in OData's error format, with the same codes."""
    if response.status_code >= 400 and row.key.startswith("api-odata"):
        error = response.json()["error"]
        # v2's message is {"lang", "value"}; v4's a text.
        message = error["message"]["value"] if "-v2-" in row.key else error["message"]
        assert isinstance(message, str) and message, error
        if response.status_code == 403:
            assert error["code"] == (
                "not_authenticated" if row.role == "anonymous" else "permission_denied"
            )
        return
    if response.status_code >= 400 and row.key not in DOCUMENTS:
        body = assert_error(response, row.outcome.status)
        if response.status_code == 403:
            assert body["code"] == (
                "not_authenticated" if row.role == "anonymous" else "permission_denied"
            )
            # SessionAuthentication comes first and sends no WWW-Authenticate challenge, so DRF
            # answers an anonymous write with 403 rather than 401.
            assert "WWW-Authenticate" not in response
        return
    if row.answers is None:
        return
    answer = response.json()
    assert answer.items() >= row.answers(w).items(), answer
    if row.method == "post" and response.status_code == 201:
        model = MODELS[row.key.split("-")[1]]
        assert model.objects.count() == len(before[model._meta.label]) + 1
    elif row.method in ("put", "patch"):
        # What the API answered is what it stored.
        assert client.get(row.url(w)).json() == answer


@pytest.mark.parametrize("row", list(api_rows()), ids=lambda row: row.id)
def test_it_answers_the_api_as_the_matrix_says(world, row):
    client = api_client(row.role, world)
    response, before = run(row, client, world)
    check_api_answer(row, response, before, client, world)


def api_login_rows():
    for key, method, url, data, outcome, _answers in api_ops():
        if method == "get" and outcome != NOT_TAKEN and outcome("anonymous") is OK:
            yield ApiRow(key, method, "anonymous", FORBIDDEN, url, data)
            yield ApiRow(key, method, "reader", OK, url, data)


@pytest.mark.parametrize("row", list(api_login_rows()), ids=lambda row: row.id)
def test_it_keeps_the_api_from_anonymous_readers_when_the_dashboard_needs_a_login(
    settings, world, row
):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    client = api_client(row.role, world)
    response, before = run(row, client, world)
    check_api_answer(row, response, before, client, world)


def test_it_refuses_a_revoked_token_even_for_reading(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.clerk_token.key}")
    AuthToken.objects.filter(user=world.clerk).delete()
    before = snapshot()
    assert assert_error(client.get("/api/commitments/"), 403)["code"] == "authentication_failed"
    response = client.patch(
        f"/api/commitments/{world.commitment.number}/", PATCH["commitment"](world), format="json"
    )
    assert assert_error(response, 403)["code"] == "authentication_failed"
    assert snapshot() == before


def test_it_refuses_a_wrong_token_even_for_reading(world):
    """A mistyped token is an error, not silently an anonymous reader."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert assert_error(client.get("/api/commitments/"), 403)["code"] == "authentication_failed"


def test_it_refuses_a_token_for_a_staff_user_outside_the_clerks_group(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(world.staff).key}")
    before = snapshot()
    response = client.post(
        f"/api/commitments/{world.commitment.number}/lapse/",
        API_ACTIONS["lapse"][0](world),
        format="json",
    )
    assert assert_error(response, 403)["code"] == "permission_denied"
    assert snapshot() == before


def test_it_needs_the_csrf_token_for_a_session_write_but_not_for_a_token_write(world):
    """A browser session cannot be made to write by another site; a script's token can."""
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(world.clerk)
    before = snapshot()
    response = session.post("/api/ministries/", CREATE["ministry"](world), format="json")
    assert assert_error(response, 403)["code"] == "permission_denied"
    assert snapshot() == before

    token = APIClient(enforce_csrf_checks=True)
    token.credentials(HTTP_AUTHORIZATION=f"Token {world.clerk_token.key}")
    response = token.post("/api/ministries/", CREATE["ministry"](world), format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("method", "url", "data", "outcome"),
    [
        ("get", lambda w: reverse("admin:index"), None, ADMIN_LOGIN),
        (
            "post",
            lambda w: reverse("admin:commitments_contactresponse_changelist"),
            lambda w: {"action": "accept", "_selected_action": [w.answer.pk]},
            ADMIN_LOGIN,
        ),
        ("get", lambda w: f"/api/commitments/{w.commitment.number}/", None, OK),
        (
            "post",
            lambda w: f"/api/commitments/{w.commitment.number}/lapse/",
            API_ACTIONS["lapse"][0],
            FORBIDDEN,
        ),
    ],
    ids=["admin", "accept-own-answer", "api-read", "api-lapse"],
)
def test_it_gives_a_contact_nothing_beyond_its_page(world, method, url, data, outcome):
    """A contact that has just answered through its link is an anonymous visitor elsewhere."""
    client = web_client("contact", world)
    client.post(respond_url(world.contact), answer_for(OWN)(world))
    run(Row("contact", method, "contact", outcome, url, data), client, world)


# --- 5. Nothing goes without a row ----------------------------------------------------------------


def covered():
    rows = [
        *public_rows(),
        *login_required_rows(),
        *model_page_rows(),
        *admin_rows(),
        *(row for row, _token in respond_rows()),
        *api_rows(),
    ]
    return {row.key for row in rows}


def test_it_has_a_row_for_every_url_pattern():
    missing = url_keys() - covered()
    assert not missing, f"URL patterns without a row in the permission matrix: {sorted(missing)}"
