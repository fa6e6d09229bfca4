"""Cursor pages of the API: every commitment once, newest first, in as many queries at any depth."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories import (
    CommitmentFactory,
    CommitteeFactory,
    MemberFactory,
    MinistryFactory,
)

pytestmark = pytest.mark.django_db


# --- Cursor pagination -------------------------------------------------------------------------


@pytest.fixture
def many(db):
    """25 commitments, newest (highest id) first, each with the relations the list shows."""
    ministry = MinistryFactory()
    member = MemberFactory()
    committee = CommitteeFactory()
    created = []
    for index in range(25):
        commitment = CommitmentFactory(
            ministry=ministry,
            official=None,
            committee=committee,
            repeats=created[-1] if created else None,
            made_on=datetime.date(2024, 1 + index % 12, 1),
            due_date=None if index % 5 == 0 else datetime.date(2025, 1, 1),
            due_precision="none" if index % 5 == 0 else "day",
        )
        commitment.made_to.add(member)
        commitment.made_to_parties.add(member.party)
        created.append(commitment)
    return [c.number for c in sorted(created, key=lambda c: c.pk, reverse=True)]


def test_it_pages_through_every_commitment_exactly_once_newest_first(many):
    client = APIClient()
    url, pages = "/api/commitments/?page_size=10", []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages.append([row["number"] for row in response.json()["results"]])
        url = response.json()["next"]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert list(itertools.chain(*pages)) == many

    # And back again: `previous` from the last page gives the middle page.
    previous = client.get(response.json()["previous"]).json()
    assert [row["number"] for row in previous["results"]] == pages[1]


def test_it_keeps_its_place_when_commitments_are_added_while_paging(many):
    client = APIClient()
    first = client.get("/api/commitments/?page_size=10").json()
    CommitmentFactory.create_batch(3)
    second = client.get(first["next"]).json()
    assert [row["number"] for row in second["results"]] == many[10:20]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


def test_it_reads_a_deep_page_in_as_many_queries_as_the_first(many):
    client = APIClient()
    first_count, page = count_queries(client, "/api/commitments/?page_size=5")
    for _ in range(3):
        page = client.get(page["next"]).json()
    deep_count, deep = count_queries(client, page["next"])
    assert len(deep["results"]) == 5
    assert [row["number"] for row in deep["results"]] == many[20:25]
    assert deep_count == first_count


def test_it_reads_a_page_in_the_same_number_of_queries_whatever_the_page_size(many):
    client = APIClient()
    small, small_page = count_queries(client, "/api/commitments/?page_size=10")
    large, large_page = count_queries(client, "/api/commitments/?page_size=50")
    assert (len(small_page["results"]), len(large_page["results"])) == (10, 25)
    assert large == small
