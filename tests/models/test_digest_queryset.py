"""The outbox's one definition of a digest that is due and of one that is in doubt."""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Digest
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 7, 4, 7, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("state", "lease_expires_at", "in_doubt"),
    [
        (Digest.State.SENDING, NOW - MINUTE, True),
        (Digest.State.SENDING, NOW + MINUTE, False),
        (Digest.State.SENDING, None, False),
        (Digest.State.PENDING, NOW - MINUTE, False),
        (Digest.State.FAILED, NOW - MINUTE, False),
        (Digest.State.SENT, None, False),
    ],
)
def test_it_finds_a_digest_in_doubt_alike_in_the_database_and_in_memory(
    state, lease_expires_at, in_doubt, time_machine
):
    time_machine.move_to(NOW, tick=False)
    digest = Digest.objects.create(
        contact=ContactFactory(),
        day=NOW.date(),
        state=state,
        lease_expires_at=lease_expires_at,
    )

    assert digest.in_doubt is in_doubt
    assert Digest.objects.in_doubt().contains(digest) is in_doubt
    assert Digest.objects.in_doubt(NOW - 2 * MINUTE).exists() is False


def test_it_counts_a_pending_digest_due_from_its_next_attempt_on():
    now = timezone.now()
    digest = Digest.objects.create(contact=ContactFactory(), day=now.date(), next_attempt_at=now)

    assert list(Digest.objects.due(now - MINUTE)) == []
    assert list(Digest.objects.due(now)) == [digest]
    Digest.objects.update(state=Digest.State.SENDING)
    assert list(Digest.objects.due(now)) == []
