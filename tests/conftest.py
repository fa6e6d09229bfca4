import collections
import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory
from tests.mail import SmtpSink


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


@pytest.fixture
def clerk(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Clerks"))
    return user


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


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
