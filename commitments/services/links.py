"""Signed links for ministry contacts, who have no account.

A link carries the contact's id, signed with a salt used for nothing else and stamped with the
time it was made; it works for REMINDERS["LINK_DAYS"] days and only while the contact is active.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from commitments.models import Contact

SALT = "commitments.contact-response"


class LinkRefused(Exception):
    """The link cannot be used; the message says why, in words a contact understands."""


def token_for(contact: Contact) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"contact": contact.pk})


def url_for(contact: Contact) -> str:
    path = reverse("contact-response", kwargs={"token": token_for(contact)})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def contact_for(token: str) -> Contact:
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
    return contact
