"""Login throttling (django-axes) with two limits: one per username and address, one per username
alone."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class UsernameThrottledHandler(AxesDatabaseHandler):
    """Axes' database handler, counting failures the way `is_locked` and the lockout need them.

    Axes counts per username and address (`AXES_LOCKOUT_PARAMETERS`), so guessing from elsewhere
    never locks a clerk out of their own address; but guessing one clerk's password from many
    addresses went unlimited, and axes has one failure limit for all its parameter sets. Here a
    username is also locked, from every address, once it has had
    `LOGIN_USERNAME_FAILURE_LIMIT` failures (int, default 20) within the cool-off from anywhere.
    Failures older than the cool-off no longer count, so that lock lifts by itself one cool-off
    after the guessing stops.
    """

    def get_failures(self, request, credentials=None) -> int:
        """The failures that decide a lock (int): those of this username at this address, or the
        failure limit itself once the username alone has reached its own limit."""
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username is None:
            return failures
        by_username = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if by_username >= settings.LOGIN_USERNAME_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
