"""Reminders: queue them in the outbox, bundle them into one digest per contact per day, deliver.

The outbox is the source of truth. `queue` puts what falls due into it (the daily run and the
rappel), `digests` bundles it per contact and day, `messages` renders the email and `delivery`
sends each digest at most once and records the outcome. What other code calls is imported here.
"""

from commitments.services.reminders.delivery import (
    Outcome,
    deliver_digest,
    deliver_digests,
    deliver_pending,
    deliverable_digest_ids,
    settle_digests,
)
from commitments.services.reminders.digests import bundle_digests, next_rappel_day
from commitments.services.reminders.queue import (
    ReminderRun,
    prepare_rappel,
    prepare_reminders,
    queue_reminders,
)

__all__ = [
    "Outcome",
    "ReminderRun",
    "bundle_digests",
    "deliver_digest",
    "deliver_digests",
    "deliver_pending",
    "deliverable_digest_ids",
    "next_rappel_day",
    "prepare_rappel",
    "prepare_reminders",
    "queue_reminders",
    "settle_digests",
]
