"""The API's filters of the commitment list mean what the dashboard's filters mean."""

import datetime
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from commitments.models import Commitment
from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    DocumentFactory,
    MemberFactory,
    MinistryFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db


# --- The same filters as the dashboard ---------------------------------------------------------


@pytest.fixture
def register(db):
    """Two ministries' commitments: overdue, open, fulfilled, lapsed, with and without deadline."""
    today = timezone.localdate()
    past = today - datetime.timedelta(days=30)
    bzk = MinistryFactory(abbreviation="BZK")
    fin = MinistryFactory(abbreviation="FIN")
    committee = CommitteeFactory(abbreviation="BiZa")
    party = PartyFactory(abbreviation="GL")
    member = MemberFactory(name="Kamerlid Jansen", party=party)
    source = DocumentFactory(dossier_number="28 638", document_number="212")
    made_on = today - datetime.timedelta(days=200)
    rows = {}

    def make(key, ministry, *, overdue=False, **fields):
        fields.setdefault("due_date", past)
        commitment = CommitmentFactory(ministry=ministry, made_on=made_on, **fields)
        if overdue:
            Commitment.objects.filter(pk=commitment.pk).update(overdue_since=past)
        rows[key] = commitment
        return commitment

    make("bzk overdue", bzk, overdue=True, committee=committee, summary="De subsidieregeling")
    make("bzk overdue 2", bzk, overdue=True, source=source).made_to.add(member)
    make("bzk open", bzk, due_date=today + datetime.timedelta(days=10))
    make("bzk vague", bzk, due_date=None, due_precision="none")
    make(
        "bzk fulfilled",
        bzk,
        status="fulfilled",
        fulfilled_on=past,
        fulfilled_by=source,
        committee=committee,
    )
    make("fin overdue", fin, overdue=True).made_to_parties.add(party)
    make("fin lapsed", fin, status="lapsed", summary="Subsidieregeling vervalt")
    make("fin open", fin, due_date=today + datetime.timedelta(days=60), committee=committee)
    return SimpleNamespace(rows=rows, past=past, today=today)


def dashboard_numbers(client, query):
    response = client.get(f"{reverse('commitment-list')}?{quote(query, safe='=&')}")
    assert response.status_code == 200
    assert not response.context["page"]["has_next"]
    return {commitment.number for commitment in response.context["page"]["rows"]}


def api_numbers(client, query):
    response = client.get(f"/api/commitments/?{quote(query, safe='=&')}&page_size=500")
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return {row["number"] for row in response.json()["results"]}


def test_it_filters_overdue_per_ministry_as_the_dashboard_does(client, register):
    query = "ministry=BZK&overdue=true"
    expected = {register.rows[key].number for key in ("bzk overdue", "bzk overdue 2")}
    assert api_numbers(APIClient(), query) == expected
    assert dashboard_numbers(client, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "ministry=FIN&overdue=true",
        "ministry=BZK&overdue=false",
        "status=open",
        "status=fulfilled",
        "status=lapsed",
        "overdue=true",
        "committee=BiZa",
        "party=GL",
        "member=jansen",
        "source=28638-212",
        "source=28 638, nr. 212",
        "q=subsidieregeling",
        "official=Bewindspersoon",
        "due_before={past}",
        "due_after={today}",
        "due_after={past}&due_before={today}&ministry=BZK",
    ],
)
def test_it_means_by_each_filter_what_the_dashboard_means(client, register, query):
    query = query.format(past=register.past.isoformat(), today=register.today.isoformat())
    assert api_numbers(APIClient(), query) == dashboard_numbers(client, query)
