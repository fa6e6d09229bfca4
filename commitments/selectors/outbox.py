"""Reads over the reminder outbox for clerks: the rappel's who-answered report."""

import datetime

from django.db.models import Exists, OuterRef

from commitments.models import Commitment, ContactResponse, Reminder


def latest_rappel_day() -> datetime.date | None:
    """The day of the latest rappel queued, or None before the first."""
    return (
        Reminder.objects.filter(kind=Reminder.Kind.RAPPEL)
        .order_by("-scheduled_for")
        .values_list("scheduled_for", flat=True)
        .first()
    )


def rappel_by_ministry(day: datetime.date) -> dict:
    """{ministry: [commitment, ...]} for the rappel of `day`: each commitment it listed, by
    ministry name and then due date and number, with `answered` set when the ministry has
    answered for it through its link since that day."""
    listed = Reminder.objects.filter(
        kind=Reminder.Kind.RAPPEL, scheduled_for=day, commitment=OuterRef("pk")
    )
    answered = ContactResponse.objects.filter(commitment=OuterRef("pk"), created_at__date__gte=day)
    ministries = {}
    for commitment in (
        Commitment.objects.filter(Exists(listed))
        .select_related("ministry")
        .annotate(answered=Exists(answered))
        .order_by("ministry__name", "due_date", "number")
    ):
        ministries.setdefault(commitment.ministry, []).append(commitment)
    return ministries
