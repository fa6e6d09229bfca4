"""What MPs ask first: the member and party indexes, the party page, and the subscribe links on
the member, party and ministry pages."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from tests.factories import CommitmentFactory, MemberFactory, MinistryFactory, PartyFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows(response) -> list:
    return list(response.context["page"]["rows"])


def counts(row) -> tuple:
    return (row.open_count, row.overdue_count, row.on_time_count, row.late_count)


def overdue(**fields):
    """An open commitment whose due date passed, flagged as the sweep flags it."""
    commitment = CommitmentFactory(made_on=TODAY - 90 * DAY, due_date=TODAY - 10 * DAY, **fields)
    Commitment.objects.filter(pk=commitment.pk).update(overdue_since=TODAY - 9 * DAY)
    return commitment


def still_open(**fields):
    return CommitmentFactory(made_on=TODAY - 10 * DAY, due_date=TODAY + 30 * DAY, **fields)


def fulfilled(*, late: bool, **fields):
    due = TODAY - 20 * DAY
    return CommitmentFactory(
        made_on=TODAY - 90 * DAY,
        due_date=due,
        status=Commitment.Status.FULFILLED,
        fulfilled_on=due + 5 * DAY if late else due - 5 * DAY,
        **fields,
    )


@pytest.fixture
def chamber():
    """Two parties; Kuik (CDA) is owed one overdue, one open, one fulfilled on time and one
    fulfilled late; Bikker (CU) one overdue made to her and to CDA as a party, which CDA counts
    once; Omtzigt, without commitments; a lapsed one to Kuik counts nowhere."""
    jenv = MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    cda = PartyFactory(name="Christen-Democratisch Appèl", abbreviation="CDA")
    cu = PartyFactory(name="ChristenUnie", abbreviation="CU")
    kuik = MemberFactory(name="Kuik", party=cda)
    bikker = MemberFactory(name="Bikker", party=cu)
    idle = MemberFactory(name="Omtzigt", party=cda)
    for commitment in [
        overdue(ministry=jenv),
        still_open(ministry=jenv),
        fulfilled(late=False, ministry=jenv),
        fulfilled(late=True, ministry=jenv),
        CommitmentFactory(ministry=jenv, status=Commitment.Status.LAPSED),
    ]:
        commitment.made_to.add(kuik)
    shared = overdue(ministry=jenv, summary="Brief over de Wet open overheid")
    shared.made_to.add(bikker)
    shared.made_to_parties.add(cda)
    return {"cda": cda, "cu": cu, "kuik": kuik, "bikker": bikker, "idle": idle, "shared": shared}


def test_it_lists_every_member_with_what_is_owed_most_overdue_first(client, chamber):
    response = client.get(reverse("member-list"))

    assert response.status_code == 200
    listed = {row.name: counts(row) for row in rows(response)}
    assert listed == {"Kuik": (2, 1, 1, 1), "Bikker": (1, 1, 0, 0), "Omtzigt": (0, 0, 0, 0)}
    # Kuik and Bikker each have one overdue: Kuik has more open, then the name decides.
    assert [row.name for row in rows(response)] == ["Kuik", "Bikker", "Omtzigt"]
    page = response.content.decode()
    assert reverse("member-detail", args=[chamber["kuik"].pk]) in page
    assert reverse("party-detail", args=["CDA"]) in page


def test_it_sorts_the_member_index_by_name_when_asked(client, chamber):
    response = client.get(reverse("member-list") + "?o=name")

    assert [row.name for row in rows(response)] == ["Bikker", "Kuik", "Omtzigt"]


def test_it_pages_a_long_member_index(client, chamber, settings):
    settings.DASHBOARD_PAGE_SIZE = 2

    first = client.get(reverse("member-list"))
    second = client.get(reverse("member-list") + "?page=2")

    assert [row.name for row in rows(first)] == ["Kuik", "Bikker"]
    assert [row.name for row in rows(second)] == ["Omtzigt"]
    assert 'rel="next"' in first.content.decode()


def test_it_counts_a_commitment_to_a_party_and_its_member_once(client, chamber):
    response = client.get(reverse("party-list"))

    listed = {row.abbreviation: counts(row) for row in rows(response)}
    # CDA: Kuik's four counted, and the shared one made to CDA itself (its member Bikker is CU).
    assert listed == {"CDA": (3, 2, 1, 1), "CU": (1, 1, 0, 0)}
    assert [row.abbreviation for row in rows(response)] == ["CDA", "CU"]


def test_it_shows_a_party_with_its_members_and_what_is_owed(client, chamber):
    response = client.get(reverse("party-detail", args=["CDA"]))

    assert response.status_code == 200
    assert counts(response.context["counts"]) == (3, 2, 1, 1)
    assert [member.name for member in response.context["members"]] == ["Kuik", "Omtzigt"]
    assert chamber["shared"].number in [c.number for c in rows(response)]
    assert "Christen-Democratisch Appèl" in response.content.decode()


def test_it_answers_an_unknown_party_with_not_found(client, chamber):
    assert client.get(reverse("party-detail", args=["XYZ"])).status_code == 404


@pytest.mark.parametrize(
    ("page", "query"),
    [
        (
            lambda c: reverse("member-detail", args=[c["kuik"].pk]),
            lambda c: f"member={c['kuik'].pk}",
        ),
        (lambda c: reverse("party-detail", args=["CDA"]), lambda c: "party=CDA"),
        (lambda c: reverse("ministry-detail", args=["JenV"]), lambda c: "ministry=JenV"),
    ],
    ids=["member", "party", "ministry"],
)
def test_it_links_each_page_to_its_own_calendar_and_feed(client, chamber, page, query):
    html = client.get(page(chamber)).content.decode()

    assert f'href="{reverse("commitment-calendar")}?{query(chamber)}"' in html
    assert f'href="{reverse("changes-feed")}?{query(chamber)}"' in html
    assert "Abonneren: agenda" in html
    assert "Abonneren: feed" in html


def test_it_subscribes_to_one_member_only_not_to_names_that_contain_it(client, chamber):
    """Kuiken's name holds Kuik's: the calendar of Kuik's page has Kuik's deadlines only."""
    kuiken = MemberFactory(name="Kuiken", party=chamber["cu"])
    theirs = still_open(summary="Alleen aan Kuiken")
    theirs.made_to.add(kuiken)

    calendar = icalendar.Calendar.from_ical(
        body(client.get(reverse("commitment-calendar") + f"?member={chamber['kuik'].pk}"))
    )

    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    # Kuik's five, the lapsed one's deadline among them (cancelled).
    assert len(summaries) == 5
    assert not any("Alleen aan Kuiken" in summary for summary in summaries)


def test_it_feeds_the_changes_to_one_party_only(client, chamber):
    other = still_open(summary="Brief over de Omgevingswet")

    feed = body(client.get(reverse("changes-feed") + "?party=CU")).decode()

    assert "Brief over de Wet open overheid" in feed
    assert other.number not in feed


def test_it_refuses_a_feed_filter_it_does_not_understand(client, chamber):
    response = client.get(reverse("changes-feed") + "?party=NOPE")

    assert response.status_code == 400


def test_it_links_the_indexes_from_every_page(client, chamber):
    html = client.get(reverse("overview")).content.decode()

    assert f'href="{reverse("member-list")}"' in html
    assert f'href="{reverse("party-list")}"' in html


def test_it_reads_an_order_it_does_not_know_as_most_overdue_first(client, chamber):
    response = client.get(reverse("party-list") + "?o=-name;drop")

    assert response.status_code == 200
    assert [row.abbreviation for row in rows(response)] == ["CDA", "CU"]


def test_it_answers_a_page_past_the_last_with_not_found(client, chamber):
    assert client.get(reverse("member-list") + "?page=2").status_code == 404
    assert client.get(reverse("party-list") + "?page=184467440737095518").status_code == 404


def test_it_shows_the_index_in_english_when_asked(client, chamber, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("party-list")).content.decode()

    assert "What is owed to each party" in html
    assert "Fulfilled late" in html
