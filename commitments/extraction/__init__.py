"""The letter-extraction engine: plain Python, so that it runs and is tested without Django.

A letter's text goes in; candidate commitments come out, each with its sentence, its span in the
letter, a deadline phrase resolved against the parliamentary calendar, and who promised it.
"""

from commitments.extraction.calendar import ParliamentaryCalendar, Recess
from commitments.extraction.deadlines import Deadline, find_deadline_phrase, resolve_deadline
from commitments.extraction.extract import Candidate, MissingLetterDate, extract
from commitments.extraction.header import Header, read_header
from commitments.extraction.text import decode_letter

__all__ = [
    "Candidate",
    "Deadline",
    "Header",
    "MissingLetterDate",
    "ParliamentaryCalendar",
    "Recess",
    "decode_letter",
    "extract",
    "find_deadline_phrase",
    "read_header",
    "resolve_deadline",
]
