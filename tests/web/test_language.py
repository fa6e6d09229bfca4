"""Every public page speaks one language: Dutch on Dutch pages, English on English ones, after
every kind of change a commitment goes through (registered, flagged overdue, fulfilled, lapsed,
given a new deadline, answered by a ministry's contact).

The reader's language is the language switch's cookie (tracker.middleware: Dutch unless the
reader chose English). What a page says is its visible text and its accessible names
(aria-label, title, alt); addresses, such as the list links' `?status=fulfilled`, are not read.
"""

import datetime
import html
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from commitments.models import Commitment, ContactResponse
from commitments.services import answers
from commitments.services import commitments as services
from commitments.services.overdue import flag_overdue
from tests.factories import (
    ContactFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

# English words and phrases the product writes, which must not appear on a Dutch page.
ENGLISH = [
    "overdue",
    "fulfilled",
    "lapsed",
    "registered",
    "details updated",
    "due date",
    "due date has passed",
    "no longer",
    "imported from",
    "loaded from",
    "accepted from",
    "reported by",
    "precision",
    "none",
    "commitment",
    "commitments",
    "recess",
    "season",
    "month",
    "the",
    "since",
    "originally",
]
# Dutch words and phrases the product writes, which must not appear on an English page.
DUTCH = [
    "te laat",
    "geregistreerd",
    "gegevens bijgewerkt",
    "termijn",
    "verstreken",
    "niet meer",
    "gemeld door",
    "geïmporteerd",
    "ingelezen",
    "toezegging",
    "toezeggingen",
    "vervallen",
    "afgedaan",
    "nauwkeurigheid",
    "reces",
    "geen",
    "sinds",
    "oorspronkelijk",
]
# The months as Django's localisation writes them, and the abbreviations a "j M Y" date writes
# ("May" is also the full name).
ENGLISH_MONTHS = ["January", "February", "March", "April", "June", "July", "August", "October"]
DUTCH_MONTHS = ["januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober"]
ABBREVIATED_MONTH = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mrt|Mar|Apr|Mei|Jun|Jul|Aug|Sep|O[ck]t|Nov|Dec)\b"
)
# Raw values of the status, precision and answer-kind choices: a label must be shown instead.
RAW_CODES = [
    *Commitment.Status.values,
    *Commitment.Precision.values,
    *ContactResponse.Kind.values,
]

TAGS = re.compile(r"<[^>]*>")
NAMED = re.compile(r'(?:aria-label|title|alt)="([^"]*)"')
ADDRESSES = re.compile(r"https?://\S+")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)


def said(body: str) -> str:
    """The text a reader sees or hears on a page or in a feed: text and accessible names."""
    body = HIDDEN.sub(" ", body)
    names = " ".join(NAMED.findall(body))
    # A feed's entries hold their HTML escaped once more.
    text = TAGS.sub(" ", html.unescape(TAGS.sub(" ", body)))
    # A feed's ids and links are addresses, written as text.
    return ADDRESSES.sub(" ", html.unescape(f"{text} {names}"))


def words_in(text: str, words: list[str]) -> list[str]:
    """Each of the `words` (case-insensitive, whole words) that occurs in `text`, with the text
    around it, so that a failure says where."""
    found = []
    for word in words:
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        if match:
            found.append(" ".join(text[max(match.start() - 60, 0) : match.end() + 60].split()))
    return found


def raw_codes_in(text: str) -> list[str]:
    """Raw choice values in `text`: lower case as stored, where a label starts with a capital
    or, in a sentence, is another word."""
    return [code for code in RAW_CODES if "_" in code and re.search(rf"(?<!\w){code}(?!\w)", text)]


@pytest.fixture
def register():
    """One ministry with a contact, a member of a party, and six commitments made to the
    member and the party, written by the services the product writes them with."""
    ministry = MinistryFactory(name="Binnenlandse Zaken", abbreviation="BZK")
    official = OfficialFactory(ministry=ministry, name="J. Jansen", function="Minister van BZK")
    party = PartyFactory(abbreviation="GL-PvdA", name="GroenLinks-PvdA")
    member = MemberFactory(name="Bikker", party=party)
    clerk = UserFactory()

    def registered(summary: str, due_date: datetime.date | None) -> Commitment:
        return services.register_commitment(
            commitment=Commitment(
                summary=summary,
                text=f"{summary}, zegt de minister toe.",
                made_on=TODAY - datetime.timedelta(days=200),
                due_date=due_date,
                due_precision=Commitment.Precision.RECESS,
                deadline_phrase="voor het zomerreces",
                ministry=ministry,
                official=official,
            ),
            user=clerk,
            made_to=[member],
            made_to_parties=[party],
        )

    return {
        "ministry": ministry,
        "member": member,
        "party": party,
        "clerk": clerk,
        "contact": ContactFactory(ministry=ministry),
        "registered": registered,
    }


def registered(world):
    return world["registered"]("Brief over de Wet open overheid", TODAY + datetime.timedelta(9))


def flagged_overdue(world):
    commitment = world["registered"]("Brief over de Woo-verzoeken", TODAY - datetime.timedelta(5))
    flag_overdue()
    return commitment


