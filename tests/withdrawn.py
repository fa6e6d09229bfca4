"""A register with a commitment withdrawn from the Tweede Kamer's register beside one still owed,
for the tests that no place counts or lists a withdrawn commitment as open (tests/web,
tests/api, tests/admin and tests/services: test_withdrawn*.py).

Both are open and overdue by their status and flag, and made to the same member; the ministry has
a contact. The withdrawn one still carries the overdue flag it had before the import withdrew it,
as it does until the next overdue sweep. The owed one shows that a place does list open
commitments; the withdrawn one must not be among them.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from commitments.models import Commitment
from tests.factories import CommitmentFactory, ContactFactory, MemberFactory, MinistryFactory

TODAY = timezone.localdate()
DUE = TODAY - datetime.timedelta(days=4)


def withdrawn_register() -> SimpleNamespace:
    """The ministry, its contact, the member, and the `owed` and `withdrawn` commitments."""
    ministry = MinistryFactory(name="Justitie en Veiligheid", abbreviation="JenV")
    member = MemberFactory(name="Kuik")
    rows = {}
    for name, withdrawn in (("owed", False), ("withdrawn", True)):
        commitment = CommitmentFactory(
            ministry=ministry,
            made_on=TODAY - datetime.timedelta(days=100),
            due_date=DUE,
            summary=f"Rapport ({name})",
            withdrawn_from_source=withdrawn,
        )
        commitment.made_to.add(member)
        rows[name] = commitment
    Commitment.objects.filter(ministry=ministry).update(
        overdue_since=DUE + datetime.timedelta(days=1)
    )
    return SimpleNamespace(
        ministry=ministry,
        member=member,
        contact=ContactFactory(ministry=ministry, email="coordinator@example.org"),
        **{name: Commitment.objects.get(pk=c.pk) for name, c in rows.items()},
    )
