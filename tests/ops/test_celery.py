import pytest
from django.conf import settings

from tracker.celery import app


def test_it_speaks_only_json():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"


@pytest.mark.redis
def test_it_uses_redis_as_the_broker_when_redis_url_is_set():
    assert app.conf.broker_url == settings.REDIS_URL
    with app.connection_for_write() as connection:
        # Fails when Redis cannot be reached: CI starts it before the tests.
        connection.ensure_connection(max_retries=1)
        assert connection.transport_cls == "redis"
