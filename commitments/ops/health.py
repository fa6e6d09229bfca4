"""The health endpoint that load balancers and monitoring call: `/health/`.

It checks the database, the Celery broker and the reminder outbox, and answers 200 when nothing
is wrong and 503 when something is. The answer is public, so it names each check's status and a
short category only: never a host name, a URL or an error text, which could carry credentials.
Details go to the log. The statuses are fixed English tokens rather than translated text, so that
a monitor parses the same answer whatever language cookie it sends.
"""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from commitments.models import Digest

logger = logging.getLogger(__name__)

OK, WARNING, ERROR, UNKNOWN = "ok", "warning", "error", "unknown"

# Seconds to wait for the broker. A load balancer gives up after a few seconds, and a broker that
# takes longer than this to accept a connection is not healthy anyway.
BROKER_TIMEOUT_SECONDS = 2


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return failed("database", "unavailable", error)
    return {"status": OK}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        # The demo's broker is a pair of folders; it works as long as they are there.
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        folders = {options["data_folder_in"], options["data_folder_out"]}
        if not all(Path(folder).is_dir() for folder in folders):
            return failed("broker", "missing_folder", None)
        return {"status": OK}

    from tracker.celery import app

    connection_for_write = app.connection_for_write(
        url,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
        # Kombu's Redis transport takes its timeouts from the transport options instead.
        transport_options={
            "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
            "socket_timeout": BROKER_TIMEOUT_SECONDS,
        },
    )
    try:
        with connection_for_write as broker:
            broker.ensure_connection(
                max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS
            )
    except Exception as error:
        # Every transport raises its own errors; whatever it raised, the broker cannot be used.
        return failed("broker", "unreachable", error)
    return {"status": OK}


def check_digests(*, now: datetime.datetime) -> dict:
    """The oldest digest that is due and still pending, and the digests in doubt.

    A digest waits at most a few minutes for the next delivery run, so one that is much older
    means the workers or beat are not running. A digest in doubt waits for a clerk, which a
    restart cannot fix, so it is a warning rather than a failure.
    """
    oldest_due = (
        Digest.objects.due(now)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    in_doubt = Digest.objects.in_doubt(now).count()
    age_minutes = int((now - oldest_due).total_seconds() // 60) if oldest_due else 0
    status = OK
    if in_doubt:
        status = WARNING
    if age_minutes > settings.HEALTH_MAX_PENDING_AGE_MINUTES:
        status = ERROR
        logger.warning(
            "health: a digest has been due for %d minutes",
            age_minutes,
            extra={"event": "health_check_failed", "check": "digests", "reason": "stale"},
        )
    return {"status": status, "oldest_pending_minutes": age_minutes, "in_doubt": in_doubt}


def failed(check: str, reason: str, error: Exception | None) -> dict:
    logger.warning(
        "health: %s %s",
        check,
        reason,
        extra={
            "event": "health_check_failed",
            "check": check,
            "reason": reason,
            "error": type(error).__name__ if error else None,
        },
    )
    return {"status": ERROR, "reason": reason}


# No transaction around the request, since opening one would fail before the view could report a
# database that is down; no CSRF check, since the view only reads and a POST gets a 405.
@transaction.non_atomic_requests
@csrf_exempt
@never_cache
@require_safe
def health(request):
    """Public, also with DASHBOARD_REQUIRE_LOGIN: load balancers call it without logging in."""
    database = check_database()
    checks = {
        "database": database,
        "broker": check_broker(),
        "digests": (
            check_digests(now=timezone.now()) if database["status"] == OK else {"status": UNKNOWN}
        ),
    }
    statuses = {check["status"] for check in checks.values()}
    healthy = statuses <= {OK, WARNING}
    overall = OK if statuses == {OK} else WARNING if healthy else ERROR
    return JsonResponse({"status": overall, "checks": checks}, status=200 if healthy else 503)
