"""The API's list against query values a client sends that no code path expected."""

import pytest
from rest_framework.test import APIClient

from tests.conftest import assert_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_size", ["²", "٣", "\uff11\uff10"])
def test_it_refuses_a_page_size_in_digits_other_than_ascii(page_size):
    """A script asks for /api/commitments/?page_size=² (superscript two), ٣ (Arabic-Indic
    three) or U+FF11 U+FF10 (full-width ten): a 400 in the API's error shape naming page_size,
    not a 500 HTML page."""
    response = APIClient().get("/api/commitments/", {"page_size": page_size})

    assert response["Content-Type"].startswith("application/json")
    assert_error(response, 400, "page_size")
