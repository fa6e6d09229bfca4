"""The dashboard's charts, chips and icon as a reader meets them (issue 18)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment
from commitments.selectors.dashboard import chart_axis
from tests.factories import CommitmentFactory, MinistryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def seeded():
    """The seed letter of November 2022 (seeds/), flagged as `make run` leaves it."""
    call_command("load_seed")
    call_command("flag_overdue")
    cache.clear()


def test_it_charts_the_seed_letter_of_november_2022_per_quarter(client, seeded):
    response = client.get(reverse("overview"))

    quarters = {row["label"]: row for row in response.context["quarters"]}
    assert quarters["K4 2022"]["made"] == Commitment.objects.count() == 7
    assert quarters["K4 2022"]["made_width"] > 0
    assert "K4 2022" in response.text


def test_it_lists_the_ministries_in_the_chart_most_overdue_first(client):
    calm = MinistryFactory(name="Algemene Zaken", abbreviation="AZ")
    late = MinistryFactory(name="Zeeuwse Zaken", abbreviation="ZZ")
    CommitmentFactory(ministry=calm, due_date=TODAY + datetime.timedelta(days=9))
    CommitmentFactory(ministry=calm, due_date=TODAY + datetime.timedelta(days=9))
    CommitmentFactory(
        ministry=late,
        due_date=TODAY - datetime.timedelta(days=5),
        overdue_since=TODAY - datetime.timedelta(days=4),
    )
    cache.clear()

    response = client.get(reverse("overview"))

    chart = response.text[response.text.index('class="chart"') :]
    assert chart.index("Zeeuwse Zaken") < chart.index("Algemene Zaken")
    assert "1 te laat · 0 open, niet te laat · 0 afgedaan" in chart


def test_it_shows_how_many_days_each_longest_overdue_commitment_is_late(client):
    CommitmentFactory(
        number="TL202211-009",
        due_date=TODAY - datetime.timedelta(days=40),
        overdue_since=TODAY - datetime.timedelta(days=39),
    )

    response = client.get(reverse("overview"))

    assert "Dagen te laat" in response.text
    assert [row.days_overdue for row in response.context["most_overdue"]] == [40]


def test_it_shows_each_active_filter_as_a_chip_that_drops_only_itself(client, seeded):
    response = client.get(
        reverse("commitment-list"),
        {"ministry": "JenV", "status": ["open", "fulfilled"], "overdue": "true", "o": "due_date"},
    )

    chips = {
        f"{chip['label']}: {chip['value']}": chip["remove"] for chip in response.context["chips"]
    }
    assert set(chips) == {
        "Ministerie: Justitie en Veiligheid",
        "Status: Openstaand",
        "Status: Afgedaan",
        "Te laat: Alleen te laat",
    }
    # The order is not a filter: it stays when a filter goes, and shows no chip.
    assert chips["Status: Openstaand"] == ("ministry=JenV&status=fulfilled&overdue=true&o=due_date")
    assert 'aria-label="Actieve filters"' in response.text


def test_it_shows_no_chips_while_the_filters_are_wrong(client):
    response = client.get(reverse("commitment-list"), {"due_after": "gisteren"})

    assert response.context["chips"] == []
    # The folded filters open by themselves, so the reader sees what is wrong.
    assert '<details class="filters" open>' in response.text


def test_it_serves_an_icon_at_favicon_ico(client):
    response = client.get("/favicon.ico", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0].endswith("commitments/favicon.svg")


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [(0, [0, 1, 2]), (3, [0, 2, 4]), (7, [0, 5, 10]), (10, [0, 5, 10]), (31, [0, 20, 40])],
)
def test_it_labels_the_chart_axis_in_round_numbers_that_fit_the_longest_bar(highest, ticks):
    axis = chart_axis(highest)

    assert axis["ticks"] == ticks
    assert axis["max"] >= highest
