"""The overview's cards: each card's number is the number of commitments its link lists."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from commitments.models import Commitment
from commitments.services.overdue import flag_overdue
from tests.factories import CommitmentFactory, MinistryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(count: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=count)


@pytest.fixture
def register():
    """Commitments on both sides of every card's edges: due yesterday, today, in 30 and in 31
    days, without a date, partially fulfilled, fulfilled, lapsed, and one withdrawn from the
    Tweede Kamer's register (no longer owed)."""
    ministry = MinistryFactory()
    made = {"ministry": ministry, "made_on": days(-200)}
    for due in [days(-40), days(-1), days(0), days(10), days(30), days(31), days(90)]:
        CommitmentFactory(due_date=due, **made)
    CommitmentFactory(due_date=None, due_precision=Commitment.Precision.NONE, **made)
    for due, status in [
        (days(5), Commitment.Status.PARTIALLY_FULFILLED),
        (days(-5), Commitment.Status.PARTIALLY_FULFILLED),
        (days(20), Commitment.Status.FULFILLED),
        (days(20), Commitment.Status.LAPSED),
    ]:
        commitment = CommitmentFactory(due_date=due, **made)
        fulfilled_on = days(-2) if status == Commitment.Status.FULFILLED else None
        Commitment.objects.filter(pk=commitment.pk).update(status=status, fulfilled_on=fulfilled_on)
    withdrawn = CommitmentFactory(due_date=days(12), **made)
    Commitment.objects.filter(pk=withdrawn.pk).update(withdrawn_from_source=True)
    flag_overdue()
    cache.clear()


def listed(client, query: str) -> int:
    """How many commitments the list shows for `query`, over all its pages."""
    count, number = 0, 1
    while True:
        page = client.get(f"{reverse('commitment-list')}?{query}&page={number}").context["page"]
        count += len(page["rows"])
        if not page["has_next"]:
            return count
        number += 1


def test_it_lists_as_many_commitments_as_each_card_says(client, register):
    response = client.get(reverse("overview"))
    cards = response.context["cards"]
    assert set(cards) == {
        "open",
        "overdue",
        "due_soon",
        "partially_fulfilled",
        "fulfilled",
        "lapsed",
    }
    for key, card in cards.items():
        assert escape(card.query) in response.content.decode(), key
        assert card.count == listed(client, card.query), key


def test_it_counts_what_is_due_in_the_next_30_days_and_nothing_later(client, register):
    cards = client.get(reverse("overview")).context["cards"]
    # Today, in 10 and in 30 days, and the partially fulfilled one in 5: not the one in 31 days,
    # the fulfilled or lapsed ones, nor the one withdrawn from the source.
    assert cards["due_soon"].count == 4
    assert cards["overdue"].count == 3
