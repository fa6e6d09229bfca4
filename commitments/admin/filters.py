"""The change list filters of the commitments' admin."""

import datetime

from django.contrib import admin
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment
from commitments.models.commitments import open_condition, overdue_condition


class StatusFilter(admin.SimpleListFilter):
    """The status, where an open one means open by the register's one definition: a commitment
    withdrawn from its source register is not listed as open."""

    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return Commitment.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Commitment.OPEN_STATUSES:
            return queryset.filter(open_condition(), status=self.value())
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_condition())
        if self.value() == "no":
            return queryset.exclude(overdue_condition())
        return queryset


class DueDateFilter(admin.SimpleListFilter):
    title = _("due date")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("past", _("Past")),
            ("next30", _("In the next 30 days")),
            ("none", _("No due date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "past":
            return queryset.filter(due_date__lt=today)
        if self.value() == "next30":
            return queryset.filter(
                due_date__gte=today, due_date__lte=today + datetime.timedelta(30)
            )
        if self.value() == "none":
            return queryset.filter(due_date__isnull=True)
        return queryset


class DueYearFilter(admin.SimpleListFilter):
    """The year a commitment falls due. It stands in for a date hierarchy, which lists the years
    by reading every due date of the list on each page; the first and the last due date, and
    made-on date, come from the indexes instead, and the years between them are the choices.

    Only plausible years are offered: from the first year a commitment was made to
    YEARS_AHEAD after the last. One stray due date (31 December 9999 in an old import) would
    otherwise list thousands of years; its commitment is still found by ?due_year=9999.
    """

    title = _("year due")
    parameter_name = "due_year"
    YEARS_AHEAD = 30

    def lookups(self, request, model_admin):
        span = Commitment.objects.aggregate(
            first=Min("due_date"),
            last=Max("due_date"),
            first_made=Min("made_on"),
            last_made=Max("made_on"),
        )
        if span["first"] is None:
            return []
        first = max(span["first"].year, span["first_made"].year)
        last = min(span["last"].year, span["last_made"].year + self.YEARS_AHEAD)
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        """The commitments due in the chosen year; a value that is no year a date can hold
        ("²", "0", "10000") is ignored, as an unknown filter value is."""
        year = self.value()
        if year and year.isascii() and year.isdigit() and 1 <= int(year) <= datetime.MAXYEAR:
            return queryset.filter(due_date__year=int(year))
        return queryset
