"""The health endpoint: database, broker and reminder outbox, public and safe to show."""

import datetime
import time

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.models import Digest
from tests.factories import ContactFactory
from tests.mail import free_port

pytestmark = pytest.mark.django_db


def due_digest(*, minutes_ago: int, **fields) -> Digest:
    """A pending digest whose first attempt was due `minutes_ago` minutes ago."""
    due = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return Digest.objects.create(
        contact=ContactFactory(), day=due.date(), next_attempt_at=due, **fields
    )


def test_it_answers_200_with_every_check_ok_on_healthy_services(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "broker": {"status": "ok"},
            "digests": {"status": "ok", "oldest_pending_minutes": 0, "in_doubt": 0},
        },
    }
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_it_answers_503_within_seconds_when_the_broker_port_is_closed(client, settings):
    port = free_port()
    settings.CELERY_BROKER_URL = f"redis://:secret-password@127.0.0.1:{port}/0"

    started = time.monotonic()
    response = client.get("/health/")

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["broker"] == {"status": "error", "reason": "unreachable"}
    assert response.json()["checks"]["database"] == {"status": "ok"}
    # Neither the broker's address nor its credentials reach the public.
    body = response.content.decode()
    assert "127.0.0.1" not in body
    assert str(port) not in body
    assert "secret-password" not in body


def test_it_counts_the_demos_filesystem_broker_as_ok_while_its_folder_exists(
    client, settings, tmp_path
):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
    }
    assert client.get("/health/").status_code == 200

    tmp_path.rmdir()
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == {"status": "error", "reason": "missing_folder"}


def test_it_answers_503_when_a_due_digest_has_waited_longer_than_the_threshold(client, settings):
    settings.HEALTH_MAX_PENDING_AGE_MINUTES = 30
    due_digest(minutes_ago=29)
    assert client.get("/health/").status_code == 200

    due_digest(minutes_ago=45)
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["digests"] == {
        "status": "error",
        "oldest_pending_minutes": 45,
        "in_doubt": 0,
    }


def test_it_ignores_digests_waiting_for_a_later_retry_or_already_sent(client):
    due_digest(minutes_ago=-60, attempts=2)
    due_digest(minutes_ago=600, state=Digest.State.SENT)

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["checks"]["digests"]["oldest_pending_minutes"] == 0


def test_it_warns_about_a_digest_in_doubt_without_failing(client):
    due_digest(
        minutes_ago=60,
        state=Digest.State.SENDING,
        lease_expires_at=timezone.now() - datetime.timedelta(minutes=50),
    )

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "warning"
    assert response.json()["checks"]["digests"] == {
        "status": "warning",
        "oldest_pending_minutes": 0,
        "in_doubt": 1,
    }


def test_it_answers_503_without_the_error_text_when_the_database_fails(client, monkeypatch):
    class BrokenCursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql):
            raise DatabaseError('connection to server at "db.internal" failed: password')

    monkeypatch.setattr(connection, "cursor", BrokenCursor)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"status": "error", "reason": "unavailable"}
    assert response.json()["checks"]["digests"] == {"status": "unknown"}
    assert "db.internal" not in response.content.decode()


def test_it_uses_the_same_number_of_queries_however_many_digests_wait(client):
    with CaptureQueriesContext(connection) as empty:
        client.get("/health/")
    for minutes in range(10):
        due_digest(minutes_ago=minutes)
    with CaptureQueriesContext(connection) as busy:
        client.get("/health/")

    assert len(busy.captured_queries) == len(empty.captured_queries) == 3


def test_it_answers_head(client):
    response = client.head("/health/")

    assert response.status_code == 200
    assert response.content == b""


def test_it_refuses_post_with_405(client):
    response = client.post("/health/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_it_stays_public_when_the_dashboard_requires_a_login(client, settings):
    settings.DASHBOARD_REQUIRE_LOGIN = True

    assert client.get("/").status_code == 302
    assert client.get("/health/").status_code == 200


def test_it_gives_the_same_answer_whatever_language_the_caller_chose(client):
    dutch = client.get("/health/").json()
    client.cookies["django_language"] = "en"

    assert client.get("/health/").json() == dutch
