"""Security as a feature: login throttling, the Content-Security-Policy, the production settings
that `manage.py check --deploy` asks for, and no secret in the repository."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from commitments.models import Commitment, Member
from commitments.services import links
from tests.conftest import PASSWORD, api_token
from tests.factories import ContactFactory

BASE_DIR = Path(__file__).resolve().parents[2]
HOME_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.66"


def log_in(client, url, password, address):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(
        url, {"username": "griffier", "password": password}, REMOTE_ADDR=address, follow=False
    )


def fail_until_locked(client, url, address):
    """As many wrong passwords as the limit allows; the last of them already gets the lock."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, url, "wrong guess", address)


# --- login throttling -----------------------------------------------------------------------------

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_it_refuses_even_the_right_password_after_too_many_wrong_ones(client, superuser, url):
    fail_until_locked(client, url, HOME_ADDRESS)

    response = log_in(client, url, PASSWORD, HOME_ADDRESS)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many failed attempts" in page
    assert "Try again in 15 minutes." in page


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_it_still_lets_the_clerk_in_from_another_address(client, superuser, url):
    fail_until_locked(client, url, ATTACKER_ADDRESS)

    response = log_in(client, url, PASSWORD, HOME_ADDRESS)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_it_lets_the_clerk_in_again_after_the_cool_off(client, superuser):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_until_locked(client, "/accounts/login/", HOME_ADDRESS)
        assert log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS).status_code == 429
    # Still locked just before the cool-off ends; an attempt while locked starts the wait again,
    # so someone who keeps guessing stays locked out.
    almost = start + settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    with time_machine.travel(almost, tick=False):
        assert log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS).status_code == 429

    after = almost + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(after, tick=False):
        response = log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_it_slows_guessing_one_clerks_password_from_many_addresses(client, superuser):
    """An attacker tries "wrong guess" for griffier once from each of LOGIN_USERNAME_FAILURE_LIMIT
    (20) addresses 203.0.113.1-20; the clerk's right password from a new address, 198.51.100.7, is
    then refused until the cool-off has passed, and let in after it."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(1, settings.LOGIN_USERNAME_FAILURE_LIMIT + 1):
            log_in(client, "/accounts/login/", "wrong guess", f"203.0.113.{n}")
        refused = log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    after = start + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(after, tick=False):
        response = log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def test_it_does_not_lock_the_username_below_its_own_limit(client, superuser):
    """One short of LOGIN_USERNAME_FAILURE_LIMIT: "wrong guess" for griffier from 19 addresses
    203.0.113.1-19; the clerk's right password from 198.51.100.7 still gets in."""
    for n in range(1, settings.LOGIN_USERNAME_FAILURE_LIMIT):
        log_in(client, "/accounts/login/", "wrong guess", f"203.0.113.{n}")

    assert log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS).status_code == 302


def test_it_forgets_the_failed_attempts_once_the_clerk_gets_in(client, superuser):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "/accounts/login/", "wrong guess", HOME_ADDRESS)
    assert log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "/accounts/login/", "wrong guess", HOME_ADDRESS)

    assert log_in(client, "/accounts/login/", PASSWORD, HOME_ADDRESS).status_code == 302


