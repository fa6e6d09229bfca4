"""Subscriptions: the iCalendar feed of due dates and the Atom feed of changes (the CSV download
is in exports.py).

Both follow the same filters as the list page (?ministry=, ?member=, ?party=, ...), so a member,
party or ministry page links to its own; the Atom feed reads the audit trail of the commitments
that match. Both obey DASHBOARD_REQUIRE_LOGIN like every other dashboard page. The calendar
streams rows from a database cursor in batches, so a calendar of the whole register never holds
the register in memory.
"""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from commitments.models import Commitment
from commitments.selectors.history import recent_changes
from commitments.web import views

# Rows fetched from the database, and written to the client, per round trip.
CHUNK_SIZE = 2000
# How many changes the Atom feed shows.
CHANGES_IN_FEED = 50


def invalid_filters(filterset):
    """A 400 answer naming the fields whose values were not understood, or None if all were.

    An invalid filter is dropped silently by the FilterSet; a download or a subscription must not
    quietly hand back more than was asked for.
    """
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(
            filterset.errors.as_text(), content_type="text/plain; charset=utf-8"
        )
    return None


def in_batches(pieces, *, joiner):
    """Join `pieces` into one chunk per CHUNK_SIZE, so that a streamed response makes one write
    per batch of rows rather than one per row; `joiner` is "" for text and b"" for bytes."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= CHUNK_SIZE:
            yield joiner.join(batch)
            batch = []
    if batch:
        yield joiner.join(batch)


def calendar_header() -> bytes:
    """The calendar's opening lines: everything icalendar writes for it but the closing line,
    which follows the streamed events."""
    calendar = Calendar()
    calendar.add("prodid", "-//Commitment tracker//Toezeggingen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Due dates of commitments to parliament"))
    # Subscribing clients check back every few hours (RFC 7986, and its older Outlook spelling).
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    return calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")


def event_status(status: str, precision: str, *, withdrawn: bool = False) -> str:
    """The deadline of a lapsed commitment, or of one withdrawn from the Tweede Kamer's
    register, is cancelled; a deadline known to the day is confirmed. Any other deadline was
    derived from a phrase such as "voor de zomer", so it is tentative, which calendar clients
    show differently."""
    if withdrawn or status == Commitment.Status.LAPSED:
        return "CANCELLED"
    if precision == Commitment.Precision.DAY:
        return "CONFIRMED"
    return "TENTATIVE"


def event_description(
    *, status, overdue_since, ministry, deadline_phrase, url, withdrawn=False
) -> str:
    """What a reader needs next to the date: the state of the promise, who owes it, and the
    words of the source about the deadline, with the link to the full page. A commitment
    withdrawn from the Tweede Kamer's register is no longer owed, whatever its status."""
    label = Commitment.Status(status).label
    if withdrawn:
        status_line = _("Status: withdrawn from the Tweede Kamer's register, no longer open")
    elif overdue_since:
        status_line = _("Status: %(status)s, overdue since %(date)s") % {
            "status": label,
            "date": date_format(overdue_since),
        }
    else:
        status_line = _("Status: %(status)s") % {"status": label}
    lines = [status_line, _("Ministry: %(ministry)s") % {"ministry": ministry}]
    if deadline_phrase:
        lines.append(_("Deadline: «%(phrase)s»") % {"phrase": deadline_phrase})
    lines.append(url)
    return "\n".join(lines)


def calendar_event(row, *, request) -> bytes:
    """One all-day event on the due date of one commitment."""
    (
        number,
        summary,
        status,
        withdrawn,
        due_date,
        precision,
        phrase,
        overdue_since,
        ministry,
        updated,
    ) = row
    url = request.build_absolute_uri(reverse("commitment-detail", args=[number]))
    event = Event()
    event.add("uid", f"{number}@{request.get_host()}")
    # Without a METHOD of its own, DTSTAMP says when the event's information last changed.
    event.add("dtstamp", updated)
    event.add("dtstart", due_date)
    # An all-day event without DTEND lasts its one day (RFC 5545, 3.6.1); the day after
    # 31 December 9999, which an imported row may hold, is past what a date can be.
    if due_date < datetime.date.max:
        event.add("dtend", due_date + datetime.timedelta(days=1))
    event.add("summary", f"{number}: {summary}")
    event.add(
        "description",
        event_description(
            status=status,
            overdue_since=overdue_since,
            ministry=ministry,
            deadline_phrase=phrase,
            url=url,
            withdrawn=withdrawn,
        ),
    )
    event.add("url", url)
    event.add("status", event_status(status, precision, withdrawn=withdrawn))
    category = _("Withdrawn") if withdrawn else str(Commitment.Status(status).label)
    event.add("categories", [category, ministry])
    # A deadline is not an appointment: it must not mark the subscriber as busy.
    event.add("transp", "TRANSPARENT")
    return event.to_ical()


