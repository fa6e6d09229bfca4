"""The public dashboard as MPs and the public read it."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.services import commitments as services
from tests.factories import (
    CommitmentFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    OfficialFactory,
    PartyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def listed(response):
    return [commitment.number for commitment in response.context["page"]["rows"]]


def flag(*commitments):
    Commitment.objects.filter(pk__in=[c.pk for c in commitments]).update(
        overdue_since=TODAY - datetime.timedelta(days=3)
    )


@pytest.fixture
def register():
    """Two ministries, a few commitments in every state, a member and a party."""
    jenv = MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    vws = MinistryFactory(name="Volksgezondheid, Welzijn en Sport", abbreviation="VWS")
    cda = PartyFactory(abbreviation="CDA")
    kuik = MemberFactory(name="Kuik", party=cda)
    letter = DocumentFactory(dossier_number="28 638", document_number="212")
    late = CommitmentFactory(
        ministry=jenv,
        made_on=TODAY - datetime.timedelta(days=100),
        due_date=TODAY - datetime.timedelta(days=4),
        summary="Rapport over de Proeftuin aangiftebereidheid",
        source=letter,
    )
    late.made_to.add(kuik)
    flag(late)
    soon = CommitmentFactory(
        ministry=jenv,
        made_on=TODAY - datetime.timedelta(days=10),
        due_date=TODAY + datetime.timedelta(days=10),
    )
    vague = CommitmentFactory(ministry=vws, due_date=None, due_precision="none")
    done = CommitmentFactory(
        ministry=vws,
        made_on=TODAY - datetime.timedelta(days=200),
        due_date=TODAY - datetime.timedelta(days=50),
        status=Commitment.Status.FULFILLED,
        fulfilled_on=TODAY - datetime.timedelta(days=60),
    )
    return {"late": late, "soon": soon, "vague": vague, "done": done, "kuik": kuik}


def test_it_lets_a_reader_log_in_and_come_back(client, settings, register):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    UserFactory(username="kamerlid")
    target = reverse("commitment-list")
    response = client.post(
        reverse("login") + f"?next={target}",
        {"username": "kamerlid", "password": "correct horse battery staple", "next": target},
    )
    assert response.status_code == 302
    assert response.url == target
    assert client.get(target).status_code == 200


def test_it_counts_by_status_overdue_due_soon_and_without_deadline(client, register):
    counts = client.get(reverse("overview")).context["counts"]
    assert counts["open"] == 3
    assert counts["fulfilled"] == 1
    assert counts["overdue"] == 1
    assert counts["due_soon"] == 1
    assert counts["without_deadline"] == 1


def test_it_tabulates_per_ministry_with_the_share_fulfilled_on_time(client, register):
    ministries = {m.abbreviation: m for m in client.get(reverse("overview")).context["ministries"]}
    assert (ministries["JenV"].open_count, ministries["JenV"].overdue_count) == (2, 1)
    assert ministries["VWS"].fulfilled_count == 1
    assert ministries["VWS"].on_time_share == 100
    assert ministries["JenV"].on_time_share is None


def test_it_lists_the_most_overdue_first(client, register):
    older = CommitmentFactory(
        made_on=TODAY - datetime.timedelta(days=300), due_date=TODAY - datetime.timedelta(days=200)
    )
    Commitment.objects.filter(pk=older.pk).update(
        overdue_since=TODAY - datetime.timedelta(days=199)
    )
    most_overdue = list(client.get(reverse("overview")).context["most_overdue"])
    assert [c.number for c in most_overdue] == [older.number, register["late"].number]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ministry=JenV", {"late", "soon"}),
        ("overdue=true", {"late"}),
        ("overdue=false", {"soon", "vague", "done"}),
        ("status=fulfilled", {"done"}),
        (f"due_after={TODAY}", {"soon"}),
        (f"due_before={TODAY}", {"late", "done"}),
        ("member=kuik", {"late"}),
        ("party=CDA", {"late"}),
        ("source=28638-212", {"late"}),
        ("source=28 638 nr. 212", {"late"}),
        ("q=Proeftuin", {"late"}),
    ],
)
def test_it_filters_the_list(client, register, query, expected):
    response = client.get(reverse("commitment-list") + "?" + query)
    assert set(listed(response)) == {register[name].number for name in expected}


def test_it_sorts_the_list_by_due_date(client, register):
    numbers = listed(client.get(reverse("commitment-list") + "?o=due_date"))
    dated = [register[name].number for name in ("done", "late", "soon")]
    assert numbers[:3] == dated


def test_it_explains_a_wrong_date_and_lists_nothing(client, register):
    """Tried: a due date filter that is not a date."""
    response = client.get(reverse("commitment-list") + "?due_after=31-02-2024")
    assert listed(response) == []
    assert "due_after" in response.context["filter"].form.errors


def test_it_pages_without_counting_the_whole_register(client, settings, register):
    settings.DASHBOARD_PAGE_SIZE = 3
    with CaptureQueriesContext(connection) as captured:
        first = client.get(reverse("commitment-list"))
    second = client.get(reverse("commitment-list") + "?page=2")

    assert first.context["page"]["has_next"] and not first.context["page"]["has_previous"]
    assert len(listed(first)) == 3
    assert len(listed(second)) == 1 and second.context["page"]["has_previous"]
    assert not any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_it_never_renders_a_large_table_into_the_filter_form(client, register):
    OfficialFactory.create_batch(40, ministry=register["late"].ministry)
    MemberFactory.create_batch(40, party=register["kuik"].party)
    DocumentFactory.create_batch(40)
    page = client.get(reverse("commitment-list")).content.decode()
    assert page.count("<option") < 30


def query_count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_it_reads_the_overview_in_the_same_number_of_queries_whatever_the_size(client):
    ministry = MinistryFactory()
    CommitmentFactory.create_batch(3, ministry=ministry)
    few = query_count(client, reverse("overview"))
    for _ in range(5):
        CommitmentFactory.create_batch(6, ministry=MinistryFactory())
    cache.clear()
    assert query_count(client, reverse("overview")) == few


def test_it_reuses_the_overview_figures_for_a_while(client, settings):
    CommitmentFactory()
    client.get(reverse("overview"))
    CommitmentFactory()
    assert client.get(reverse("overview")).context["counts"]["total"] == 1

    cache.clear()
    assert client.get(reverse("overview")).context["counts"]["total"] == 2


def test_it_reads_a_list_page_in_the_same_number_of_queries_whatever_the_page_size(
    client, settings
):
    CommitmentFactory.create_batch(40)
    settings.DASHBOARD_PAGE_SIZE = 5
    small = query_count(client, reverse("commitment-list"))
    settings.DASHBOARD_PAGE_SIZE = 40
    assert query_count(client, reverse("commitment-list")) == small


def test_it_reads_a_commitment_in_the_same_number_of_queries_whatever_its_history(client):
    commitment = CommitmentFactory(due_date=TODAY + datetime.timedelta(days=5))
    url = reverse("commitment-detail", args=[commitment.number])
    few = query_count(client, url)
    commitment.made_to.add(*MemberFactory.create_batch(5))
    for days in range(6, 16):
        services.extend_deadline(
            commitments=[commitment],
            new_due_date=TODAY + datetime.timedelta(days=days),
            user=None,
            reason=f"Uitstel {days}",
        )
    assert query_count(client, url) == few


def test_it_shows_a_commitments_deadline_source_and_timeline(client, register, clerk):
    late = register["late"]
    services.extend_deadline(
        commitments=[late],
        new_due_date=TODAY + datetime.timedelta(days=30),
        user=clerk,
        reason="Het onderzoek loopt vertraging op",
    )
    page = client.get(reverse("commitment-detail", args=[late.number])).content.decode()
    assert "Kamerstuk 28 638, nr. 212" in page
    assert "Het onderzoek loopt vertraging op" in page
    assert "Kuik (CDA)" in page
    timeline = client.get(reverse("commitment-detail", args=[late.number])).context["timeline"]
    assert timeline[0]["changes"] == ["geregistreerd"]
    [due_date_moved] = timeline[-1]["changes"]
    assert due_date_moved.startswith("termijn ")
    assert due_date_moved in page
    assert timeline[-1]["reason"] == "Het onderzoek loopt vertraging op"


def test_it_links_related_commitments_both_ways(client, register):
    repeat = CommitmentFactory(repeats=register["late"])
    earlier = client.get(reverse("commitment-detail", args=[register["late"].number]))
    later = client.get(reverse("commitment-detail", args=[repeat.number]))
    assert repeat.number in earlier.content.decode()
    assert register["late"].number in later.content.decode()


def test_it_shows_what_a_ministry_and_a_member_are_owed(client, register):
    ministry = client.get(reverse("ministry-detail", args=["JenV"]))
    assert set(listed(ministry)) == {register["late"].number, register["soon"].number}
    member = client.get(reverse("member-detail", args=[register["kuik"].pk]))
    assert listed(member) == [register["late"].number]


def test_it_answers_unknown_pages_with_not_found(client, register):
    assert client.get(reverse("commitment-detail", args=["TZ209901-001"])).status_code == 404
    assert client.get(reverse("ministry-detail", args=["XYZ"])).status_code == 404
    assert client.get(reverse("member-detail", args=[999999])).status_code == 404


def test_it_speaks_dutch_first_and_english_when_asked_and_remembers(client, register):
    dutch = client.get(reverse("overview"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert 'lang="nl"' in dutch.content.decode()
    assert "Openstaand" in dutch.content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": reverse("overview")})
    english = client.get(reverse("overview"))
    assert 'lang="en"' in english.content.decode()
    assert "What the government has promised parliament" in english.content.decode()

    client.post(reverse("set_language"), {"language": "nl", "next": reverse("overview")})
    assert 'lang="nl"' in client.get(reverse("overview")).content.decode()
