"""What the tests share: the actors, the world they act in, a snapshot of every row, the fast
password hasher, the services a test may need (SMTP, a Celery worker) and the service markers.

Actors, as DESIGN.md §1 names them: an anonymous visitor (pytest-django's `client`), a `reader`
(an account without staff rights), `staff` (staff outside the Clerks group: no rights), a
`clerk` (staff in the Clerks group) and a `superuser` ("griffier", who may do anything). Each
has a logged-in client fixture beside it: `reader_client`, `staff_client`, `clerk_client`,
`superuser_client`, and `token_client` for a clerk's API token. A ministry contact has no
account, only a signed link: the `world` has two, one per ministry.

The `world` (make_world()) has one row of every kind the product keeps and its own actors; it
is made once per module that asks for it, and each test runs in a savepoint inside it.
"""

import collections
import datetime
import os
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    ContactFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    UserFactory,
)
from tests.mail import SmtpSink

# A password every factory-made account has (tests/factories.py), for tests that log in.
PASSWORD = "correct horse battery staple"
# The hasher for every test: hashing each factory-made account's password with PBKDF2 took
# most of the suite's time. Production keeps Django's default hashers (tracker/settings.py).
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()
    index_static_files_once()


def index_static_files_once():
    """WhiteNoise indexes every static file the finders know (WHITENOISE_USE_FINDERS: the
    admin's, DRF's, Swagger UI's and Redoc's) when its middleware is made; a server makes it once,
    but Django's test client makes the middleware afresh for every client, which took some 40 ms
    of every test. The files do not change while the tests run: the first middleware indexes
    them, every later one is handed that index."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    index = {}
    add_files_from_finders = WhiteNoiseMiddleware.add_files_from_finders

    def add_indexed_files(middleware):
        if not index:
            known = set(middleware.files)
            add_files_from_finders(middleware)
            index.update({url: f for url, f in middleware.files.items() if url not in known})
        else:
            middleware.files.update(index)

    WhiteNoiseMiddleware.add_files_from_finders = add_indexed_files


def services_required() -> bool:
    """In CI (and wherever REQUIRE_SERVICES is set) a missing service is a failure, not a skip."""
    return bool(os.environ.get("CI") or os.environ.get("REQUIRE_SERVICES"))


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    has_redis = bool(settings.REDIS_URL)
    missing = {
        "postgres": None if on_postgres else "needs PostgreSQL: set DATABASE_URL",
        "redis": None if has_redis else "needs Redis: set REDIS_URL",
    }
    for item in items:
        for marker, reason in missing.items():
            if reason and item.get_closest_marker(marker):
                if services_required():
                    item.add_marker(pytest.mark.usefixtures("_fail_missing_service"))
                    item.user_properties.append(("missing_service", reason))
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def _fail_missing_service(request):
    reasons = [value for key, value in request.node.user_properties if key == "missing_service"]
    pytest.fail(f"{'; '.join(reasons)} (services are required here)")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts without cached dashboard figures from another test."""
    cache.clear()


@pytest.fixture
def english():
    """Messages in English, so that assertions read the same as the source strings."""
    with translation.override("en"):
        yield


# --- Snapshots ----------------------------------------------------------------------------------


def snapshot_models():
    """Every model whose rows the product keeps: the project's own (with their audit records and
    the tables behind many-to-many fields), the accounts, groups and API tokens. Left out are
    what a request writes whoever sends it: sessions, the admin's log and the login throttle's
    records."""
    own = apps.get_app_config("commitments").get_models(include_auto_created=True)
    return [*own, User, User.groups.through, Group, AuthToken]


def snapshot():
    """Every row the product keeps, so that "nothing changed" is checked, not assumed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in snapshot_models()
    }


ERROR_KEYS = {"status", "code", "detail", "errors"}


def assert_error(response, status, *fields):
    """The API's one error shape, with `status`, and a message on each of `fields`."""
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