def test_it_still_takes_an_api_token(client, superuser, settings):
    settings.DASHBOARD_REQUIRE_LOGIN = True
    token = api_token(superuser)
    assert client.get("/api/commitments/").status_code in {401, 403}

    response = client.get("/api/commitments/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200


# --- Content-Security-Policy ---------------------------------------------------------------------


def every_page_kind():
    commitment = Commitment.objects.get(number="TL202211-002")
    contact = ContactFactory(ministry=commitment.ministry)
    return {
        "overview": "/",
        "list": "/commitments/",
        "detail": f"/commitments/{commitment.number}/",
        "ministry": f"/ministries/{commitment.ministry.abbreviation}/",
        "member": f"/members/{Member.objects.order_by('pk').first().pk}/",
        "respond": f"/respond/{links.token_for(contact)}/",
        "login": "/accounts/login/",
        "admin index": "/admin/",
        "admin changelist": "/admin/commitments/commitment/",
        "admin change form": f"/admin/commitments/commitment/{commitment.pk}/change/",
        "browsable API": "/api/commitments/",
        "API docs": "/api/docs/",
        "Redoc": "/api/redoc/",
    }


def policy_of(response):
    return dict(
        [*directive.split(" ", 1), ""][:2]
        for directive in response["Content-Security-Policy"].split("; ")
    )


def test_it_sends_the_policy_with_every_kind_of_page(seed, client, superuser):
    client.force_login(superuser)
    for kind, url in every_page_kind().items():
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, kind

        policy = policy_of(response)

        assert policy["default-src"] == "'self'", kind
        assert policy["script-src"].startswith("'self'"), kind
        assert "unsafe-inline" not in policy["script-src"], kind
        # Redoc alone adds style elements while it loads (see commitments/api/urls.py).
        if kind != "Redoc":
            assert "unsafe-inline" not in policy["style-src"], kind
        assert policy["frame-ancestors"] == "'none'", kind
        assert policy["form-action"] == "'self'", kind
        assert policy["object-src"] == "'none'", kind
        assert policy["base-uri"] == "'self'", kind
        assert response["X-Frame-Options"] == "DENY", kind
        assert response["X-Content-Type-Options"] == "nosniff", kind


def test_it_lets_only_inline_scripts_with_the_pages_own_nonce_run(seed, client):
    response = client.get("/api/docs/")

    nonce = re.search(r"'nonce-([^']+)'", policy_of(response)["script-src"]).group(1)
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert inline_scripts
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline_scripts)
    assert (
        client.get("/api/docs/")["Content-Security-Policy"] != response["Content-Security-Policy"]
    )


def test_it_draws_the_dashboard_without_inline_styles(seed, client):
    for url in ["/", "/commitments/", "/commitments/TL202211-002/"]:
        page = client.get(url).content.decode()
        assert "<style" not in page, url
        assert " style=" not in page, url


# --- production settings --------------------------------------------------------------------------


def production_environment(**overrides):
    """The environment README.md's "Running in production" documents, with a fresh key."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "toezeggingen.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://toezeggingen.example.org",
        "SITE_URL": "https://toezeggingen.example.org",
        "HTTPS": "true",
        "BEHIND_PROXY": "true",
        # The check reads these but connects to neither.
        "DATABASE_URL": "postgres://tracker@db.example.org:5432/tracker",
        "REDIS_URL": "redis://redis.example.org:6379/0",
        "EMAIL_URL": "smtp+tls://toezeggingen@mail.example.org:587",
    }
    environment.update(overrides)
    return {name: value for name, value in environment.items() if value is not None}


def check_deploy(environment):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_djangos_deployment_check_with_the_documented_environment():
    result = check_deploy(production_environment())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_fails_the_deployment_check_with_the_demo_key():
    result = check_deploy(production_environment(SECRET_KEY=None))

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_it_keeps_the_demo_on_plain_http(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response
    assert not settings.SESSION_COOKIE_SECURE and not settings.CSRF_COOKIE_SECURE


# --- no secret in the repository ----------------------------------------------------------------

# The demo clerk's password is documented (Makefile, README), as is the placeholder in README's
# example EMAIL_URL; tests make up their own.
ALLOWED_PASSWORDS = {"griffier-demo", "password"}
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b"),
    "password in a URL": re.compile(r"\b[a-z+]+://[^/\s:@'\"]+:([^/\s@'\"]{3,})@"),
    "password or key assigned": re.compile(
        r"""(?i)\b(?:password|passwd|secret|secret_key|api_key|token)\b\s*[:=]\s*["']([^"'\s]{6,})["']"""
    ),
}


def test_it_keeps_no_secret_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in tracked:
        if name.startswith("tests/"):
            continue
        path = BASE_DIR / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        for kind, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                value = match.group(match.lastindex or 0)
                if value not in ALLOWED_PASSWORDS and "django-insecure-" not in value:
                    found.append(f"{name}: {kind}: {match.group(0)[:60]}")
    assert found == []
