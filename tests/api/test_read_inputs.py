"""The API's list against query values a client sends that no code path expected."""

import base64
import datetime

import pytest
from rest_framework.test import APIClient

from tests.conftest import assert_error
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_size", ["²", "٣", "\uff11\uff10"])
def test_it_refuses_a_page_size_in_digits_other_than_ascii(page_size):
    """A script asks for /api/commitments/?page_size=² (superscript two), ٣ (Arabic-Indic
    three) or U+FF11 U+FF10 (full-width ten): a 400 in the API's error shape naming page_size,
    not a 500 HTML page."""
    response = APIClient().get("/api/commitments/", {"page_size": page_size})

    assert response["Content-Type"].startswith("application/json")
    assert_error(response, 400, "page_size")


def test_it_lists_every_status_asked_for():
    """A script asks for /api/commitments/?status=partially_fulfilled&status=fulfilled: both
    commitments come back; a withdrawn partially fulfilled one does not (it is not open)."""
    partly = CommitmentFactory(status="partially_fulfilled", official=None)
    done = CommitmentFactory(
        status="fulfilled", official=None, fulfilled_on=datetime.date(2024, 5, 1)
    )
    CommitmentFactory(status="partially_fulfilled", withdrawn_from_source=True, official=None)
    CommitmentFactory(status="lapsed", official=None)

    response = APIClient().get(
        "/api/commitments/", {"status": ["partially_fulfilled", "fulfilled"]}
    )

    assert response.status_code == 200
    assert {row["number"] for row in response.json()["results"]} == {partly.number, done.number}


def test_it_refuses_a_status_it_does_not_know_among_several():
    """A script asks for ?status=open&status=bogus: a 400 naming status, not a partial list."""
    assert_error(APIClient().get("/api/commitments/?status=open&status=bogus"), 400, "status")


@pytest.mark.parametrize(
    "position", ["abc", "x", "%00", "99999999999999999999999", "9223372036854775808"]
)
def test_it_refuses_a_cursor_edited_to_hold_no_key(position):
    """A script edits the API's cursor to base64("p=abc"), "p=x", "p=%00", a position of
    99999999999999999999999, or 2**63: a 404 "Invalid cursor" in the API's error shape, not a
    500."""
    CommitmentFactory(official=None)
    cursor = base64.b64encode(f"p={position}".encode()).decode()

    assert_error(APIClient().get("/api/commitments/", {"cursor": cursor}), 404)


def test_it_still_follows_the_cursors_it_hands_out():
    """A script follows `next` from ?page_size=1 over two commitments: the second page holds
    the older one."""
    older = CommitmentFactory(official=None)
    CommitmentFactory(official=None)

    first = APIClient().get("/api/commitments/", {"page_size": 1}).json()
    second = APIClient().get(first["next"]).json()

    assert [row["number"] for row in second["results"]] == [older.number]
