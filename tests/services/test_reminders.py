"""Reminder digests end to end through the services, delivered to a real SMTP server."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment, Contact, Digest, Reminder
from commitments.services import commitments as services
from commitments.services import reminders
from tests.factories import CommitmentFactory, ContactFactory, DocumentFactory, MinistryFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUE = datetime.date(2024, 7, 4)


def morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=AMSTERDAM)


def days(start: datetime.date, end: datetime.date):
    while start <= end:
        yield start
        start += datetime.timedelta(days=1)


def run_on(day: datetime.date):
    """The daily run as beat starts it at 07:00, followed by delivery."""
    with time_machine.travel(morning(day), tick=False):
        reminders.prepare_reminders()
        return reminders.deliver_pending()


def numbers_in(message) -> set[str]:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return {word for word in body.split() if word.startswith("TL")}


@pytest.fixture
def ministry():
    return MinistryFactory()


@pytest.fixture
def contact(ministry):
    return ContactFactory(ministry=ministry, email="coordinator@example.org")


def test_it_reminds_before_on_and_after_the_due_date(smtp_server, ministry, contact):
    commitment = CommitmentFactory(ministry=ministry, due_date=DUE)

    for day in days(datetime.date(2024, 6, 1), datetime.date(2024, 8, 1)):
        run_on(day)

    sent = list(
        Reminder.objects.filter(commitment=commitment, contact=contact)
        .order_by("scheduled_for")
        .values_list("kind", "scheduled_for", "state")
    )
    assert sent == [
        ("upcoming", datetime.date(2024, 6, 20), "sent"),
        ("upcoming", datetime.date(2024, 7, 3), "sent"),
        ("due", datetime.date(2024, 7, 4), "sent"),
        ("overdue", datetime.date(2024, 7, 5), "sent"),
        ("nag", datetime.date(2024, 7, 19), "sent"),
    ]
    assert len(smtp_server.to("coordinator@example.org")) == 5


def test_it_sends_one_digest_for_five_commitments(smtp_server, ministry, contact):
    due = CommitmentFactory.create_batch(5, ministry=ministry, due_date=DUE)

    run_on(DUE)

    [message] = smtp_server.to("coordinator@example.org")
    assert numbers_in(message) == {commitment.number for commitment in due}
    assert Digest.objects.get().reminders.count() == 5


def test_it_tells_the_contact_what_and_when_in_dutch_with_links(smtp_server, ministry, contact):
    commitment = CommitmentFactory(
        ministry=ministry,
        due_date=DUE,
        deadline_phrase="voor de zomer",
        summary="Brief over de voortgang van het programma",
    )

    run_on(datetime.date(2024, 7, 14))

    [message] = smtp_server.to("coordinator@example.org")
    assert message["Subject"] == "Toezeggingen: 1 vraagt uw aandacht (14 juli 2024)"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert commitment.number in body
        assert "Brief over de voortgang van het programma" in body
        assert "4 juli 2024" in body
        assert "10 dagen te laat" in body
        assert "voor de zomer" in body
        assert f"http://127.0.0.1:8000/commitments/{commitment.number}/" in body


def test_it_sends_nothing_new_when_run_again(smtp_server, ministry, contact):
    CommitmentFactory.create_batch(2, ministry=ministry, due_date=DUE)

    run_on(DUE)
    again = run_on(DUE)
    with time_machine.travel(morning(DUE) + datetime.timedelta(hours=5), tick=False):
        reminders.prepare_reminders()
        reminders.deliver_pending()

    assert again == {}
    assert len(smtp_server.messages) == 1
    assert Reminder.objects.count() == 2


def test_it_escalates_to_the_senior_contact_after_sixty_days_overdue(
    smtp_server, ministry, contact
):
    ContactFactory(ministry=ministry, email="director@example.org", is_senior=True)
    CommitmentFactory(ministry=ministry, due_date=DUE)
    overdue_since = DUE + datetime.timedelta(days=1)

    run_on(overdue_since)
    run_on(overdue_since + datetime.timedelta(days=59))
    assert smtp_server.to("director@example.org") == []

    run_on(overdue_since + datetime.timedelta(days=60))
    [escalation] = smtp_server.to("director@example.org")
    assert "te laat" in escalation.get_body(preferencelist=("plain",)).get_content()


def test_it_writes_to_the_senior_contact_when_the_ministry_has_no_other(smtp_server, ministry):
    ContactFactory(ministry=ministry, email="director@example.org", is_senior=True)
    ContactFactory(ministry=ministry, email="gone@example.org", is_active=False)
    CommitmentFactory(ministry=ministry, due_date=DUE)

    run_on(DUE)

    assert len(smtp_server.to("director@example.org")) == 1
    assert smtp_server.to("gone@example.org") == []


def test_it_writes_only_to_the_owning_ministry(smtp_server, ministry, contact):
    ContactFactory(email="elsewhere@example.org")
    CommitmentFactory(ministry=ministry, due_date=DUE)

    run_on(DUE)

    assert [m["To"] for m in smtp_server.messages] == ["coordinator@example.org"]


def test_it_sends_no_reminder_for_a_commitment_fulfilled_before_it_goes_out(
    smtp_server, ministry, contact
):
    fulfilled, still_open = CommitmentFactory.create_batch(2, ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE), tick=False):
        reminders.prepare_reminders()
        services.fulfil_commitments(
            commitments=[fulfilled],
            document=DocumentFactory(),
            fulfilled_on=DUE,
            user=None,
        )
        reminders.deliver_pending()

    [message] = smtp_server.messages
    assert numbers_in(message) == {still_open.number}
    assert Reminder.objects.get(commitment=fulfilled).state == Reminder.State.CANCELLED


def test_it_sends_no_email_when_nothing_is_left_to_remind(smtp_server, ministry, contact):
    commitment = CommitmentFactory(ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE), tick=False):
        reminders.prepare_reminders()
        services.lapse_commitments(commitments=[commitment], user=None, reason="Vervallen")
        assert reminders.deliver_pending() == {reminders.Outcome.NOTHING_LEFT: 1}

    assert smtp_server.messages == []
    assert Digest.objects.get().state == Digest.State.CANCELLED


def test_it_retries_while_the_smtp_server_is_down_and_delivers_once_when_it_is_back(
    smtp_server, ministry, contact
):
    CommitmentFactory(ministry=ministry, due_date=DUE)
    smtp_server.stop()

    with time_machine.travel(morning(DUE), tick=False) as clock:
        reminders.prepare_reminders()
        assert reminders.deliver_pending() == {reminders.Outcome.RETRY: 1}
        digest = Digest.objects.get()
        assert digest.state == Digest.State.PENDING
        assert digest.attempts == 1
        assert "ConnectionRefusedError" in digest.last_error
        assert digest.next_attempt_at == morning(DUE) + datetime.timedelta(seconds=60)

        # Not yet time for the next attempt: nothing is tried.
        assert reminders.deliver_pending() == {}
        clock.shift(datetime.timedelta(seconds=61))
        assert reminders.deliver_pending() == {reminders.Outcome.RETRY: 1}
        digest.refresh_from_db()
        assert digest.next_attempt_at == morning(DUE) + datetime.timedelta(seconds=61 + 120)

        smtp_server.start()
        clock.shift(datetime.timedelta(seconds=121))
        assert reminders.deliver_pending() == {reminders.Outcome.SENT: 1}
        clock.shift(datetime.timedelta(hours=1))
        assert reminders.deliver_pending() == {}

    assert len(smtp_server.messages) == 1
    digest.refresh_from_db()
    assert (digest.state, digest.attempts) == (Digest.State.SENT, 3)
    assert Reminder.objects.get().state == Reminder.State.SENT


def test_it_gives_up_after_the_last_attempt_and_says_why(smtp_server, settings, ministry, contact):
    settings.REMINDERS = {**settings.REMINDERS, "MAX_ATTEMPTS": 2}
    CommitmentFactory(ministry=ministry, due_date=DUE)
    smtp_server.stop()

    with time_machine.travel(morning(DUE), tick=False) as clock:
        reminders.prepare_reminders()
        reminders.deliver_pending()
        clock.shift(datetime.timedelta(minutes=5))
        assert reminders.deliver_pending() == {reminders.Outcome.FAILED: 1}

    digest = Digest.objects.get()
    assert digest.state == Digest.State.FAILED
    assert "ConnectionRefusedError" in digest.last_error
    assert Reminder.objects.get().state == Reminder.State.FAILED


def test_it_does_not_retry_an_address_the_server_refuses(smtp_server, ministry, contact):
    smtp_server.refused.add("coordinator@example.org")
    CommitmentFactory(ministry=ministry, due_date=DUE)

    assert run_on(DUE) == {reminders.Outcome.FAILED: 1}

    digest = Digest.objects.get()
    assert digest.state == Digest.State.FAILED
    assert "550" in digest.last_error


def test_it_shows_a_digest_whose_sender_vanished_as_in_doubt_and_never_resends_it_alone(
    smtp_server, ministry, contact
):
    CommitmentFactory(ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE), tick=False) as clock:
        reminders.prepare_reminders()
        # A sender claimed the digest and died before recording the outcome.
        Digest.objects.update(
            state=Digest.State.SENDING,
            attempts=1,
            lease_expires_at=morning(DUE) + datetime.timedelta(minutes=10),
        )
        assert list(Digest.objects.in_doubt()) == []

        clock.shift(datetime.timedelta(minutes=11))
        [digest] = Digest.objects.in_doubt()
        assert reminders.deliver_pending() == {}
        reminders.prepare_reminders()
        assert reminders.deliver_pending() == {}
        assert smtp_server.messages == []

        # A clerk decides it did not arrive: it goes out once more, once.
        assert reminders.settle_digests(digest_ids=[digest.pk], delivered=False) == 1
        assert reminders.deliver_pending() == {reminders.Outcome.SENT: 1}
        assert reminders.deliver_pending() == {}

    assert len(smtp_server.messages) == 1


def test_it_lets_a_clerk_settle_a_digest_in_doubt_as_delivered(smtp_server, ministry, contact):
    CommitmentFactory(ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE), tick=False) as clock:
        reminders.prepare_reminders()
        Digest.objects.update(
            state=Digest.State.SENDING, lease_expires_at=morning(DUE) + datetime.timedelta(1)
        )
        # Not yet in doubt: a sender may still be at work, so it cannot be settled.
        assert reminders.settle_digests(digest_ids=Digest.objects.values("pk"), delivered=True) == 0
        clock.shift(datetime.timedelta(days=2))
        assert reminders.settle_digests(digest_ids=Digest.objects.values("pk"), delivered=True) == 1

    assert Digest.objects.get().state == Digest.State.SENT
    assert Reminder.objects.get().state == Reminder.State.SENT
    assert smtp_server.messages == []


def test_it_keeps_reminders_queued_after_the_days_digest_for_the_next_day(
    smtp_server, ministry, contact
):
    CommitmentFactory(ministry=ministry, due_date=DUE)
    run_on(DUE)
    late = CommitmentFactory(ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE) + datetime.timedelta(hours=8), tick=False):
        reminders.prepare_reminders()
        assert reminders.deliver_pending() == {}

    run_on(DUE + datetime.timedelta(days=1))

    first, second = smtp_server.messages
    assert late.number not in numbers_in(first)
    assert late.number in numbers_in(second)


def test_it_sends_a_reminder_bundled_onto_a_digest_as_it_went_out_with_the_next_one(
    smtp_server, ministry, contact
):
    """Tried: a reminder attached to today's digest after that digest was sent."""
    first = CommitmentFactory(ministry=ministry, due_date=DUE)
    run_on(DUE)
    late = CommitmentFactory(ministry=ministry, due_date=DUE)
    Reminder.objects.create(
        contact=contact,
        commitment=late,
        kind=Reminder.Kind.DUE,
        due_date=DUE,
        scheduled_for=DUE,
        created_on=DUE,
        digest=Digest.objects.get(),
    )

    run_on(DUE + datetime.timedelta(days=1))

    first_mail, second_mail = smtp_server.messages
    assert numbers_in(first_mail) == {first.number}
    assert late.number in numbers_in(second_mail)


