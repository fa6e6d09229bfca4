"""Reminders and a commitment withdrawn from the Tweede Kamer's register (tests/withdrawn.py):
nobody is reminded of what is no longer owed."""

import datetime

import pytest

from commitments.models import Reminder
from commitments.services import reminders
from tests.withdrawn import DUE, withdrawn_register

pytestmark = pytest.mark.django_db


def test_it_sends_a_ministry_contact_no_reminder_about_a_withdrawn_commitment(settings):
    """The ministry's contact is the one who would be reminded. Tried: the daily run on every
    day from before the first 'upcoming' reminder, through the due date, to past the first nag,
    and the rappel."""
    register = withdrawn_register()
    config = settings.REMINDERS
    day = DUE - datetime.timedelta(days=max(config["UPCOMING_DAYS"]) + 1)
    last = DUE + datetime.timedelta(days=config["NAG_EVERY_DAYS"] + 2)
    while day <= last:
        reminders.prepare_reminders(today=day)
        day += datetime.timedelta(days=1)
    reminders.prepare_rappel(cutoff=DUE)

    assert not Reminder.objects.filter(commitment=register.withdrawn).exists()
    kinds = set(
        Reminder.objects.filter(commitment=register.owed, contact=register.contact).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {
        Reminder.Kind.UPCOMING,
        Reminder.Kind.DUE,
        Reminder.Kind.OVERDUE,
        Reminder.Kind.NAG,
        Reminder.Kind.RAPPEL,
    }
