"""The twice-yearly rappel: one mail per contact through the outbox, sent once."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Commitment, Contact, ContactResponse, Digest
from commitments.services.reminders import next_rappel_day

pytestmark = pytest.mark.django_db

OVERDUE_SEED = {"TL202211-002", "TL202211-003", "TL202211-004", "TL202211-006"}


def numbers_in(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    return {word for word in body.split() if word.startswith("TL")}


def test_it_sends_the_seed_rappel_of_1_july_2023_once(seed, smtp_server, capsys):
    call_command("send_rappel", "--date", "2023-07-01")
    call_command("send_rappel", "--date", "2023-07-01")

    jenv = Contact.objects.get(ministry__abbreviation="JenV")
    [mail] = smtp_server.to(jenv.email)
    assert numbers_in(mail) == OVERDUE_SEED
    assert "Rappel van 1 juli 2023" in mail["Subject"]
    assert "/respond/" in mail.get_body(preferencelist=("plain",)).get_content()
    assert len(smtp_server.messages) == 1
    assert Digest.objects.get().kind == Digest.Kind.RAPPEL
    assert "mails sent: 0" in capsys.readouterr().out.splitlines()[-1]


def test_it_lists_what_falls_due_before_the_next_cut_off_and_not_after(seed, smtp_server):
    """On 1 January 2023 the programme review (due 20 June 2023) falls before 1 July 2023."""
    call_command("send_rappel", "--date", "2023-01-01")
    [mail] = smtp_server.messages
    assert numbers_in(mail) == OVERDUE_SEED

    Commitment.objects.filter(number="TL202211-006").update(
        due_date=datetime.date(2023, 8, 1), overdue_since=None
    )
    call_command("send_rappel", "--date", "2023-01-02")
    second = smtp_server.messages[-1]
    assert "TL202211-006" not in numbers_in(second)


def test_it_comes_on_its_own_beside_the_days_reminder_digest(seed, smtp_server):
    call_command("send_reminders")
    call_command("send_rappel", "--date", "2023-07-01")
    kinds = sorted(Digest.objects.values_list("kind", flat=True))
    assert kinds == [Digest.Kind.RAPPEL, Digest.Kind.REMINDERS]


def test_it_refuses_a_wrong_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_rappel", "--date", "1 juli")


def test_it_knows_the_next_cut_off():
    assert next_rappel_day(datetime.date(2023, 7, 1)) == datetime.date(2024, 1, 1)
    assert next_rappel_day(datetime.date(2023, 1, 1)) == datetime.date(2023, 7, 1)
    assert next_rappel_day(datetime.date(2023, 12, 31)) == datetime.date(2024, 1, 1)


def test_it_is_scheduled_by_beat_on_1_january_and_1_july():
    schedules = [
        entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "commitments.tasks.send_rappel"
    ]
    assert schedules == [
        crontab(minute="0", hour="7", day_of_month="1", month_of_year="1"),
        crontab(minute="0", hour="7", day_of_month="1", month_of_year="7"),
    ]


def test_it_shows_clerks_who_answered_and_who_did_not(seed, smtp_server, clerk_client):
    call_command("send_rappel", "--date", "2023-07-01")
    jenv = Contact.objects.get(ministry__abbreviation="JenV")
    ContactResponse.objects.create(
        submission="00000000-0000-0000-0000-000000000001",
        contact=jenv,
        commitment=Commitment.objects.get(number="TL202211-002"),
        kind=ContactResponse.Kind.FORECAST,
        proposed_date=datetime.date(2023, 9, 1),
    )
    url = reverse("admin:commitments_digest_rappel", args=["2023-07-01"])

    response = clerk_client.get(url)

    [(ministry, listed)] = response.context["ministries"].items()
    assert ministry.abbreviation == "JenV"
    assert {c.number: c.answered for c in listed} == {
        "TL202211-002": True,
        "TL202211-003": False,
        "TL202211-004": False,
        "TL202211-006": False,
    }
    assert clerk_client.get(reverse("admin:commitments_digest_changelist")).status_code == 200
