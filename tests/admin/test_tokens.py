"""API tokens in the admin: each clerk makes, sees and revokes one token of their own."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import Ministry
from tests.conftest import assert_error
from tests.factories import (
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- API tokens in the admin -------------------------------------------------------------------

TOKENS = "/admin/authtoken/tokenproxy/"


def test_it_lets_a_clerk_open_the_token_form(clerk_client):
    assert clerk_client.get(f"{TOKENS}add/").status_code == 200


def test_it_makes_a_token_for_the_clerk_from_an_empty_form(clerk, clerk_client):
    response = clerk_client.post(f"{TOKENS}add/", {})
    assert response.status_code == 302
    token = Token.objects.get()
    assert token.user == clerk
    assert len(token.key) == 40


def test_it_never_lets_a_clerk_choose_the_key_or_the_owner(clerk, clerk_client):
    other = UserFactory()
    chosen = "a" * 40
    clerk_client.post(f"{TOKENS}add/", {"key": chosen, "user": other.pk})
    assert not Token.objects.filter(user=other).exists()
    assert not Token.objects.filter(key=chosen).exists()


def test_it_shows_a_clerk_only_their_own_token(clerk, clerk_client):
    mine = Token.objects.create(user=clerk)
    colleague = UserFactory(is_staff=True)
    Token.objects.create(user=colleague)
    Token.objects.create(user=UserFactory())
    response = clerk_client.get(TOKENS)
    assert response.status_code == 200
    assert [token.key for token in response.context["cl"].result_list] == [mine.key]


def test_it_lets_a_clerk_have_one_token_only(clerk, clerk_client):
    Token.objects.create(user=clerk)
    assert clerk_client.get(f"{TOKENS}add/").status_code == 403
    assert clerk_client.post(f"{TOKENS}add/", {}).status_code == 403
    assert Token.objects.filter(user=clerk).count() == 1


def test_it_lets_a_clerk_revoke_their_token_and_the_api_then_refuses_it(clerk, clerk_client):
    key = Token.objects.create(user=clerk).key
    response = clerk_client.post(f"{TOKENS}{clerk.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=clerk).exists()

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post("/api/ministries/", {"name": "X", "abbreviation": "X"}, format="json")
    assert assert_error(response, 403)["code"] == "authentication_failed"
    assert not Ministry.objects.exists()
