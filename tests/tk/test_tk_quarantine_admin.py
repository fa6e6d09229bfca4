"""The quarantine in the admin: what a clerk sees of the register's records the import could not
take in, and that nobody changes them there."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from commitments.models import TkQuarantine
from tests.conftest import snapshot
from tests.toezeggingen import toezegging

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def held():
    return TkQuarantine.objects.create(
        source_url="https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging",
        tk_id=uuid.UUID(int=5),
        number="TZ202403-005",
        field="Status",
        reason="Status 'Bijna klaar' is unknown (known: Openstaand, Afgedaan).",
        record=toezegging(5, Status="Bijna klaar"),
    )


def test_it_lists_quarantined_records_with_number_field_reason_and_when_seen(clerk_client, held):
    response = clerk_client.get(reverse("admin:commitments_tkquarantine_changelist"))

    assert response.status_code == 200
    page = response.content.decode()
    for shown in ("TZ202403-005", "Status", "Bijna klaar"):
        assert shown in page
    # The columns, in the language the admin speaks to the clerk.
    with translation.override("nl"):
        for name in ("field", "reason", "first_seen_at", "last_seen_at", "resolved_at"):
            heading = str(TkQuarantine._meta.get_field(name).verbose_name)
            assert heading.capitalize() in page, heading


def test_it_shows_the_record_as_served_and_offers_no_way_to_change_it(clerk_client, held):
    url = reverse("admin:commitments_tkquarantine_change", args=[held.pk])
    response = clerk_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "&quot;Status&quot;: &quot;Bijna klaar&quot;" in page
    assert "De staatssecretaris zegt toe" in page
    assert 'name="_save"' not in page
    before = snapshot()
    assert clerk_client.post(url, {"reason": "Opgelost"}).status_code == 403
    delete = reverse("admin:commitments_tkquarantine_delete", args=[held.pk])
    assert clerk_client.post(delete, {"post": "yes"}).status_code == 403
    assert snapshot() == before


def test_it_filters_what_still_waits_from_what_was_resolved(clerk_client, held):
    url = reverse("admin:commitments_tkquarantine_changelist")
    assert "TZ202403-005" in clerk_client.get(url, {"resolved": "no"}).content.decode()
    assert "TZ202403-005" not in clerk_client.get(url, {"resolved": "yes"}).content.decode()


def test_it_lets_superusers_read_it_too(superuser_client, held):
    url = reverse("admin:commitments_tkquarantine_change", args=[held.pk])
    assert superuser_client.get(url).status_code == 200


def test_it_keeps_it_from_staff_outside_the_clerks_group(staff_client, held):
    url = reverse("admin:commitments_tkquarantine_changelist")
    assert staff_client.get(url).status_code == 403


def test_it_sends_a_reader_to_the_admins_login(reader_client, held):
    url = reverse("admin:commitments_tkquarantine_changelist")
    assert reader_client.get(url).url.startswith(reverse("admin:login"))
