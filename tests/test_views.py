import datetime

import pytest
from django.contrib.auth.models import Group

from tests.factories import CommitmentFactory, DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return CommitmentFactory(
        summary="Informeren over de Proeftuin aangiftebereidheid",
        deadline_phrase="in november van dit jaar",
        made_on=datetime.date(2022, 11, 8),
        due_date=datetime.date(2022, 11, 30),
        due_precision="month",
        source=DocumentFactory(
            dossier_number="28 638", document_number="212", url="https://example.org/kst-212"
        ),
    )


@pytest.mark.parametrize("role", ["anonymous", "reader", "clerk"])
def test_it_shows_a_commitment_to_everyone(client, commitment, role):
    if role != "anonymous":
        user = UserFactory()
        if role == "clerk":
            user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name="Clerks"))
        client.force_login(user)

    response = client.get(f"/commitments/{commitment.number}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Informeren over de Proeftuin aangiftebereidheid" in page
    assert "«in november van dit jaar» 30 november 2022" in page
    assert 'href="https://example.org/kst-212"' in page
    assert "Kamerstuk 28 638, nr. 212" in page


def test_it_answers_an_unknown_number_with_not_found(client):
    assert client.get("/commitments/TZ209901-001/").status_code == 404
