"""Signed links for ministry contacts, who have no account.

A link carries the contact's id, the ministry it was sent for and the contact's link version,
signed with a salt used for nothing else and stamped with the time it was made:
`{"contact": int, "ministry": int, "version": int}`. It works for REMINDERS["LINK_DAYS"] days,
only while the contact is active, still belongs to that ministry and has that link version. A
clerk revokes a contact's links by raising the version (`revoke`); a deactivation raises it too
(`Contact.save`). Links made before the ministry and version were signed in are refused.
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Contact

logger = logging.getLogger(__name__)

SALT = "commitments.contact-response"


class LinkRefused(Exception):
    """The link cannot be used; the message says why, in words a contact understands."""


def token_for(contact: Contact) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"contact": contact.pk, "ministry": contact.ministry_id, "version": contact.link_version}
    )


def url_for(contact: Contact) -> str:
    path = reverse("contact-response", kwargs={"token": token_for(contact)})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def contact_for(token: str) -> Contact:
    """The contact a link was sent to; LinkRefused when it is expired, not ours, revoked, made
    for another ministry than the contact's own now, or its contact is inactive."""
    max_age = datetime.timedelta(days=settings.REMINDERS["LINK_DAYS"])
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkRefused(
            _("This link has expired. The next reminder brings a new one.")
        ) from error
    except (signing.BadSignature, ValueError) as error:
        # A ValueError comes from a well-signed value without a timestamp: not one of our links.
        raise LinkRefused(
            _("This link is not valid. Use the link in the email as sent.")
        ) from error
    if not isinstance(payload, dict):
        raise LinkRefused(_("This link is not valid. Use the link in the email as sent."))
    contact = Contact.objects.select_related("ministry").filter(pk=payload.get("contact")).first()
    if contact is None or not contact.is_active:
        raise LinkRefused(_("This link no longer works: the address it was sent to is inactive."))
    # A link from before the ministry and version were signed in has neither: refused as well.
    if (
        payload.get("ministry") != contact.ministry_id
        or payload.get("version") != contact.link_version
    ):
        raise LinkRefused(_("This link has been withdrawn. The next reminder brings a new one."))
    return contact


def revoke(*, contact: Contact, clerk, reason: str) -> None:
    """End every link sent to `contact` so far; the next reminder carries a new one. `reason`
    (required, the clerk's words) goes to the log; ValidationError without one."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking the links."))
    Contact.objects.filter(pk=contact.pk).update(
        link_version=F("link_version") + 1, links_revoked_at=timezone.now()
    )
    contact.refresh_from_db(fields=["link_version", "links_revoked_at"])
    logger.info(
        "links of contact %d revoked by %s (now version %d): %s",
        contact.pk,
        clerk,
        contact.link_version,
        reason,
    )
