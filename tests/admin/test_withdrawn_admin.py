"""The admin's filters and a commitment withdrawn from the Tweede Kamer's register
(tests/withdrawn.py): it is kept, but not filtered as open or overdue."""

import pytest
from django.urls import reverse

from tests.withdrawn import withdrawn_register

pytestmark = pytest.mark.django_db


def test_it_leaves_a_withdrawn_commitment_out_of_the_admins_open_and_overdue_filters(
    clerk_client,
):
    """A clerk filters the admin's changelist. Tried: status open, overdue, and not overdue."""
    register = withdrawn_register()
    url = reverse("admin:commitments_commitment_changelist")

    def numbers(query):
        response = clerk_client.get(f"{url}?{query}")
        assert response.status_code == 200
        return {commitment.number for commitment in response.context["cl"].result_list}

    assert numbers("status__exact=open") == {register.owed.number}
    assert numbers("overdue=yes") == {register.owed.number}
    assert register.withdrawn.number in numbers("overdue=no")
