"""What changed: the one reading of a commitment's audit trail (django-simple-history) for the
commitment's public page, the Atom feed of changes and the admin's history page.

The public reader follows registration, the status, the due date and the overdue flag; edits to
other fields (a corrected summary, say) read as a details update.
"""

import re

from django.db.models import OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject

from commitments.models import Commitment

# The fields a public change description reads from each audit record.
TRACKED_FIELDS = ["status", "due_date", "overdue_since"]


# How an accepted answer's reason named the contact before it named the ministry: "Gemeld door
# Toezeggingencoördinator JenV <toezeggingen-jenv@example.org>: ..." (or in English).
NAMED_REPORTER = re.compile(r"(?:Gemeld door|Reported by) [^<>\n]*<[^<>\s]+@[^<>\s]+>")


# How services.answers.accept writes an accepted answer's reason: stored in English since this
# change, in the clerk's language before it (Dutch or English).
MINISTRY_REPORT = re.compile(
    r"(?:Reported by the ministry|Gemeld door het ministerie) \((?P<ministry>[^()\n]*)\): "
    r"(?P<reason>.*)",
    re.DOTALL,
)


def in_reader_language(reason: str) -> str:
    """A stored reason in the reader's language: the reasons the system writes are stored in
    English (marked with gettext_noop where they are written) and translated here, so older rows
    read right too; an accepted answer's reason is rebuilt around the contact's own words; a
    clerk's own words stay as written."""
    report = MINISTRY_REPORT.fullmatch(reason)
    if report:
        return _("Reported by the ministry (%(ministry)s): %(reason)s") % {
            "ministry": report["ministry"],
            "reason": _(report["reason"]) if report["reason"] else "",
        }
    return _(reason)


def public_reason(reason: str) -> str:
    """A change reason as the public may read it, in the reader's language
    (in_reader_language): an older reason that names a ministry's contact (personal data) reads
    "reported by the ministry"; any other reason as written."""
    if not reason:
        return ""
    return in_reader_language(NAMED_REPORTER.sub(_("Reported by the ministry"), reason))


def date_or_none(value) -> str:
    """A date in the reader's language; a due date that was cleared reads as "none"."""
    return date_format(value) if value else _("none")


def tracked_changes(record, previous) -> list[str]:
    """The changes to status, due date and overdue flag between two audit records of one
    commitment, in the reader's language; empty when none of them changed."""
    changes = []
    if record.status != previous.status:
        changes.append(
            _("status %(old)s → %(new)s")
            % {
                "old": Commitment.Status(previous.status).label,
                "new": Commitment.Status(record.status).label,
            }
        )
    if record.due_date != previous.due_date:
        changes.append(
            _("due date %(old)s → %(new)s")
            % {"old": date_or_none(previous.due_date), "new": date_or_none(record.due_date)}
        )
    if record.overdue_since and not previous.overdue_since:
        changes.append(_("overdue"))
    elif previous.overdue_since and not record.overdue_since:
        changes.append(_("no longer overdue"))
    return changes


def what_changed(record, previous) -> list[str]:
    """One audit record described for a reader: registered, removed, the tracked changes
    against `previous` (the record before it, or None), or a details update."""
    if record.history_type == "+":
        return [_("registered")]
    if record.history_type == "-":
        return [_("removed")]
    if previous is None:
        return [_("details updated")]
    return tracked_changes(record, previous) or [_("details updated")]


def timeline(commitment) -> list[dict]:
    """The public history of one commitment, oldest first: its registration and every change
    of status, due date or overdue flag, each as `{"date", "changes": [str], "reason"}`."""
    records = list(
        commitment.history.only(
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            *TRACKED_FIELDS,
        ).order_by("history_date", "history_id")
    )
    events = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None or record.history_type == "+":
            changes = what_changed(record, None)
        else:
            changes = tracked_changes(record, previous)
        if changes:
            events.append(
                {
                    "id": record.history_id,
                    "date": record.history_date,
                    "changes": changes,
                    "reason": public_reason(record.history_change_reason),
                }
            )
    return events


def previous_record_id():
    """The history_id of the record just before this one for the same commitment, in the order
    the timeline uses, so that a change can be described."""
    earlier = (
        Commitment.history.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return Subquery(earlier)


def recent_changes(limit: int, commitments=None) -> list:
    """The latest `limit` audit records, newest first, each with `.changes` (what_changed) and
    its reason as the public may read it (public_reason): two queries, however many records.
    `commitments`, a queryset of commitments, keeps the records of those only."""
    history = Commitment.history.all()
    if commitments is not None:
        history = history.filter(id__in=commitments.order_by().values("pk"))
    records = list(
        history.select_related("ministry")
        .only(
            "history_id",
            "history_date",
            "history_type",
            "history_change_reason",
            "id",
            "number",
            "summary",
            "ministry__name",
            *TRACKED_FIELDS,
        )
        .annotate(previous_id=previous_record_id())
        .order_by("-history_date", "-history_id")[:limit]
    )
    previous = Commitment.history.only("history_id", *TRACKED_FIELDS).in_bulk(
        [record.previous_id for record in records if record.previous_id]
    )
    for record in records:
        record.changes = what_changed(record, previous.get(record.previous_id))
        record.history_change_reason = public_reason(record.history_change_reason)
    return records


def addressees_by_record(records, *, relation: str, related: str, with_it=()) -> dict:
    """Per audit record id, the addressees of one many-to-many `relation` of the commitment
    (`made_to` → `member`), as simple-history's changes hold them: `[{related: object}]`, sorted
    as it sorts them. One query for all `records`; an addressee deleted since is shown by id."""
    through = getattr(Commitment.history.model, relation).model
    rows = (
        through._default_manager.filter(history__in=records)
        .select_related(related, *with_it)
        .order_by(related)
    )
    by_record = {}
    for row in rows:
        obj = getattr(row, related) or DeletedObject(
            through._meta.get_field(related).related_model, getattr(row, f"{related}_id")
        )
        by_record.setdefault(row.history_id, []).append({related: obj})
    return by_record