# --- Actors -------------------------------------------------------------------------------------


def make_clerk(**fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Clerks"))
    return user


def logged_in(client, user):
    client.force_login(user)
    return client


def api_token(user):
    """A new API token of `user`: the stored row, with the token itself (which only its maker
    sees, once) as `key`."""
    stored, key = AuthToken.objects.create(user=user)
    stored.key = key
    return stored


def token_for(user, client=None):
    """`client` (a new API client by default) sending a new API token of `user`."""
    client = client or APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user).key}")
    return client


@pytest.fixture
def reader(db):
    """An account without staff rights: someone who reads the dashboard signed in."""
    return UserFactory()


@pytest.fixture
def staff(db):
    """Staff outside the Clerks group: past the admin's door, without any rights."""
    return UserFactory(is_staff=True)


@pytest.fixture
def clerk(db):
    return make_clerk()


@pytest.fixture
def superuser(db):
    """The griffier: a superuser, who may do anything."""
    return UserFactory(username="griffier", is_staff=True, is_superuser=True)


@pytest.fixture
def reader_client(client, reader):
    return logged_in(client, reader)


@pytest.fixture
def staff_client(client, staff):
    return logged_in(client, staff)


@pytest.fixture
def clerk_client(client, clerk):
    return logged_in(client, clerk)


@pytest.fixture
def superuser_client(client, superuser):
    return logged_in(client, superuser)


@pytest.fixture
def token_client(clerk):
    """An integrator's script: an API client with the clerk's token."""
    return token_for(clerk)