def test_it_queues_with_a_constant_number_of_queries(ministry, contact):
    counts = []
    for batch in (2, 20):
        CommitmentFactory.create_batch(batch, ministry=ministry, due_date=DUE)
        Reminder.objects.all().delete()
        Digest.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            reminders.prepare_reminders(today=DUE)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert Reminder.objects.count() == 22


def test_it_flags_the_seed_letter_and_sends_the_jenv_contact_one_digest(smtp_server, capsys):
    call_command("load_seed")
    dated = set(Commitment.objects.filter(due_date__isnull=False).values_list("number", flat=True))

    call_command("send_reminders")

    assert (
        set(Commitment.objects.filter(overdue_since__isnull=False).values_list("number", flat=True))
        == dated
    )
    jenv = Contact.objects.get(ministry__abbreviation="JenV")
    [message] = smtp_server.to(jenv.email)
    assert numbers_in(message) == dated
    assert len(smtp_server.messages) == 1
    assert "digests sent: 1" in capsys.readouterr().out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_sends_a_digest_once_when_two_senders_race(smtp_server, ministry, contact):
    CommitmentFactory.create_batch(3, ministry=ministry, due_date=DUE)
    with time_machine.travel(morning(DUE), tick=False):
        reminders.prepare_reminders()
    digest = Digest.objects.get()
    start = threading.Barrier(4)
    outcomes, errors = [], []

    def send():
        try:
            start.wait(5)
            with transaction.atomic():
                outcomes.append(reminders.deliver_digest(digest_id=digest.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    senders = [threading.Thread(target=send) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(30)

    assert errors == []
    assert sorted(outcomes) == ["not_claimed", "not_claimed", "not_claimed", "sent"]
    assert len(smtp_server.messages) == 1
