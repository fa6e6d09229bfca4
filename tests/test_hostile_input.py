"""Whatever the input normaliser lets through, every public page, feed, export and API answer
reads it back without a 500 (issue 15).

For each field a person or a source fills, Hypothesis draws the worst value the normaliser
(commitments/normalise.py) stores: characters from every Unicode category, as long as the field
allows, and dates at the limits of the plausible-dates rule (models/commitments.py). The value is
stored as the input boundaries would store it (normalised, cut to the field's length, saved by the
ORM and the services), and then every reader is asked for it.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from commitments import normalise
from commitments.models import Commitment
from commitments.models.commitments import DEADLINE_YEARS, EARLIEST_DATE, years_after
from commitments.services import commitments as services
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
)
from tests.fuzzing import fuzz_settings

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATEST = years_after(TODAY, 1)

# Every Unicode category, and surely the controls, format characters, a lone surrogate, line
# separators, a ligature, a right-to-left override and an emoji: the raw input, before the
# normaliser.
NASTY = "\x00\x07\x0b\x0c\r\x7f\x85\x9f\u00ad\u200b\u2028\u202e\ufeff\ud800\ufb01\U0001f600&<>\"'"
RAW = st.text(
    alphabet=st.one_of(st.characters(categories=None), st.sampled_from(NASTY)), max_size=600
)
LONG_RAW = st.one_of(RAW, RAW.map(lambda value: value * 20))


def stored_line(limit: int):
    """What a one-line field of `limit` characters stores from any input: never empty."""
    return LONG_RAW.map(lambda raw: (normalise.line(raw).strip() or "x")[:limit])


def stored_text():
    return LONG_RAW.map(lambda raw: normalise.text(raw).strip() or "x")


MADE_ON = st.sampled_from([EARLIEST_DATE, TODAY, LATEST])
VALUES = st.fixed_dictionaries(
    {
        "summary": stored_line(300),
        "text": stored_text(),
        "deadline_phrase": stored_line(300),
        "reason": stored_text(),
        "title": stored_line(500),
        "ministry": stored_line(200),
        "official": stored_line(200),
        "function": stored_line(200),
        "member": stored_line(200),
        "made_on": MADE_ON,
        "due": st.sampled_from(["none", "same day", "last plausible day"]),
        "closing": st.sampled_from(["open", "fulfilled", "lapsed"]),
    }
)


def store(values: dict, clerk) -> Commitment:
    """The commitment, its ministry, official, member and source as the inputs store them; closed
    through the services, which write the reason into the audit trail."""
    made_on = values["made_on"]
    due_date = {
        "none": None,
        "same day": made_on,
        "last plausible day": years_after(made_on, DEADLINE_YEARS),
    }[values["due"]]
    ministry = MinistryFactory(name=values["ministry"])
    commitment = CommitmentFactory(
        summary=values["summary"],
        text=values["text"],
        deadline_phrase=values["deadline_phrase"],
        made_on=made_on,
        due_date=due_date,
        due_precision="day" if due_date else "none",
        ministry=ministry,
        official=OfficialFactory(
            name=values["official"], function=values["function"], ministry=ministry
        ),
        source=DocumentFactory(title=values["title"], text=values["text"], date=made_on),
    )
    commitment.made_to.add(MemberFactory(name=values["member"]))
    commitment.full_clean()
    if values["closing"] == "fulfilled":
        services.fulfil_commitments(
            commitments=[commitment],
            document=DocumentFactory(title=values["title"], date=LATEST),
            fulfilled_on=LATEST,
            user=clerk,
            reason=values["reason"],
        )
    elif values["closing"] == "lapsed":
        services.lapse_commitments(commitments=[commitment], user=clerk, reason=values["reason"])
    commitment.refresh_from_db()
    return commitment


def readers(commitment: Commitment) -> list[tuple[str, dict]]:
    """Every public reader of the commitment, as (path, query); the list is searched for the
    start of its summary, as a reader who copied it would."""
    member = commitment.made_to.get()
    return [
        ("/", {}),
        ("/commitments/", {}),
        ("/commitments/", {"q": commitment.summary[:50]}),
        (f"/commitments/{commitment.number}/", {}),
        (f"/ministries/{commitment.ministry.abbreviation}/", {}),
        (f"/members/{member.pk}/", {}),
        ("/feed/changes.atom", {}),
        ("/commitments.csv", {}),
        ("/commitments.ics", {}),
        ("/api/commitments/", {}),
        (f"/api/commitments/{commitment.number}/", {}),
        ("/api/odata/Toezegging", {}),
    ]


@given(values=VALUES)
@fuzz_settings(25)
def test_it_reads_back_the_worst_stored_values_on_every_page(clerk, values):
    """A clerk and the sources have stored the drawn values (see VALUES); a reader then opens
    every public page, feed, export and API answer."""
    # The examples share one test database: each one's rows are rolled back after it.
    with transaction.atomic():
        commitment = store(values, clerk)
        reader = Client(raise_request_exception=False)
        failures = {}
        for path, query in readers(commitment):
            response = reader.get(path, query)
            if response.status_code >= 500:
                failures[path, str(query)] = response.status_code
        transaction.set_rollback(True)
    assert failures == {}
