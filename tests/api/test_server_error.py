"""An error the API did not expect still answers in the API's error shape."""

import pytest

from commitments.api import views


@pytest.mark.django_db
def test_it_answers_an_unexpected_error_as_json_in_the_error_shape(client, monkeypatch, caplog):
    # Tried: the ministries list raising a RuntimeError while reading (before: Django's HTML
    # 500 page, which an integrator's JSON client cannot read).
    def broken(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(views.MinistryViewSet, "get_queryset", broken)

    response = client.get("/api/ministries/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"
    assert "disk on fire" not in response.content.decode()
    assert any(record.__dict__.get("event") == "api_error" for record in caplog.records)
