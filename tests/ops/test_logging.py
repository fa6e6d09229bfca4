"""Structured logs: one record per sweep, reminder run, digest send and batch, with its fields."""

import datetime
import json
import logging
import logging.config
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from commitments.models import Digest
from commitments.services import reminders
from commitments.services.overdue import flag_overdue
from tests.factories import CommitmentFactory, ContactFactory
from tests.mail import free_port
from tracker.logs import KeyValueFormatter

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 7, 4)
ADDRESS = "coordinator@example.org"
SEND_FIELDS = {"digest_id", "contact_id", "reminders", "outcome", "attempt", "duration_ms"}


@pytest.fixture
def contact():
    return ContactFactory(email=ADDRESS)


def records(caplog, event):
    return [record for record in caplog.records if getattr(record, "event", None) == event]


def queue_digest(contact, *, count=3):
    """Today's digest for `contact`, with `count` commitments due today, ready to send."""
    CommitmentFactory.create_batch(count, ministry=contact.ministry, due_date=DUE)
    reminders.prepare_reminders(today=DUE)
    return Digest.objects.get(contact=contact)


def json_formatter() -> logging.Formatter:
    """The formatter LOG_FORMAT=json puts on the console, made from the settings."""
    config = dict(settings.LOGGING["formatters"]["json"])
    return logging.config.dictConfigClass(settings.LOGGING).configure_formatter(config)


def test_it_logs_one_record_per_sweep_with_its_figures(caplog):
    CommitmentFactory.create_batch(2, due_date=DUE)
    caplog.set_level(logging.INFO, logger="commitments.services.overdue")

    flag_overdue(today=DUE + datetime.timedelta(days=1))

    [record] = records(caplog, "overdue_sweep")
    assert record.name == "commitments.services.overdue"
    assert (record.flagged, record.cleared) == (2, 0)
    assert isinstance(record.duration_ms, int) and record.duration_ms >= 0


@pytest.fixture
def at_seven():
    with time_machine.travel(
        datetime.datetime(2024, 7, 4, 7, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


def test_it_logs_the_reminder_run_each_send_and_the_batch(smtp_server, contact, caplog, at_seven):
    caplog.set_level(logging.INFO, logger="commitments.services.reminders")
    digest = queue_digest(contact)

    reminders.deliver_pending()

    [run] = records(caplog, "reminder_run")
    assert (run.name, run.queued, run.bundled) == ("commitments.services.reminders.queue", 3, 3)
    [send] = records(caplog, "digest_send")
    assert {field: getattr(send, field) for field in SEND_FIELDS - {"duration_ms"}} == {
        "digest_id": digest.pk,
        "contact_id": contact.pk,
        "reminders": 3,
        "outcome": "sent",
        "attempt": 1,
    }
    assert send.duration_ms >= 0
    assert send.levelno == logging.INFO
    [batch] = records(caplog, "digest_batch")
    assert (batch.digests, batch.sent, batch.retry, batch.failed) == (1, 1, 0, 0)
    assert len(smtp_server.messages) == 1
    # The address is the contact's own: our logs name the contact by id only.
    ours = [record for record in caplog.records if record.name.startswith("commitments.")]
    assert all(ADDRESS not in json_formatter().format(record) for record in ours)


def test_it_logs_a_retry_when_the_mail_server_is_down(settings, contact, caplog, at_seven):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    queue_digest(contact)
    caplog.set_level(logging.INFO, logger="commitments.services.reminders")

    reminders.deliver_pending()

    [send] = records(caplog, "digest_send")
    assert (send.outcome, send.attempt, send.levelno) == ("retry", 1, logging.WARNING)
    assert send.error == "ConnectionRefusedError"


def test_it_logs_a_refused_address_as_failed_without_the_address(
    smtp_server, contact, caplog, at_seven
):
    smtp_server.refused.add(ADDRESS)
    queue_digest(contact)
    caplog.set_level(logging.INFO, logger="commitments.services.reminders")

    reminders.deliver_pending()

    [send] = records(caplog, "digest_send")
    assert (send.outcome, send.levelno, send.error) == (
        "failed",
        logging.ERROR,
        "SMTPRecipientsRefused",
    )
    # The clerk sees the server's answer, address and all, in the admin; the log does not.
    assert ADDRESS in Digest.objects.get().last_error
    assert ADDRESS not in json_formatter().format(send)


def test_it_logs_a_send_cut_off_before_its_outcome_as_in_doubt(
    smtp_server, contact, caplog, monkeypatch, at_seven
):
    digest = queue_digest(contact)
    caplog.set_level(logging.INFO, logger="commitments.services.reminders")

    def cut_off(message):
        raise RuntimeError("the worker's time limit")

    monkeypatch.setattr(EmailMultiAlternatives, "send", cut_off)
    with pytest.raises(RuntimeError):
        reminders.deliver_digest(digest_id=digest.pk)

    [send] = records(caplog, "digest_send")
    assert (send.outcome, send.levelno, send.digest_id) == ("in_doubt", logging.ERROR, digest.pk)
    digest.refresh_from_db()
    assert digest.state == Digest.State.SENDING


def test_it_formats_a_sweep_as_one_json_object_on_one_line(caplog):
    CommitmentFactory(due_date=DUE)
    caplog.set_level(logging.INFO, logger="commitments.services.overdue")
    flag_overdue(today=DUE + datetime.timedelta(days=1))
    [record] = records(caplog, "overdue_sweep")

    line = json_formatter().format(record)

    assert "\n" not in line
    fields = json.loads(line)
    assert fields["level"] == "INFO"
    assert fields["logger"] == "commitments.services.overdue"
    assert fields["event"] == "overdue_sweep"
    assert (fields["flagged"], fields["cleared"]) == (1, 0)
    assert isinstance(fields["duration_ms"], int)
    assert datetime.datetime.fromisoformat(fields["time"]).tzinfo is not None
    assert "overdue sweep on 2024-07-05" in fields["message"]


def test_it_writes_json_lines_on_the_console_when_log_format_is_json():
    """A fresh process with LOG_FORMAT=json, as a worker or web server starts."""
    script = (
        "import django, logging; django.setup(); "
        "log = logging.getLogger('commitments.services.reminders'); "
        "log.info('digest 7: sent', extra={'event': 'digest_send', 'digest_id': 7, "
        "'outcome': 'sent'}); "
        "log.warning('digest 8: retry', extra={'event': 'digest_send', 'digest_id': 8, "
        "'outcome': 'retry'})"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    # Every line is JSON, other apps' too; ours are the ones to check.
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    ours = [line for line in lines if line["logger"] == "commitments.services.reminders"]
    assert [(line["digest_id"], line["outcome"], line["level"]) for line in ours] == [
        (7, "sent", "INFO"),
        (8, "retry", "WARNING"),
    ]


def test_it_writes_readable_key_value_lines_by_default(caplog):
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "text"
    CommitmentFactory(due_date=DUE)
    caplog.set_level(logging.INFO, logger="commitments.services.overdue")
    flag_overdue(today=DUE + datetime.timedelta(days=1))
    [record] = records(caplog, "overdue_sweep")

    line = KeyValueFormatter().format(record)

    assert (
        " INFO commitments.services.overdue overdue sweep on 2024-07-05: 1 flagged, 0 cleared "
        in line
    )
    assert "event=overdue_sweep today=2024-07-05 flagged=1 cleared=0 duration_ms=" in line
