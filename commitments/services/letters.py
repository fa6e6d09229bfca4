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

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from commitments import extraction, normalise
from commitments.models import Commitment, Document, Ministry, Official, Recess
from commitments.services.commitments import register_commitment

# Stored in English; selectors.history translates it when it is shown.
ACCEPTED_REASON = gettext_noop("Accepted from the letter import")


def text_of_upload(*, name: str, content: bytes) -> str:
    """The text of an uploaded .txt, .html or .pdf letter, or a clear error."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "pdf":
        try:
            reader = PdfReader(io.BytesIO(content))
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        except PdfReadError as error:
            raise ValidationError(
                _("This PDF cannot be read: %(error)s") % {"error": error}
            ) from error
        except Exception as error:
            # A broken PDF makes pypdf raise more than its own errors (a TypeError where it
            # expected a dictionary, an IndexError in a cut-off table): all of them mean that
            # this file cannot be read, which is what the clerk needs to know.
            raise ValidationError(
                _("This PDF cannot be read: %(error)s")
                % {"error": str(error) or error.__class__.__name__}
            ) from error
    elif suffix in ("txt", "html", "htm"):
        if b"\x00" in content:
            raise ValidationError(_("This file is not text."))
        text = decode(content)
        if suffix in ("html", "htm"):
            text = html_to_text(text)
    else:
        raise ValidationError(_("Upload a .txt, .html or .pdf file."))
    # A glyph without a character comes out of a PDF as NUL, a ligature as one character ("ﬁ"):
    # the normaliser drops the one and spells out the other.
    text = normalise.text(text)
    if not text.strip():
        raise ValidationError(_("The letter has no text."))
    check_length(text)
    return text


def check_size(*, size: int) -> None:
    """Refuse an upload of more than LETTER_MAX_BYTES before it is read."""
    if size > settings.LETTER_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; letters of up to %(limit)s MB are read.")
            % {
                "size": f"{size / 2**20:.1f}",
                "limit": f"{settings.LETTER_MAX_BYTES / 2**20:.0f}",
            }
        )


def check_length(text: str) -> None:
    """Refuse a letter text of more than LETTER_MAX_CHARACTERS characters."""
    if len(text) > settings.LETTER_MAX_CHARACTERS:
        raise ValidationError(
            _(
                "This letter has %(length)d characters; letters of up to %(limit)d are read. "
                "Import the letter without its annexes."
            )
            % {"length": len(text), "limit": settings.LETTER_MAX_CHARACTERS}
        )


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
    dossier_number, document_number = header.dossier_number, header.document_number
    if not (
        fits(Document, "dossier_number", dossier_number)
        and fits(Document, "document_number", document_number)
    ):
        # Longer than any Kamerstuk's: something else in the text that looked like one.
        dossier_number = document_number = ""
    title = header.title or _("Letter of %(date)s") % {"date": date.isoformat()}
    document = Document.objects.create(
        kind=Document.Kind.LETTER,
        dossier_number=dossier_number,
        document_number=document_number,
        date=date,
        title=shorten(title, Document._meta.get_field("title").max_length),
        text=text,
    )
    return document, True


def fits(model, field: str, value: str) -> bool:
    return len(value) <= model._meta.get_field(field).max_length


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


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


def shown_as_posted(proposals: list[Proposal], sentences: list) -> bool:
    """Whether a review form posted back holds the candidates shown, one for one and in order.

    Whitespace is compared loosely, because a browser may send line breaks back differently.
    """
    return [" ".join(str(sentence or "").split()) for sentence in sentences] == [
        " ".join(proposal.candidate.sentence.split()) for proposal in proposals
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
        try:
            register_commitment(commitment=commitment, user=user, reason=ACCEPTED_REASON)
        except ValidationError as error:
            raise ValidationError(
                _("“%(summary)s” cannot be registered: %(problems)s")
                % {"summary": item["summary"], "problems": problems(error)}
            ) from error
        created.append(commitment)
    return created


def problems(error: ValidationError) -> str:
    """A commitment's validation errors in one line, each with the field it is about."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        message
        if field == NON_FIELD_ERRORS
        else f"{capfirst(Commitment._meta.get_field(field).verbose_name)}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )
