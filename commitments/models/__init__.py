"""The app's models, one module per area; imported here so that Django and callers find them
as `commitments.models.X`."""

from commitments.models.answers import ContactResponse
from commitments.models.commitments import (
    Commitment,
    CommitmentQuerySet,
    CommitmentSearch,
    Document,
)
from commitments.models.numbers import FormerNumber, NumberCounter
from commitments.models.outbox import Digest, Reminder
from commitments.models.register import (
    Committee,
    Contact,
    Member,
    Ministry,
    MinistryAlias,
    Official,
    Party,
    Recess,
)
from commitments.models.sync import TkPendingLink, TkQuarantine, TkSync

__all__ = [
    "Commitment",
    "CommitmentQuerySet",
    "CommitmentSearch",
    "Committee",
    "Contact",
    "ContactResponse",
    "Digest",
    "Document",
    "FormerNumber",
    "Member",
    "Ministry",
    "MinistryAlias",
    "NumberCounter",
    "Official",
    "Party",
    "Recess",
    "Reminder",
    "TkPendingLink",
    "TkQuarantine",
    "TkSync",
]
