"""Status and deadline changes that clerks make, shared by the admin and (later) the API.

Each service checks every selected commitment first and changes all of them or none, so a clerk
never ends up with half a selection changed. The audit trail gets one entry per commitment with
the clerk as author and the clerk's reason.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from commitments.models import Commitment, Document


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
    bulk_update_with_history(
        commitments,
        Commitment,
        fields=[*fields, "updated_at"],
        default_user=user,
        default_change_reason=reason,
    )


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
        if commitment.due_precision == Commitment.Precision.NONE:
            commitment.due_precision = Commitment.Precision.DAY
        # A commitment given a date still to come is no longer overdue.
        if new_due_date >= today:
            commitment.overdue_since = None
    _save_with_history(
        locked,
        fields=["due_date", "due_precision", "original_due_date", "overdue_since"],
        user=user,
        reason=reason,
    )
    return len(locked)
