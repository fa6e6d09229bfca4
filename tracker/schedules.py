"""Beat schedules that keep their rhythm through the clock changes of Europe/Amsterdam.

Celery reads a crontab in the app's time zone (`CELERY_TIMEZONE`, Europe/Amsterdam). That is
right for the jobs people expect at a time of day (the 07:00 reminder run, the 02:30 Tweede Kamer
sync, the rappel days), but on the autumn night the hour from 02:00 to 03:00 comes twice and
Celery skips the repeat: an every-15-minutes sweep pauses 75 minutes and the 5-minute delivery
run 65. A schedule that names no hour, day or month means the same minutes in every zone (the
offset is whole hours), so it runs in UTC, which has no such night.
"""

import datetime
import functools
from zoneinfo import ZoneInfo

from celery.schedules import crontab

WALL_CLOCK_ZONE = ZoneInfo("Europe/Amsterdam")


class ZonedCrontab(crontab):
    """A crontab read in `zone` (a tzinfo) whatever the app's time zone is."""

    def __init__(self, *args, zone: datetime.tzinfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def __reduce__(self):
        # Beat keeps its schedules pickled; crontab's own recipe would leave the zone out.
        cls, fields, state = super().__reduce__()
        return functools.partial(cls, zone=self.zone), fields, state

    @property
    def tz(self) -> datetime.tzinfo:
        return self.zone


def cron_schedule(spec: str) -> crontab:
    """The schedule of five cron fields, e.g. '*/15 * * * *' or '0 7 * * *': one that names an
    hour, a day or a month is read in Europe/Amsterdam, any other in UTC (see the module).
    Raises ValueError for a spec of other than five fields, and celery's ParseException for a
    field it cannot read."""
    minute, hour, day_of_month, month_of_year, day_of_week = spec.split()
    every_hour = {hour, day_of_month, month_of_year, day_of_week} == {"*"}
    return ZonedCrontab(
        minute=minute,
        hour=hour,
        day_of_month=day_of_month,
        month_of_year=month_of_year,
        day_of_week=day_of_week,
        zone=datetime.UTC if every_hour else WALL_CLOCK_ZONE,
    )