def calendar_lines(queryset, *, request):
    """The calendar: header, one event per commitment with a due date, closing line."""
    yield calendar_header()
    rows = (
        queryset.filter(due_date__isnull=False)
        .values_list(
            "number",
            "summary",
            "status",
            "withdrawn_from_source",
            "due_date",
            "due_precision",
            "deadline_phrase",
            "overdue_since",
            "ministry__name",
            "updated_at",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for row in rows:
        yield calendar_event(row, request=request)
    yield b"END:VCALENDAR\r\n"


@views.dashboard_view
def commitments_calendar(request):
    """The due dates of the filtered commitments as a calendar to subscribe to."""
    filterset = views.filtered_commitments(request)
    if error := invalid_filters(filterset):
        return error
    return StreamingHttpResponse(
        in_batches(calendar_lines(filterset.qs, request=request), joiner=b""),
        content_type="text/calendar; charset=utf-8",
    )


# What XML 1.0 cannot hold: the control characters other than tab, line feed and carriage return.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom whose entries leave out the control characters XML 1.0 cannot hold (U+000B, U+0007):
    Django's writer refuses them, and one stored summary holding one would otherwise fail the
    feed for every reader."""

    def add_item(self, **fields):
        super().add_item(**fields)
        item = self.items[-1]
        for name, value in item.items():
            if isinstance(value, str):
                item[name] = NOT_IN_XML.sub("", value)
        item["categories"] = [NOT_IN_XML.sub("", category) for category in item["categories"]]


class ChangesFeed(Feed):
    """The latest changes to commitments, from the audit trail, for feed readers."""

    feed_type = XmlSafeAtom1Feed
    title = gettext_lazy("Changes to commitments")
    subtitle = gettext_lazy(
        "New commitments to parliament and changes to their status and due date."
    )
    # Atom requires an author for the feed when its entries have none.
    author_name = gettext_lazy("Commitment tracker")

    def __call__(self, request, *args, **kwargs):
        """Apply the dashboard's login rule and the list's filters (?ministry=, ?member=,
        ?party=, ...; a filter not understood is a 400); the feed is routed as an instance,
        which the dashboard_view decorator cannot wrap."""
        return views.dashboard_view(self.filtered)(request, *args, **kwargs)

    def filtered(self, request, *args, **kwargs):
        filterset = views.filtered_commitments(request)
        if error := invalid_filters(filterset):
            return error
        # Kept on the request for items(), so the filters' own lookups run once.
        request.commitment_filter = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        """The request, passed on to items(): the one Feed instance serves every request, so it
        cannot keep the request on itself."""
        return request

    def link(self, request):
        """The list page with the feed's own filters."""
        query = request.GET.urlencode()
        return reverse("commitment-list") + (f"?{query}" if query else "")

    def items(self, request):
        filterset = request.commitment_filter
        records = recent_changes(
            CHANGES_IN_FEED, commitments=filterset.qs if filterset.is_bound else None
        )
        for record in records:
            record.link = reverse("commitment-detail", args=[record.number])
            record.guid = request.build_absolute_uri(f"{record.link}#change-{record.history_id}")
        return records

    def item_title(self, record):
        return f"{record.number}: {'; '.join(record.changes)}"

    def item_link(self, record):
        return record.link

    def item_guid(self, record):
        return record.guid

    def item_pubdate(self, record):
        return record.history_date

    def item_updateddate(self, record):
        return record.history_date

    def item_categories(self, record):
        return [record.ministry.name] if record.ministry else []

    def item_description(self, record):
        """HTML, as Atom1Feed marks the summary: the commitment, what changed, and why."""
        description = format_html(
            "<p>{}</p><ul>{}</ul>",
            record.summary,
            format_html_join("", "<li>{}</li>", ((change,) for change in record.changes)),
        )
        if record.history_change_reason:
            description += format_html(
                "<p>{}</p>", _("Reason: %(reason)s") % {"reason": record.history_change_reason}
            )
        return description
