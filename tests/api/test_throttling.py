"""The anonymous reader's throttle (`API_ANON_RATE`, 120/minute) as readers meet it: counted per
client address, the address the login throttle uses too, whatever headers a client adds."""

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LIMIT = int(django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")[0])
PROXY_ADDRESS = "10.0.0.2"


def test_it_throttles_a_reader_who_rotates_x_forwarded_for():
    """An anonymous reader at 203.0.113.9 sends LIMIT + 10 (130) requests, each with another
    `X-Forwarded-For: 198.51.100.<n>`; the last ten are refused."""
    reader = APIClient(REMOTE_ADDR="203.0.113.9")

    statuses = [
        reader.get("/api/ministries/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}").status_code
        for n in range(LIMIT + 10)
    ]

    assert statuses[:LIMIT] == [200] * LIMIT
    assert statuses[LIMIT:] == [429] * 10


def test_it_keeps_two_readers_behind_the_proxy_apart(settings):
    """Behind the documented proxy (BEHIND_PROXY: both come from the proxy at 10.0.0.2, which sets
    `X-Real-IP`), a reader at 203.0.113.9 spends the whole limit; a reader at 198.51.100.7 still
    gets its page and the first is refused."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]
    busy = APIClient(REMOTE_ADDR=PROXY_ADDRESS, HTTP_X_REAL_IP="203.0.113.9")
    other = APIClient(REMOTE_ADDR=PROXY_ADDRESS, HTTP_X_REAL_IP="198.51.100.7")
    for _ in range(LIMIT):
        busy.get("/api/ministries/")

    assert other.get("/api/ministries/").status_code == 200
    assert busy.get("/api/ministries/").status_code == 429
