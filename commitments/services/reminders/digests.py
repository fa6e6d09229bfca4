"""Bundling: one digest per contact per day and kind, and the rappel's calendar of cut-off days."""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery

from commitments.models import Digest, Reminder

# Which reminders go into which kind of digest.
DIGEST_CONTENTS = {
    Digest.Kind.REMINDERS: [
        Reminder.Kind.UPCOMING,
        Reminder.Kind.DUE,
        Reminder.Kind.OVERDUE,
        Reminder.Kind.NAG,
    ],
    Digest.Kind.RAPPEL: [Reminder.Kind.RAPPEL],
}


def bundle_digests(*, today: datetime.date) -> int:
    """Attach every unbundled pending reminder to its contact's digest of today, of its kind.

    A contact whose digest of today has already gone out keeps the new reminders for tomorrow's:
    one email a day, never more. Returns the number of reminders bundled.
    """
    bundled = 0
    for digest_kind, reminder_kinds in DIGEST_CONTENTS.items():
        # Pending reminders without a digest, and the rare one bundled onto a digest just as it
        # was being sent, which that digest did not include.
        unbundled = Reminder.objects.filter(
            state=Reminder.State.PENDING, kind__in=reminder_kinds
        ).filter(
            Q(digest__isnull=True)
            | Q(digest__state__in=[Digest.State.SENT, Digest.State.CANCELLED, Digest.State.FAILED])
        )
        contact_ids = unbundled.order_by().values_list("contact_id", flat=True).distinct()
        Digest.objects.bulk_create(
            [Digest(contact_id=pk, kind=digest_kind, day=today) for pk in contact_ids],
            ignore_conflicts=True,
        )
        todays_open_digest = Digest.objects.filter(
            contact_id=OuterRef("contact_id"),
            kind=digest_kind,
            day=today,
            state=Digest.State.PENDING,
        ).values("pk")[:1]
        bundled += unbundled.filter(
            contact__digests__day=today,
            contact__digests__kind=digest_kind,
            contact__digests__state=Digest.State.PENDING,
        ).update(digest=Subquery(todays_open_digest))
    return bundled


def rappel_days(year: int) -> list[datetime.date]:
    """The rappel's cut-off days in `year` (settings.REMINDERS["RAPPEL_DAYS"]), in order."""
    return sorted(
        datetime.date(year, *map(int, month_day.split("-")))
        for month_day in settings.REMINDERS["RAPPEL_DAYS"]
    )


def next_rappel_day(after: datetime.date) -> datetime.date:
    """The first rappel cut-off after `after`: the rappel lists what falls due before it."""
    return next(
        day for day in [*rappel_days(after.year), *rappel_days(after.year + 1)] if day > after
    )
