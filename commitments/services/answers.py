"""Answers from ministry contacts: recorded once, then accepted or rejected by a clerk."""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from commitments.models import Commitment, Contact, ContactResponse, Document
from commitments.references import parse_kamerstuk
from commitments.services import commitments as services

logger = logging.getLogger(__name__)


def open_commitments_of(contact: Contact):
    """What a contact may see and answer for: the open commitments of its own ministry."""
    return (
        Commitment.objects.open()
        .filter(ministry=contact.ministry_id)
        .select_related("official")
        .order_by("due_date", "number")
    )


# A link answers for a person, not a script: at most this many of its answers on one
# commitment wait for the clerks at once, and an explanation is at most this many characters.
MAX_PENDING_PER_COMMITMENT = 5
REASON_MAX_CHARS = 2000


def record(*, contact: Contact, commitment: Commitment, submission: uuid.UUID, **answer) -> bool:
    """Record an answer; False when this very form was recorded before (a repeated POST).

    ValidationError when the commitment is another ministry's, the explanation (`reason`) is
    longer than REASON_MAX_CHARS characters, or MAX_PENDING_PER_COMMITMENT answers of this
    contact on this commitment already wait for the clerks."""
    if commitment.ministry_id != contact.ministry_id:
        raise ValidationError(_("This commitment is not one of your ministry's."))
    if len(answer.get("reason") or "") > REASON_MAX_CHARS:
        raise ValidationError(
            _("Keep the explanation to %(limit)d characters.") % {"limit": REASON_MAX_CHARS}
        )
    try:
        with transaction.atomic():
            # The contact's row is locked so that two answers posted at once count each other.
            Contact.objects.select_for_update().filter(pk=contact.pk).first()
            if ContactResponse.objects.filter(submission=submission).exists():
                return False
            pending = ContactResponse.objects.filter(
                contact=contact, commitment=commitment, state=ContactResponse.State.PENDING
            ).count()
            if pending >= MAX_PENDING_PER_COMMITMENT:
                raise ValidationError(
                    _(
                        "%(count)d answers on %(number)s are waiting for the clerks already; "
                        "wait for their decision."
                    )
                    % {"count": pending, "number": commitment.number}
                )
            ContactResponse.objects.create(
                contact=contact, commitment=commitment, submission=submission, **answer
            )
    except IntegrityError:
        # The same form posted twice at once: the other request recorded it.
        return False
    return True


def _fulfilling_document(response: ContactResponse) -> Document:
    """The document the contact named, found by its Kamerstuk number or registered now."""
    kamerstuk = parse_kamerstuk(response.document_reference)
    if kamerstuk is None:
        raise ValidationError(
            _("'%(reference)s' is not a Kamerstuk number such as 28 638, nr. 213.")
            % {"reference": response.document_reference}
        )
    document, _created = Document.objects.get_or_create(
        dossier_number=kamerstuk.dossier,
        document_number=kamerstuk.number,
        defaults={
            "kind": Document.Kind.LETTER,
            "date": response.document_date or timezone.localdate(),
            "title": str(kamerstuk),
            "url": response.document_url,
        },
    )
    return document


@transaction.atomic
def accept(*, response: ContactResponse, clerk) -> None:
    """Apply a contact's answer to its commitment, with the ministry and the clerk in the audit
    trail, and confirm it to the contact.

    The audit trail's reason is public (the commitment page, the Atom feed), so it names the
    ministry, never the contact: a contact's name and address are personal data. Who answered
    stays on the answer itself, in the clerks' admin."""
    response = (
        ContactResponse.objects.select_for_update()
        .select_related("contact__ministry", "commitment")
        .get(pk=response.pk)
    )
    if response.state != ContactResponse.State.PENDING:
        raise ValidationError(_("This answer was decided already."))
    reason = _("Reported by the ministry (%(ministry)s): %(reason)s") % {
        "ministry": response.contact.ministry.abbreviation,
        "reason": response.reason or response.get_kind_display(),
    }
    if response.kind == ContactResponse.Kind.FULFILLED:
        services.fulfil_commitments(
            commitments=[response.commitment],
            document=_fulfilling_document(response),
            fulfilled_on=response.document_date or timezone.localdate(),
            user=clerk,
            reason=reason,
        )
    elif response.kind == ContactResponse.Kind.NEW_DATE:
        services.extend_deadline(
            commitments=[response.commitment],
            new_due_date=response.proposed_date,
            user=clerk,
            reason=reason,
        )
    response.state = ContactResponse.State.ACCEPTED
    response.decided_by = clerk
    response.decided_at = timezone.now()
    response.save(update_fields=["state", "decided_by", "decided_at"])
    transaction.on_commit(lambda: _tell_contact(response))


@transaction.atomic
def reject(*, response: ContactResponse, clerk, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason, so the contact knows why."))
    updated = ContactResponse.objects.filter(
        pk=response.pk, state=ContactResponse.State.PENDING
    ).update(
        state=ContactResponse.State.REJECTED,
        decided_by=clerk,
        decided_at=timezone.now(),
        rejection_reason=reason,
    )
    if not updated:
        raise ValidationError(_("This answer was decided already."))
    response.refresh_from_db()
    transaction.on_commit(lambda: _tell_contact(response))


def _tell_contact(response: ContactResponse) -> None:
    """A short mail with the clerk's decision. A failure is logged, not retried: the decision
    stands, and the contact sees it on the page behind their next link."""
    context = {"response": response, "commitment": response.commitment}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("emails/decision_subject.txt", context).split())
        body = render_to_string("emails/decision.txt", context)
    try:
        send_mail(subject, body, None, [response.contact.email])
    except OSError as error:
        logger.warning("decision on response %d not mailed: %s", response.pk, error)