def fulfilled(world):
    commitment = world["registered"]("Brief over de Kieswet", TODAY - datetime.timedelta(40))
    flag_overdue()
    services.fulfil_commitments(
        commitments=[commitment],
        document=DocumentFactory(dossier_number="35 925", document_number="VII-12"),
        fulfilled_on=TODAY - datetime.timedelta(days=3),
        user=world["clerk"],
        reason="Brief van 3 dagen geleden",
    )
    return commitment


def lapsed(world):
    commitment = world["registered"]("Brief over de Gemeentewet", TODAY + datetime.timedelta(60))
    services.lapse_commitments(
        commitments=[commitment], user=world["clerk"], reason="Ingehaald door de wetswijziging"
    )
    return commitment


def extended(world):
    commitment = world["registered"]("Brief over de Omgevingswet", TODAY - datetime.timedelta(20))
    flag_overdue()
    services.extend_deadline(
        commitments=[commitment],
        new_due_date=TODAY + datetime.timedelta(days=90),
        user=world["clerk"],
        reason="Uitstel gevraagd bij het debat",
    )
    return commitment


def answered(world):
    commitment = world["registered"]("Brief over de Archiefwet", TODAY - datetime.timedelta(10))
    flag_overdue()
    response = ContactResponse.objects.create(
        submission=uuid.uuid4(),
        contact=world["contact"],
        commitment=commitment,
        kind=ContactResponse.Kind.NEW_DATE,
        proposed_date=TODAY + datetime.timedelta(days=120),
        reason="Het onderzoek loopt uit",
    )
    answers.accept(response=response, clerk=world["clerk"])
    return commitment


CHANGES = [registered, flagged_overdue, fulfilled, lapsed, extended, answered]


def public_pages(world, commitment) -> dict[str, str]:
    """The address of each public page, feed and calendar that shows `commitment`; the member
    and party indexes and the party page once their views exist."""
    pages = {
        "overview": reverse("overview"),
        "list": reverse("commitment-list"),
        "commitment": reverse("commitment-detail", args=[commitment.number]),
        "ministry": reverse("ministry-detail", args=[world["ministry"].abbreviation]),
        "member": reverse("member-detail", args=[world["member"].pk]),
        "feed": reverse("changes-feed"),
    }
    for name, args in [
        ("member-list", []),
        ("party-list", []),
        ("party-detail", [world["party"].abbreviation]),
    ]:
        try:
            pages[name] = reverse(name, args=args)
        except NoReverseMatch:
            continue
    return pages


def read_all(client, world, commitment, language: str) -> dict[str, str]:
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    read = {}
    for name, address in public_pages(world, commitment).items():
        response = client.get(address)
        assert response.status_code == 200, (name, response.status_code)
        read[name] = said(response.content.decode())
    return read


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_it_shows_no_english_on_dutch_pages_after_each_kind_of_change(client, register, change):
    commitment = change(register)
    for name, text in read_all(client, register, commitment, "nl").items():
        assert words_in(text, ENGLISH) == [], name
        assert words_in(text, ENGLISH_MONTHS) == [], name
        assert ABBREVIATED_MONTH.findall(text) == [], name
        assert raw_codes_in(text) == [], name


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_it_shows_no_dutch_on_english_pages_after_each_kind_of_change(client, register, change):
    commitment = change(register)
    for name, text in read_all(client, register, commitment, "en").items():
        assert words_in(text, DUTCH) == [], name
        assert words_in(text, DUTCH_MONTHS) == [], name
        assert ABBREVIATED_MONTH.findall(text) == [], name
        assert raw_codes_in(text) == [], name


def test_it_writes_dutch_dates_with_the_month_in_full_and_in_lower_case(client, register):
    commitment = world_commitment = registered(register)
    Commitment.objects.filter(pk=commitment.pk).update(due_date=datetime.date(2027, 3, 1))
    pages = read_all(client, register, world_commitment, "nl")
    assert "1 maart 2027" in pages["commitment"]
    assert "1 maart 2027" in pages["list"]


def test_it_counts_one_commitment_in_the_singular(client, register):
    registered(register)
    pages = read_all(client, register, Commitment.objects.get(), "nl")
    assert "1 toezeggingen" not in pages["list"]


def test_it_says_one_commitment_in_the_singular_after_an_admin_action(clerk_client, register):
    commitments = [
        register["registered"](f"Brief over de Provinciewet ({n})", TODAY + datetime.timedelta(70))
        for n in range(3)
    ]
    changelist = reverse("admin:commitments_commitment_changelist")

    def lapse(chosen) -> str:
        response = clerk_client.post(
            changelist,
            {
                "action": "mark_lapsed",
                "_selected_action": [commitment.pk for commitment in chosen],
                "apply": "1",
                "reason": "Motie ingetrokken",
            },
            follow=True,
        )
        return " ".join(str(message) for message in response.context["messages"])

    assert lapse(commitments[:1]) == "1 toezegging gewijzigd."
    assert lapse(commitments[1:]) == "2 toezeggingen gewijzigd."
