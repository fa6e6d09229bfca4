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
    by reading every due date of the list on each page; the first and the last due date come
    from the index instead, and the years between them are the choices."""

    title = _("year due")
    parameter_name = "due_year"

    def lookups(self, request, model_admin):
        span = Commitment.objects.aggregate(first=Min("due_date"), last=Max("due_date"))
        if span["first"] is None:
            return []
        years = range(span["last"].year, span["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        """The commitments due in the chosen year; a value that is no year a date can hold
        ("²", "0", "10000") is ignored, as an unknown filter value is."""
        year = self.value()
        if year and year.isascii() and year.isdigit() and 1 <= int(year) <= datetime.MAXYEAR:
            return queryset.filter(due_date__year=int(year))
        return queryset
