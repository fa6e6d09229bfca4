"""Our own numbers leave the Tweede Kamer's series (issue 16): migration 0015 renames the TZ
numbers of commitments registered here, keeps the old ones, and the old public address still
leads to the commitment."""

import datetime
import importlib
import types
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from commitments.models import Commitment, FormerNumber
from tests.factories import CommitmentFactory

migration = importlib.import_module("commitments.migrations.0015_local_number_series")


def run_renaming():
    # The migration's function only uses the editor's connection; SQLite's schema editor
    # cannot be opened inside the test's transaction.
    migration.rename(None, types.SimpleNamespace(connection=connection))


@pytest.mark.django_db
def test_it_moves_our_numbers_out_of_the_chambers_series_and_leaves_the_chambers_alone():
    """Before the migration a clerk's commitment was numbered TZ202509-004 in the Chamber's
    series, beside one taken over from the Chamber."""
    ours = CommitmentFactory(made_on=datetime.date(2025, 9, 2), number="TZ202509-004")
    chambers = CommitmentFactory(
        made_on=datetime.date(2025, 9, 2), number="TZ202509-005", tk_id=uuid.uuid4()
    )
    eerste_kamer = CommitmentFactory(made_on=datetime.date(2014, 3, 1), number="T01970")

    run_renaming()

    numbers = dict(Commitment.objects.values_list("pk", "number"))
    assert numbers[ours.pk] == "TL202509-004"
    assert numbers[chambers.pk] == "TZ202509-005"
    assert numbers[eerste_kamer.pk] == "T01970"
    assert list(FormerNumber.objects.values_list("number", "commitment")) == [
        ("TZ202509-004", ours.pk)
    ]


@pytest.mark.django_db
def test_it_sends_a_reader_of_an_old_address_on_to_the_commitment(client):
    commitment = CommitmentFactory(made_on=datetime.date(2022, 11, 8), number="TZ202211-002")
    run_renaming()

    response = client.get(reverse("commitment-detail", args=["TZ202211-002"]))

    assert response.status_code == 301
    assert response["Location"] == reverse("commitment-detail", args=["TL202211-002"])
    assert client.get(response["Location"]).context["commitment"] == commitment


@pytest.mark.django_db
def test_it_still_answers_404_for_a_number_no_commitment_ever_had(client):
    assert client.get(reverse("commitment-detail", args=["TZ202211-099"])).status_code == 404
