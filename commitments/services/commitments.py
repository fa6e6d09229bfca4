"""Writes to commitments: registering one (and numbering it), and the status and deadline
changes clerks make, shared by the admin, the API, the letter import and the seed.

Each status service checks every selected commitment first and changes all of them or none, so a
clerk never ends up with half a selection changed. The audit trail gets one entry per commitment
with the clerk as author and the clerk's reason.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Commitment, Document
from commitments.models.commitments import precision_of
from commitments.services.history import bulk_update_with_history, record_addressees
from commitments.services.numbering import allocate_number, reserve_number
from commitments.services.overdue import refresh_overdue


def number_commitment(commitment: Commitment) -> None:
    """Give a new commitment its number: the next of our series for the month it was made in
    (services/numbering.py). One that came with a number keeps it: a chamber's number as given,
    and one of our own series moves that month's counter past it, so it is never handed out
    again."""
    if commitment.number:
        reserve_number(commitment.number)
    else:
        commitment.number = allocate_number(made_on=commitment.made_on)


@transaction.atomic
def register_commitment(
    *,
    commitment: Commitment,
    user=None,
    reason: str = "",
    made_to=(),
    made_to_parties=(),
) -> Commitment:
    """Register a new (unsaved) commitment: validate it, number it, save it with one audit entry
    by `user` (None: the system) with `reason`, and set the members and parties it was made to.
    Returns the saved commitment; raises ValidationError, with nothing saved, when it is
    invalid."""
    commitment.full_clean()
    number_commitment(commitment)
    commitment._history_user = user
    commitment._change_reason = reason
    commitment.save()
    set_addressees_on_creation(commitment, made_to=made_to, made_to_parties=made_to_parties)
    if refresh_overdue([commitment.pk]).flagged:
        commitment.refresh_from_db(fields=["overdue_since"])
    return commitment


def set_addressees_on_creation(commitment: Commitment, *, made_to=(), made_to_parties=()) -> None:
    """Set the members and parties a just-created `commitment` was made to, recorded in its
    creation's audit row (addressees_in_creation_record)."""
    if not made_to and not made_to_parties:
        return
    with addressees_in_creation_record(commitment):
        if made_to:
            commitment.made_to.set(made_to)
        if made_to_parties:
            commitment.made_to_parties.set(made_to_parties)


@contextlib.contextmanager
def addressees_in_creation_record(commitment: Commitment):
    """While the block sets a just-created `commitment`'s addressees, simple-history writes no
    audit row for each relation set (read in the Atom feed as a second change in the same
    second); after it, the creation's audit row gets the addressees the commitment then has."""
    commitment.skip_history_when_saving = True
    try:
        yield
    finally:
        del commitment.skip_history_when_saving
    creation = commitment.history.filter(history_type="+").values_list("history_id", flat=True)
    record_addressees(history_ids=list(creation))


def _lock_open_commitments(commitments, *, action: str) -> list[Commitment]:
    locked = list(
        Commitment.objects.filter(pk__in=[c.pk for c in commitments])
        .select_for_update()
        .order_by("pk")
    )
    closed = [c.number for c in locked if c.status not in Commitment.OPEN_STATUSES]
    if closed:
        raise ValidationError(
            _("Only open or partially fulfilled commitments can be %(action)s: %(numbers)s.")
            % {"action": action, "numbers": ", ".join(closed)}
        )
    return locked


def _save_with_history(commitments, *, fields, user, reason):
    # A bulk update skips auto_now, and the export's GewijzigdOp reads updated_at.
    now = timezone.now()
    for commitment in commitments:
        commitment.updated_at = now
        commitment.full_clean()
    bulk_update_with_history(commitments, fields=[*fields, "updated_at"], user=user, reason=reason)


@transaction.atomic
def fulfil_commitments(
    *,
    commitments,
    document: Document,
    fulfilled_on: datetime.date,
    user,
    reason: str = "",
) -> int:
    """Mark commitments fulfilled by `document` on `fulfilled_on`."""
    locked = _lock_open_commitments(commitments, action=_("marked fulfilled"))
    for commitment in locked:
        commitment.status = Commitment.Status.FULFILLED
        commitment.fulfilled_by = document
        commitment.fulfilled_on = fulfilled_on
        commitment.overdue_since = None
    _save_with_history(
        locked,
        fields=["status", "fulfilled_by", "fulfilled_on", "overdue_since"],
        user=user,
        reason=reason,
    )
    return len(locked)


@transaction.atomic
def lapse_commitments(*, commitments, user, reason: str) -> int:
    """Mark commitments lapsed (vervallen): they are no longer owed."""
    if not reason.strip():
        raise ValidationError(_("Give the reason why the commitments lapse."))
    locked = _lock_open_commitments(commitments, action=_("marked lapsed"))
    for commitment in locked:
        commitment.status = Commitment.Status.LAPSED
        commitment.overdue_since = None
    _save_with_history(locked, fields=["status", "overdue_since"], user=user, reason=reason)
    return len(locked)


@transaction.atomic
def extend_deadline(*, commitments, new_due_date: datetime.date, user, reason: str) -> int:
    """Give commitments a later due date; the original due date stays as it was."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the new deadline."))
    locked = _lock_open_commitments(commitments, action=_("given a new deadline"))
    earlier = [c.number for c in locked if c.due_date is not None and new_due_date <= c.due_date]
    if earlier:
        raise ValidationError(
            _("The new due date must lie after the current one: %(numbers)s.")
            % {"numbers": ", ".join(earlier)}
        )
    today = timezone.localdate()
    for commitment in locked:
        if commitment.original_due_date is None:
            commitment.original_due_date = new_due_date
        commitment.due_date = new_due_date
        commitment.due_precision = precision_of(new_due_date, commitment.due_precision)
        # A commitment given a date still to come is no longer overdue.
        if new_due_date >= today:
            commitment.overdue_since = None
    _save_with_history(
        locked,
        fields=["due_date", "due_precision", "original_due_date", "overdue_since"],
        user=user,
        reason=reason,
    )
    # A new due date that has passed too: overdue since the day after it.
    refresh_overdue([commitment.pk for commitment in locked])
    return len(locked)
