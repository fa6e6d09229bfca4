"""The addressees in the audit trail through changes written in bulk: a lapse through the API,
the overdue sweep and the Tweede Kamer import. The commitment was made to member Kuik (CDA) and
to the CDA; none of these changes touches that, and the admin's history must not say it did."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from commitments.models import Commitment
from commitments.services import overdue
from commitments.services.commitments import register_commitment
from commitments.tk import sync as tk
from tests.factories import CommitmentFactory, MemberFactory, MinistryFactory, PartyFactory
from tests.toezeggingen import CHANGED, CONTEXT, toezegging

pytestmark = pytest.mark.django_db

# The admin's history writes a change as "<strong>field:</strong> old &rarr; new"; addressees
# that read as removed end in "&rarr;&nbsp;&nbsp;[]".
REMOVED_ALL = "&rarr;&nbsp;&nbsp;[]"


@pytest.fixture
def promised_to_kuik(clerk):
    """A commitment, due 4 July 2024, made to member Kuik (CDA) and the CDA, registered by a
    clerk on 1 June 2024, before it was due (registration flags a commitment already overdue)."""
    cda = PartyFactory(name="Christen-Democratisch Appèl", abbreviation="CDA")
    kuik = MemberFactory(name="Kuik", party=cda)
    draft = CommitmentFactory.build(
        ministry=MinistryFactory(), official=None, due_date=datetime.date(2024, 7, 4)
    )
    with time_machine.travel(datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)):
        return register_commitment(
            commitment=draft, user=clerk, made_to=[kuik], made_to_parties=[cda]
        )


def admin_history(clerk_client, commitment) -> str:
    url = reverse("admin:commitments_commitment_history", args=[commitment.pk])
    return clerk_client.get(url).content.decode()


def addressees_recorded(record) -> tuple[list[str], list[str]]:
    return (
        [row.member.name for row in record.made_to.all()],
        [row.party.abbreviation for row in record.made_to_parties.all()],
    )


def test_it_shows_no_addressee_change_after_a_lapse_through_the_api(
    promised_to_kuik, token_client, clerk_client
):
    """A clerk's script posts {"reason": "Niet meer nodig na het debat"} to the lapse endpoint."""
    response = token_client.post(
        f"/api/commitments/{promised_to_kuik.number}/lapse/",
        {"reason": "Niet meer nodig na het debat"},
        format="json",
    )

    assert response.status_code == 200
    history = admin_history(clerk_client, promised_to_kuik)
    assert "Niet meer nodig na het debat" in history
    assert REMOVED_ALL not in "".join(history.split())
    latest = promised_to_kuik.history.latest()
    assert latest.status == Commitment.Status.LAPSED
    assert addressees_recorded(latest) == (["Kuik"], ["CDA"])


def test_it_shows_no_addressee_change_after_the_overdue_sweep(promised_to_kuik, clerk_client):
    """The sweep runs on 1 September 2024, after the due date of 4 July, and again on 1 October
    after a clerk moved the due date to 31 December (clearing the flag)."""
    assert overdue.flag_overdue(today=datetime.date(2024, 9, 1)).flagged == 1
    Commitment.objects.filter(pk=promised_to_kuik.pk).update(due_date=datetime.date(2024, 12, 31))
    assert overdue.flag_overdue(today=datetime.date(2024, 10, 1)).cleared == 1

    history = admin_history(clerk_client, promised_to_kuik)
    assert overdue.FLAG_REASON in history
    assert REMOVED_ALL not in "".join(history.split())
    flagged = promised_to_kuik.history.get(history_change_reason=overdue.FLAG_REASON)
    cleared = promised_to_kuik.history.get(history_change_reason=overdue.CLEAR_REASON)
    assert addressees_recorded(flagged) == (["Kuik"], ["CDA"])
    assert addressees_recorded(cleared) == (["Kuik"], ["CDA"])


def test_it_copies_each_commitments_own_addressees_in_one_sweep(promised_to_kuik):
    """The sweep on 1 September 2024 flags the commitment made to Kuik and one made to no one."""
    nobodys = CommitmentFactory(due_date=datetime.date(2024, 7, 4))

    assert overdue.flag_overdue(today=datetime.date(2024, 9, 1)).flagged == 2

    assert addressees_recorded(promised_to_kuik.history.latest()) == (["Kuik"], ["CDA"])
    assert addressees_recorded(nobodys.history.latest()) == ([], [])


def test_it_keeps_the_addressees_a_clerk_gave_through_a_later_import(tmp_path, english):
    """A clerk imports record 1 from a file, says it was made to member Kuik, and imports the
    file again after the Chamber changed the record's text."""
    page = tmp_path / "toezeggingen.json"
    page.write_text(json.dumps({"@odata.context": CONTEXT, "value": [toezegging(1)]}))
    tk.import_toezeggingen(source=str(page))
    imported = Commitment.objects.get()
    imported.made_to.set([MemberFactory(name="Kuik")])
    later = (CHANGED + datetime.timedelta(days=1)).isoformat()
    changed = toezegging(1, Tekst="Het kabinet informeert de Kamer na de zomer.", GewijzigdOp=later)
    page.write_text(json.dumps({"@odata.context": CONTEXT, "value": [changed]}))

    assert tk.import_toezeggingen(source=str(page)).updated == 1

    latest = imported.history.latest()
    assert latest.text == "Het kabinet informeert de Kamer na de zomer."
    assert addressees_recorded(latest) == (["Kuik"], [])
