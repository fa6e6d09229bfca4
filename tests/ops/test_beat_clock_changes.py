"""Beat through the nights the clocks change in Europe/Amsterdam (29 March and 25 October 2026).

Each schedule is asked, minute after minute, whether it is due, as beat asks it; when it is, the
run is noted and becomes the schedule's last run, as in beat. The clock tells Amsterdam time, as
the app's does.
"""

import datetime
import importlib.util
import itertools
import pickle
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.schedules import WALL_CLOCK_ZONE, cron_schedule

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SPRING = datetime.datetime(2026, 3, 28, 22, tzinfo=datetime.UTC)
AUTUMN = datetime.datetime(2026, 10, 24, 22, tzinfo=datetime.UTC)


def beat_settings(monkeypatch):
    """A fresh copy of tracker/settings.py with the Tweede Kamer sync configured."""
    monkeypatch.setenv("TK_ODATA_URL", "https://example.org/Toezegging")
    path = Path(__file__).resolve().parents[2] / "tracker" / "settings.py"
    spec = importlib.util.spec_from_file_location("beat_settings_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CELERY_BEAT_SCHEDULE


def runs(schedule, *, start: datetime.datetime, hours: int) -> list[datetime.datetime]:
    """The moments (in UTC) beat runs `schedule` in `hours` from `start`, checking every minute."""
    clock = [start]
    schedule = pickle.loads(pickle.dumps(schedule))  # as beat keeps it, with a clock of ours
    schedule.nowfun = lambda: clock[0].astimezone(AMSTERDAM)
    last_run, moments = schedule.nowfun(), []
    while clock[0] < start + datetime.timedelta(hours=hours):
        clock[0] += datetime.timedelta(minutes=1)
        due, _next_check = schedule.is_due(last_run)
        if due:
            moments.append(clock[0])
            last_run = schedule.nowfun()
    return moments


def longest_pause(moments: list[datetime.datetime]) -> datetime.timedelta:
    return max(later - earlier for earlier, later in itertools.pairwise(moments))


def wall_clock(moments: list[datetime.datetime]) -> list[str]:
    return [moment.astimezone(AMSTERDAM).strftime("%d-%m %H:%M %Z") for moment in moments]


@pytest.mark.parametrize("night", [SPRING, AUTUMN], ids=["spring", "autumn"])
def test_it_sweeps_and_delivers_without_a_pause_through_the_clock_change(monkeypatch, night):
    """Beat runs from 23:00 on the evening before the clock change for 36 hours, with the default
    '*/15 * * * *' sweep and '*/5 * * * *' delivery run."""
    schedule = beat_settings(monkeypatch)

    sweeps = runs(schedule["flag-overdue"]["schedule"], start=night, hours=36)
    deliveries = runs(schedule["deliver-pending"]["schedule"], start=night, hours=36)

    assert longest_pause(sweeps) == datetime.timedelta(minutes=15)
    assert len(sweeps) == 36 * 4
    assert longest_pause(deliveries) == datetime.timedelta(minutes=5)
    assert len(deliveries) == 36 * 12


def test_it_runs_the_daily_jobs_once_a_day_at_their_amsterdam_time(monkeypatch):
    """Beat runs through both nights of 2026 with the 07:00 reminder run and the 02:30 Tweede
    Kamer sync; on 29 March 02:30 does not exist, on 25 October it comes twice."""
    schedule = beat_settings(monkeypatch)
    reminders = schedule["send-reminders"]["schedule"]
    sync = schedule["sync-tk-toezeggingen"]["schedule"]

    assert wall_clock(runs(reminders, start=SPRING, hours=36)) == [
        "29-03 07:00 CEST",
        "30-03 07:00 CEST",
    ]
    assert wall_clock(runs(reminders, start=AUTUMN, hours=36)) == [
        "25-10 07:00 CET",
        "26-10 07:00 CET",
    ]
    # The hour from 02:00 is skipped in spring: the sync runs once, when the clock is past it.
    assert wall_clock(runs(sync, start=SPRING, hours=36)) == [
        "29-03 03:30 CEST",
        "30-03 02:30 CEST",
    ]
    assert wall_clock(runs(sync, start=AUTUMN, hours=36)) == [
        "25-10 02:30 CEST",
        "26-10 02:30 CET",
    ]


def test_it_sends_the_rappel_at_seven_in_the_morning_in_amsterdam(monkeypatch):
    """Beat runs on the rappel day 1 July 2026, from midnight UTC."""
    schedule = beat_settings(monkeypatch)
    start = datetime.datetime(2026, 6, 30, 22, tzinfo=datetime.UTC)

    moments = runs(schedule["send-rappel-07-01"]["schedule"], start=start, hours=24)

    assert wall_clock(moments) == ["01-07 07:00 CEST"]


def test_it_reads_a_configured_schedule_in_the_zone_its_fields_mean():
    """An operator sets '*/10 * * * *' (every ten minutes) or '30 6 * * 1-5' (weekdays 06:30)."""
    assert cron_schedule("*/10 * * * *").tz == datetime.UTC
    assert cron_schedule("30 6 * * 1-5").tz == WALL_CLOCK_ZONE
    assert pickle.loads(pickle.dumps(cron_schedule("*/10 * * * *"))).tz == datetime.UTC
