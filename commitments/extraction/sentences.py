"""Sentences out of text copied from a PDF, each with its span in the original text.

Letters reach us as text copied from the PDF on officielebekendmakingen.nl or a ministry's site:
hard line breaks in the middle of sentences, words hyphenated across lines ("ver-\\ngroten"),
footnote markers glued to the end of a sentence ("geïnformeerd.5") and headings on lines of their
own without a full stop. A promise must be read as the sentence the minister wrote, yet a clerk
must also be shown where it stands in the letter, so every sentence keeps the span of the original
text it came from.

The text is first cut into paragraphs (blank lines, headings, short lines that end a paragraph,
list items), then the lines of each paragraph are joined and split at sentence boundaries.
"""

import re
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text` is joined and clean, `original[start:end]` is where it stands."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class _Line:
    start: int
    content: str

    @property
    def stripped(self) -> str:
        return self.content.strip()


# A line shorter than this share of the usual line length ends its paragraph: a wrapped line
# only falls short where the paragraph ends, or where it is a heading or a signature.
SHORT_LINE_SHARE = 0.7
# Lines this long in the middle are not hard-wrapped: every line is then a paragraph of its own.
UNWRAPPED_MEDIAN_LENGTH = 160

TERMINAL = ".!?"
# Closing guillemet, closing double and single quotation marks, and their plain forms.
CLOSING_QUOTES = "\u00bb\u201d\u2019\"')]"
LIST_ITEM = re.compile(r"^\s*(?:[-\u2013\u2014•·▪*]\s|\(?(?:\d{1,2}|[a-z])[.)]\s)")
NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÀ-Þ]")
# A footnote marker is a number glued to the punctuation that closes a sentence, as in
# "geïnformeerd.5" or "ontvangen.1 Beantwoording"; the letter before the stop keeps decimals
# ("versie 2.1") and section numbers out.
FOOTNOTE_MARKER = re.compile(r"(?:(?<=[^\W\d_][.!?])|(?<=[»\u201d\u2019\")][.!?]))\d{1,3}(?=\s|$)")
# Words joined by a hyphen at a line end that are really two words: "zorg- en opvangorganisaties".
ELLIPTIC_CONJUNCTIONS = {"en", "of", "tot", "en/of", "dan"}
# Abbreviations after which a full stop never ends a sentence, because a name, number or more
# words follow. "jl." is not among them: "op 4 november jl. De antwoorden ..." does end there.
ABBREVIATIONS = {
    "nr",
    "nrs",
    "art",
    "artt",
    "dhr",
    "mevr",
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "bijv",
    "bv",
    "o.a",
    "m.b.t",
    "t.a.v",
    "i.v.m",
    "i.c.m",
    "ca",
    "vgl",
    "zgn",
    "resp",
    "incl",
    "excl",
    "blz",
    "pag",
    "p",
    "stb",
    "stcrt",
    "kst",
    "mln",
    "mld",
    "mrd",
    "min",
}
INITIALS = re.compile(r"(?:[A-ZÀ-Þ]\.)*[A-ZÀ-Þ]")
SENTENCE_END = re.compile(rf"[{TERMINAL}]+[{re.escape(CLOSING_QUOTES)}]*(?=\s|$)")


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, with spans into `text` itself."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(_paragraphs(_lines(text))):
        clean, origin = _join(paragraph)
        for start, end in _sentence_bounds(clean):
            sentences.append(
                Sentence(
                    text=clean[start:end],
                    start=origin[start],
                    end=origin[end - 1] + 1,
                    paragraph=number,
                )
            )
    return sentences


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append(_Line(start=offset, content=content))
        offset += len(raw)
    return lines


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    lengths = sorted(len(line.stripped) for line in lines if line.stripped)
    if not lengths:
        return []
    wrap_width = lengths[int(len(lengths) * 0.9)]
    every_line_apart = statistics.median(lengths) > UNWRAPPED_MEDIAN_LENGTH
    paragraphs: list[list[_Line]] = []
    current: list[_Line] = []
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        if not line.stripped:
            if current:
                paragraphs.append(current)
            current = []
            continue
        current.append(line)
        if following is None or every_line_apart or _ends_paragraph(line, following, wrap_width):
            paragraphs.append(current)
            current = []
    return paragraphs


def _ends_paragraph(line: _Line, following: _Line, wrap_width: int) -> bool:
    text, next_text = line.stripped, following.stripped
    if not next_text or LIST_ITEM.match(following.content):
        return True
    ends_open = text[-1] not in TERMINAL + ":;"
    if ends_open and NUMBERED_HEADING.match(text):
        return True
    if len(text) < SHORT_LINE_SHARE * wrap_width:
        # A short line ends its paragraph unless the sentence visibly runs on into the next line.
        return not (ends_open and next_text[0].islower())
    return False


def _join(paragraph: list[_Line]) -> tuple[str, list[int]]:
    """The paragraph as one clean line, and for each of its characters the offset it came from.

    Line breaks become spaces, a hyphen that splits a word across lines disappears, runs of
    white space shrink to one space, and footnote markers are left out.
    """
    chars: list[str] = []
    origin: list[int] = []
    for line in paragraph:
        leading = len(line.content) - len(line.content.lstrip())
        content = line.content.strip()
        base = line.start + leading
        if chars:
            _join_line_break(chars, origin, content, line.start - 1)
        skipped = {
            index for marker in FOOTNOTE_MARKER.finditer(content) for index in range(*marker.span())
        }
        for index, char in enumerate(content):
            if index in skipped:
                continue
            if char.isspace():
                if chars[-1:] == [" "]:
                    continue
                char = " "
            chars.append(char)
            origin.append(base + index)
    return "".join(chars), origin


def _join_line_break(chars: list[str], origin: list[int], next_line: str, offset: int) -> None:
    next_word = next_line.split(maxsplit=1)[0] if next_line else ""
    glued_hyphen = len(chars) >= 2 and chars[-1] == "-" and chars[-2].isalpha()
    if glued_hyphen and next_word[:1].islower() and next_word.lower() not in ELLIPTIC_CONJUNCTIONS:
        # A word broken across lines: "ver-" + "groten" is "vergroten".
        chars.pop()
        origin.pop()
    elif glued_hyphen and next_word[:1].isupper():
        # A name with a hyphen broken at it keeps the hyphen: "Noord-" + "Brabant".
        return
    elif chars[-1] != " ":
        chars.append(" ")
        origin.append(offset)


def _sentence_bounds(clean: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for boundary in SENTENCE_END.finditer(clean):
        end = boundary.end()
        if end < len(clean) and not _is_sentence_end(clean, start, boundary.start(), end):
            continue
        bounds.append((start, end))
        start = end
    bounds.append((start, len(clean)))
    return [trimmed for bound in bounds if (trimmed := _trim(clean, *bound))]


def _is_sentence_end(clean: str, sentence_start: int, stop: int, end: int) -> bool:
    following = clean[end:].lstrip()
    if not following or following[0].islower():
        return False
    before = clean[sentence_start:stop].strip()
    token = before.rsplit(maxsplit=1)[-1] if before else ""
    word = token.lower().lstrip("(")
    # No Dutch word ends in "nr": "Kamerstuknr.", "volgnr." are compounds of the abbreviation.
    if word in ABBREVIATIONS or word.endswith("nr") or INITIALS.fullmatch(token):
        return False
    # "1." at the start of a paragraph numbers a heading or a list item; it ends nothing.
    return not (token.isdigit() and before == token)


def _trim(clean: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and clean[start].isspace():
        start += 1
    while end > start and clean[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
