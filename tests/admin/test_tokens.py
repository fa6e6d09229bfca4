"""API tokens in the admin (django-rest-knox): each clerk makes one token of their own, sees it
once, gives it a lifetime, and revokes it."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import Ministry
from tests.conftest import assert_error
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKENS = "/admin/knox/authtoken/"


def shown_token(response):
    """The token the admin's message shows after it was made."""
    text = " ".join(str(message) for message in response.context["messages"])
    return re.search(r"[0-9a-f]{64}", text).group()


def writes_with(token):
    """What a script gets when it adds a ministry with `token`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.post("/api/ministries/", {"name": "X", "abbreviation": "X"}, format="json")


def test_it_lets_a_clerk_open_the_token_form_with_the_default_lifetime(clerk_client):
    """A clerk opens Tokens → add: the lifetime field offers API_TOKEN_DAYS (90) days."""
    response = clerk_client.get(f"{TOKENS}add/")

    assert response.status_code == 200
    assert response.context["adminform"].form["days"].value() == settings.API_TOKEN_DAYS


def test_it_shows_a_new_token_once_and_stores_only_its_hash(clerk, clerk_client):
    """A clerk posts the form with days=30: the next page shows the token, which works against
    the API; the database holds only its digest, and the token's own page never shows it."""
    response = clerk_client.post(f"{TOKENS}add/", {"days": "30"}, follow=True)
    token = shown_token(response)

    stored = AuthToken.objects.get()
    assert stored.user == clerk
    assert token not in {stored.digest, stored.token_key}
    assert stored.expiry.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert token not in clerk_client.get(f"{TOKENS}{stored.pk}/change/").content.decode()
    assert token not in clerk_client.get(TOKENS).content.decode()
    assert writes_with(token).status_code == 201


def test_it_refuses_a_token_after_its_lifetime(clerk, clerk_client):
    """A clerk makes a token valid for 1 day; two days later the API refuses it."""
    token = shown_token(clerk_client.post(f"{TOKENS}add/", {"days": "1"}, follow=True))

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        response = writes_with(token)

    assert assert_error(response, 403)["code"] == "authentication_failed"
    assert not Ministry.objects.exists()


@pytest.mark.parametrize("days", ["0", "-5", "367", "many"])
def test_it_refuses_a_lifetime_out_of_bounds(clerk_client, days):
    """A clerk posts days=0, -5, 367 or "many": the form comes back and no token is made."""
    response = clerk_client.post(f"{TOKENS}add/", {"days": days})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["days"]
    assert not AuthToken.objects.exists()


def test_it_never_lets_a_clerk_choose_the_token_or_the_owner(clerk, clerk_client):
    """A clerk posts a chosen digest, token_key and another user's id: the token is the clerk's
    and drawn at random."""
    other = UserFactory()
    chosen = "a" * 64
    clerk_client.post(
        f"{TOKENS}add/",
        {"days": "30", "digest": chosen, "token_key": chosen[:15], "user": other.pk},
    )

    assert not AuthToken.objects.filter(user=other).exists()
    assert AuthToken.objects.get().user == clerk
    assert not AuthToken.objects.filter(token_key=chosen[:15]).exists()


def test_it_shows_a_clerk_only_their_own_token(clerk, clerk_client):
    """A clerk, a staff colleague and a reader each hold a token; the clerk's list shows one."""
    mine, _ = AuthToken.objects.create(user=clerk)
    AuthToken.objects.create(user=UserFactory(is_staff=True))
    AuthToken.objects.create(user=UserFactory())

    response = clerk_client.get(TOKENS)

    assert response.status_code == 200
    assert [token.pk for token in response.context["cl"].result_list] == [mine.pk]


def test_it_lets_a_clerk_have_one_live_token_only(clerk, clerk_client):
    """A clerk with a live token opens and posts the add form: refused, still one token."""
    AuthToken.objects.create(user=clerk)

    assert clerk_client.get(f"{TOKENS}add/").status_code == 403
    assert clerk_client.post(f"{TOKENS}add/", {"days": "30"}).status_code == 403
    assert AuthToken.objects.filter(user=clerk).count() == 1


def test_it_lets_a_clerk_make_a_new_token_once_the_old_one_expired(clerk, clerk_client):
    """A clerk whose token expired yesterday posts the add form with days=30: a new token."""
    AuthToken.objects.create(user=clerk, expiry=datetime.timedelta(days=-1))

    response = clerk_client.post(f"{TOKENS}add/", {"days": "30"}, follow=True)

    assert writes_with(shown_token(response)).status_code == 201


def test_it_lets_a_clerk_revoke_their_token_and_the_api_then_refuses_it(clerk, clerk_client):
    """A clerk deletes their token in the admin; a script sending it is then refused."""
    stored, token = AuthToken.objects.create(user=clerk)

    response = clerk_client.post(f"{TOKENS}{stored.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=clerk).exists()
    response = writes_with(token)
    assert assert_error(response, 403)["code"] == "authentication_failed"
    assert not Ministry.objects.exists()


def test_it_revokes_the_old_plain_text_tokens_and_moves_the_clerks_rights(clerk):
    """A clerk holds a DRF token from before knox (its 40-character key in plain text); migration
    0011 runs: the key is gone from the database, a script sending it is refused, and the Clerks
    group may view, add and delete knox tokens instead of DRF's."""
    old_key = Token.objects.create(user=clerk).key
    clerks = Group.objects.get(name="Clerks")
    old_rights = ["view_tokenproxy", "add_tokenproxy", "delete_tokenproxy"]
    clerks.permissions.add(*Permission.objects.filter(codename__in=old_rights))

    migration = importlib.import_module("commitments.migrations.0011_api_tokens_hashed")
    migration.move_to_knox(apps, schema_editor=None)

    assert not Token.objects.exists()
    assert assert_error(writes_with(old_key), 403)["code"] == "authentication_failed"
    rights = set(clerks.permissions.values_list("content_type__app_label", "codename"))
    assert {("knox", "view_authtoken"), ("knox", "add_authtoken")} <= rights
    assert ("knox", "delete_authtoken") in rights
    assert not {label for label, _ in rights} & {"authtoken"}
