"""Importing a minister's letter: its text from a paste or a file, the document, the candidate
commitments the extractor proposes, and the ones a clerk accepts.

Importing the same letter again finds the document already there (by its Kamerstuk number, or by
its text) and accepting a candidate that is already registered creates nothing.
"""

import dataclasses
import datetime
import html
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from commitments import extraction
from commitments.models import Commitment, Document, Ministry, Official, Recess

ACCEPTED_REASON = "Accepted from the letter import"


def text_of_upload(*, name: str, content: bytes) -> str:
    """The text of an uploaded .txt, .html or .pdf letter, or a clear error."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "pdf":
        try:
            reader = PdfReader(io.BytesIO(content))
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        except (PdfReadError, ValueError, KeyError) as error:
            raise ValidationError(
                _("This PDF cannot be read: %(error)s") % {"error": error}
            ) from error
    elif suffix in ("txt", "html", "htm"):
        if b"\x00" in content:
            raise ValidationError(_("This file is not text."))
        text = decode(content)
        if suffix in ("html", "htm"):
            text = html_to_text(text)
    else:
        raise ValidationError(_("Upload a .txt, .html or .pdf file."))
    if not text.strip():
        raise ValidationError(_("The letter has no text."))
    return text


def decode(content: bytes) -> str:
    text = extraction.decode_letter(content)
    if text is None:
        raise ValidationError(_("The text is neither UTF-8 nor Windows-1252."))
    return text


def html_to_text(markup: str) -> str:
    """Block elements become line breaks, so sentences and the signature keep their lines."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|h\d|li|tr|table)>", "\n", markup)
    return html.unescape(strip_tags(markup))


def calendar() -> extraction.ParliamentaryCalendar:
    """The parliamentary calendar as the clerks keep it in the admin."""
    return extraction.ParliamentaryCalendar(
        extraction.Recess(kind=kind, starts_on=starts_on, ends_on=ends_on)
        for kind, starts_on, ends_on in Recess.objects.values_list("kind", "starts_on", "ends_on")
    )


@transaction.atomic
def save_letter(*, text: str, letter_date: datetime.date | None = None) -> tuple[Document, bool]:
    """The letter as a Document: the one already imported, or a new one. Returns (document,
    created)."""
    header = extraction.read_header(text)
    date = letter_date or header.date
    if date is None:
        raise ValidationError(_("The letter states no date: give the date of the letter."))
    existing = Document.objects.filter(text=text).first()
    if existing is None and header.dossier_number and header.document_number:
        existing = Document.objects.filter(
            dossier_number=header.dossier_number, document_number=header.document_number
        ).first()
    if existing is not None:
        return existing, False
    document = Document.objects.create(
        kind=Document.Kind.LETTER,
        dossier_number=header.dossier_number,
        document_number=header.document_number,
        date=date,
        title=header.title or _("Letter of %(date)s") % {"date": date.isoformat()},
        text=text,
    )
    return document, True


@dataclasses.dataclass
class Proposal:
    """A candidate as the clerk sees it: what the extractor found, matched to our data."""

    candidate: extraction.Candidate
    ministry: Ministry | None
    official_function: str
    registered: Commitment | None


def propose(*, document: Document) -> list[Proposal]:
    """The extractor's candidates for a saved letter, each matched to an existing ministry and
    marked when the same sentence is already registered from this document."""
    candidates = extraction.extract(document.text, document.date, calendar())
    header = extraction.read_header(document.text)
    ministries = {m.name.casefold(): m for m in Ministry.objects.all()}
    registered = {c.text: c for c in Commitment.objects.filter(source=document)}
    return [
        Proposal(
            candidate=candidate,
            ministry=ministries.get(candidate.ministry.casefold()),
            official_function=header.function,
            registered=registered.get(candidate.sentence),
        )
        for candidate in candidates
    ]


@transaction.atomic
def accept(*, document: Document, accepted: list[dict], user) -> list[Commitment]:
    """Register the accepted candidates as commitments of `document`.

    Each item holds sentence, summary, ministry (a Ministry), official and official_function
    (names, may be empty), deadline_phrase, due_date and precision as the clerk left them. A
    sentence already registered from this document is skipped.
    """
    created = []
    for item in accepted:
        if Commitment.objects.filter(source=document, text=item["sentence"]).exists():
            continue
        official = None
        if item["official"]:
            official, _created = Official.objects.get_or_create(
                name=item["official"],
                function=item["official_function"] or item["ministry"].name,
                defaults={"ministry": item["ministry"]},
            )
        commitment = Commitment(
            source=document,
            text=item["sentence"],
            summary=item["summary"],
            made_on=document.date,
            deadline_phrase=item["deadline_phrase"],
            due_date=item["due_date"],
            due_precision=item["precision"],
            ministry=item["ministry"],
            official=official,
        )
        commitment.full_clean()
        commitment._change_reason = ACCEPTED_REASON
        commitment._history_user = user
        commitment.save()
        created.append(commitment)
    return created