@pytest.fixture
def seed(db):
    """The demo data of `make run`: the seed letter's commitments, ministries and contacts."""
    call_command("load_seed", stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- The world ----------------------------------------------------------------------------------

TODAY = timezone.localdate()
# An id that no row has.
MISSING = 999999
# The letter of the world's document, with one promise in it.
LETTER = (
    "Den Haag, 8 november 2022\n\n"
    "Geachte voorzitter,\n\n"
    "Ik zal uw Kamer voor de zomer van 2023 informeren over de voortgang.\n"
)


def make_world():
    """Two ministries with a contact and commitments each, one row of every other kind, and the
    actors: two clerks with an API token each, a reader and staff without rights."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from commitments.models import (
        Commitment,
        ContactResponse,
        Digest,
        MinistryAlias,
        Recess,
        Reminder,
        TkQuarantine,
        TkSync,
    )

    justice = MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    finance = MinistryFactory(name="Financiën", abbreviation="Fin")
    contact = ContactFactory(ministry=justice)
    other_contact = ContactFactory(ministry=finance)
    commitment = CommitmentFactory(
        ministry=justice,
        summary="Toezegging van JenV",
        made_on=TODAY - datetime.timedelta(days=60),
        due_date=TODAY - datetime.timedelta(days=2),
    )
    closed = CommitmentFactory(ministry=justice, summary="Vervallen toezegging van JenV")
    Commitment.objects.filter(pk=closed.pk).update(status=Commitment.Status.LAPSED)
    elsewhere = CommitmentFactory(
        ministry=finance,
        summary="Toezegging van Financiën",
        made_on=TODAY - datetime.timedelta(days=60),
        due_date=TODAY - datetime.timedelta(days=2),
    )
    member = MemberFactory()
    commitment.made_to.add(member)
    digest = Digest.objects.create(
        contact=contact, day=TODAY, state=Digest.State.FAILED, attempts=3
    )
    rappel_day = TODAY - datetime.timedelta(days=1)
    attempt = {"username": "griffier", "ip_address": "192.0.2.1", "path_info": "/admin/login/"}
    clerk = make_clerk()
    other_clerk = make_clerk()
    w = SimpleNamespace(
        justice=justice,
        finance=finance,
        contact=contact,
        other_contact=other_contact,
        commitment=commitment,
        closed=closed,
        elsewhere=elsewhere,
        member=member,
        party=member.party,
        official=commitment.official,
        committee=CommitteeFactory(),
        document=DocumentFactory(),
        letter=DocumentFactory(text=LETTER, date=datetime.date(2022, 11, 8)),
        recess=Recess.objects.create(
            kind=Recess.Kind.SUMMER,
            starts_on=datetime.date(2031, 7, 4),
            ends_on=datetime.date(2031, 9, 1),
        ),
        digest=digest,
        reminder=Reminder.objects.create(
            contact=contact,
            commitment=commitment,
            kind=Reminder.Kind.RAPPEL,
            due_date=commitment.due_date,
            scheduled_for=rappel_day,
            created_on=rappel_day,
            digest=digest,
            state=Reminder.State.FAILED,
        ),
        rappel_day=rappel_day,
        answer=ContactResponse.objects.create(
            contact=contact,
            commitment=commitment,
            submission=uuid.uuid4(),
            kind=ContactResponse.Kind.NEW_DATE,
            proposed_date=TODAY + datetime.timedelta(days=60),
            reason="Het onderzoek loopt uit",
        ),
        sync=TkSync.objects.create(source_url="https://example.org/OData/v4/2.0/Toezegging"),
        quarantined=TkQuarantine.objects.create(
            source_url="https://example.org/OData/v4/2.0/Toezegging",
            tk_id="159e3e36-ab2e-4ca9-a743-0010a3f886f6",
            number="TZ202402-164",
            field="Ministerie",
            reason="Neither Ministerie nor Functie names a ministry.",
            record={"Id": "159e3e36-ab2e-4ca9-a743-0010a3f886f6", "Ministerie": None},
        ),
        alias=MinistryAlias.objects.create(name="Veiligheid en Justitie", ministry=justice),
        clerk=clerk,
        clerk_token=api_token(clerk),
        other_clerk=other_clerk,
        other_token=api_token(other_clerk),
        reader=UserFactory(),
        staff=UserFactory(is_staff=True),
        superuser=UserFactory(is_staff=True, is_superuser=True),
        lockout=AccessAttempt.objects.create(failures_since_start=5, **attempt),
        failure=AccessFailureLog.objects.create(locked_out=True, **attempt),
        access=AccessLog.objects.create(**attempt),
    )
    w.recess.refresh_from_db()
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, made once per module in a transaction that is rolled back at its end; each
    test runs in a savepoint inside it, so what one test writes the next does not see. (A module
    that uses it must not mix in tests on `transactional_db` or a live server.)"""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(db, shared_world):
    return shared_world


# --- Services -----------------------------------------------------------------------------------


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on this machine that Django's SMTP backend delivers to."""
    sink = SmtpSink()
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def celery_worker(transactional_db):
    """Starts a real Celery worker, in a thread of this process, on the configured broker.

    Yields a function that starts one (a context manager), so that a test can decide when the
    worker runs; the worker's finished tasks are collected in `finished` by task id.
    """
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    import commitments.tasks  # noqa: F401  (registers the tasks with the app)
    from tracker.celery import app

    finished: dict[str, object] = {}

    def record(task_id=None, retval=None, **kwargs):
        finished[task_id] = retval

    task_postrun.connect(record, weak=False)
    app.control.purge()

    def start():
        return start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10)

    start.app = app
    start.finished = finished
    yield start
    task_postrun.disconnect(record)


FUZZ_CASES = pytest.StashKey[collections.Counter]()


@pytest.fixture(scope="session")
def fuzz_cases(pytestconfig):
    """Counts the cases each fuzz target tried (tests/test_fuzz.py), for the run's summary."""
    return pytestconfig.stash.setdefault(FUZZ_CASES, collections.Counter())


def pytest_terminal_summary(terminalreporter, config):
    tried = config.stash.get(FUZZ_CASES, None)
    if tried:
        terminalreporter.section("fuzz cases tried")
        for target, count in tried.items():
            terminalreporter.write_line(f"{target}: {count}")
