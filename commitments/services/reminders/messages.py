"""The digest email: subject, text and HTML rendered from the emails/ templates."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from commitments.models import Commitment, Contact, Digest, Reminder
from commitments.services import links
from commitments.services.reminders.digests import next_rappel_day

# The order of the items in an email: the most pressing kind first, then by due date.
KIND_ORDER = [
    Reminder.Kind.RAPPEL,
    Reminder.Kind.NAG,
    Reminder.Kind.OVERDUE,
    Reminder.Kind.DUE,
    Reminder.Kind.UPCOMING,
]
TEMPLATES = {Digest.Kind.REMINDERS: "emails/digest", Digest.Kind.RAPPEL: "emails/rappel"}


def commitment_url(commitment: Commitment) -> str:
    """The absolute URL of the commitment's public page, on settings.SITE_URL."""
    path = reverse("commitment-detail", kwargs={"number": commitment.number})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _items(*, reminders: list[Reminder], today: datetime.date) -> list[dict]:
    items = (
        {
            "kind": reminder.kind,
            "kind_label": reminder.get_kind_display(),
            "commitment": reminder.commitment,
            "days_overdue": (
                (today - reminder.commitment.due_date).days
                if reminder.commitment.overdue_since
                else None
            ),
            "url": commitment_url(reminder.commitment),
        }
        for reminder in reminders
    )
    return sorted(
        items, key=lambda item: (KIND_ORDER.index(item["kind"]), item["commitment"].due_date)
    )


def build_digest_message(
    *, digest: Digest, contact: Contact, reminders: list[Reminder], today: datetime.date
) -> EmailMultiAlternatives:
    """The email for `digest` to `contact`, listing `reminders` as they stand on `today`.

    Rendered in settings.LANGUAGE_CODE; the connection is left for the sender to set.
    """
    context = {
        "contact": contact,
        "day": digest.day,
        "items": _items(reminders=reminders, today=today),
        "answer_url": links.url_for(contact),
        "link_days": settings.REMINDERS["LINK_DAYS"],
        "next_cutoff": next_rappel_day(digest.day),
    }
    template = TEMPLATES[digest.kind]
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[contact.email],
        # Lets the contact's mail system, and a person, recognise a repeated delivery.
        headers={"X-Tracker-Digest": str(digest.pk)},
    )
    message.attach_alternative(html, "text/html")
    return message
