"""Reading OData v4 JSON pages, from a file or over HTTP, following `@odata.nextLink`.

A page is the envelope `{"@odata.context": ..., "value": [...], "@odata.nextLink": ...}`. Each
page is read whole and checked before anything is done with it, so a page that breaks off or is
not JSON stops the import before it touches the database. The pages come one at a time: the
importer lands each before the next is asked for.

Files are read through their file:// URL, so a page saved next to another can link to it with a
relative `@odata.nextLink`. A page from the network may only link to the network: a server never
gets us to read a local file.
"""

import dataclasses
import datetime
import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from commitments.tk.records import format_utc

NETWORK_SCHEMES = ("http", "https")
USER_AGENT = "commitment-tracker (Toezegging import)"


class SourceError(Exception):
    """A page that cannot be read as an OData collection; the message says which and why."""


class SourceUnavailable(SourceError):
    """The source could not be reached, or broke off: worth trying again later."""


class EndlessSource(SourceError):
    """The source keeps linking to more pages that bring nothing, or to more pages than an
    import may read; the message says which. The pages before it have been yielded."""


@dataclasses.dataclass
class Page:
    number: int
    url: str
    records: list
    next_url: str | None


def source_url(source: str) -> str:
    """The URL of a source given as an http(s) URL, a file:// URL or a path to a file."""
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme in (*NETWORK_SCHEMES, "file"):
        return quote_url(source)
    path = Path(source)
    if not path.is_file():
        raise SourceError(
            _("%(source)s is neither a file nor an http(s) URL.") % {"source": source}
        )
    return path.resolve().as_uri()


def quote_url(url: str) -> str:
    """`url` with what may not stand in a URL (a space in "$filter=Verwijderd eq false", as
    people write it) escaped, and escapes already there left alone."""
    return urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def is_network(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme.lower() in NETWORK_SCHEMES


# The navigation properties a sync takes over, expanded as the Chamber's v4 service offers them
# (property names: the live $metadata, /work/shared/tk/related-entities-real.json; Activiteit's
# `Voortouwcommissie`: tkapi 0.9.10, activiteit.py). The links to other commitments need only
# their Id.
EXPAND = (
    "ToegezegdAan($expand=Persoon,Fractie),KamerbriefNakoming,"
    "Activiteit($expand=Voortouwcommissie),IsHerhalingVan($select=Id),"
    "IsWijzigingVan($select=Id),IsAanvullingOp($select=Id)"
)
# The order of a sync: by the time each record reached the API, so that the latest time among
# the pages that landed is a safe place for the next run to start from.
SYNC_ORDER = "ApiGewijzigdOp"


def sync_url(url: str, *, since: datetime.datetime | None = None) -> tuple[str, bool]:
    """`url` as a sync asks for it, and whether its pages come in the sync's order.

    A network URL gets `$expand` (EXPAND) and `$orderby=ApiGewijzigdOp` unless it has its own,
    and with `since` a `$filter` for records that reached the API at or after `since` (at or
    after rather than after: records that share the last time of one run with the first of the
    next are read again, which changes nothing, rather than lost). A filter already in the URL
    is kept. A file is read as it is: it comes in no order we asked for.
    """
    if not is_network(url):
        return url, False
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    if since is not None:
        condition = f"{SYNC_ORDER} ge {format_utc(since)}"
        existing = query.get("$filter")
        query["$filter"] = f"({existing}) and {condition}" if existing else condition
    query.setdefault("$expand", EXPAND)
    query.setdefault("$orderby", SYNC_ORDER)
    encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$(),'")
    url = urllib.parse.urlunsplit(parts._replace(query=encoded))
    return url, in_sync_order(url)


def in_sync_order(url: str) -> bool:
    """Whether `url` asks the network for its records in the sync's order (a link to resume
    from carries the query options of the run it belongs to)."""
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    return is_network(url) and query.get("$orderby") == SYNC_ORDER


def read_pages(url: str, *, timeout: float, max_pages: int) -> Iterator[Page]:
    """The pages of a collection, from `url` on, following `@odata.nextLink`.

    Stops with EndlessSource before reading page `max_pages + 1`, and at a page that links on
    but holds no record (by `Id`) that this run has not read already: a source that sends empty
    pages with ever new links would otherwise keep a sync busy for as long as it is allowed to.
    """
    number, seen, ids = 1, {}, set()
    while url:
        if number > max_pages:
            raise EndlessSource(
                _(
                    "The source links to more than %(max)d pages (TK_MAX_PAGES); the import "
                    "stopped before page %(number)d (%(url)s)."
                )
                % {"max": max_pages, "number": number, "url": display_url(url)}
            )
        seen[url] = number
        page = parse_page(fetch(url, number=number, timeout=timeout), number=number, url=url)
        if page.next_url in seen:
            # Checked before the page lands: a link back would read the same pages for ever.
            raise _problem(
                number,
                url,
                _("its @odata.nextLink leads back to page %(page)d")
                % {"page": seen[page.next_url]},
            )
        page_ids = {record.get("Id") for record in page.records if isinstance(record, dict)}
        if page.next_url and page_ids <= ids:
            # Nothing to land, and no reason to believe the next page will differ.
            raise EndlessSource(
                _(
                    "Page %(number)d (%(url)s) brings no record that was not read before, yet "
                    "links to another page; the import stopped there."
                )
                % {"number": number, "url": display_url(url)}
            )
        ids |= page_ids
        yield page
        url, number = page.next_url, number + 1


def fetch(url: str, *, number: int, timeout: float) -> bytes:
    """The body of one page; SourceUnavailable when the network lets us down."""
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        error.close()
        reason = _("the server answered %(status)s %(reason)s") % {
            "status": error.code,
            "reason": error.reason,
        }
        # A server error or "too many requests" may pass; a 404 or a refusal will not.
        retryable = error.code >= 500 or error.code == 429
        raise _problem(number, url, reason, unavailable=retryable) from error
    except urllib.error.URLError as error:
        # Unreachable over the network may pass; a file that is not there will not appear.
        raise _problem(number, url, str(error.reason), unavailable=is_network(url)) from error
    except (OSError, http.client.HTTPException) as error:
        reason = str(error) or error.__class__.__name__
        raise _problem(number, url, reason, unavailable=True) from error
    except ValueError as error:
        # No URL that can be asked for: an unknown scheme, a NUL byte in a file's name.
        raise _problem(number, url, str(error)) from error


def parse_page(body: bytes, *, number: int, url: str) -> Page:
    """Check that `body` is an OData collection page and take it apart."""
    try:
        envelope = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise _problem(
            number, url, _("it is not valid JSON (%(error)s)") % {"error": error}
        ) from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("value"), list):
        raise _problem(number, url, _("it has no 'value' list, so it is not an OData collection"))
    next_link = envelope.get("@odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise _problem(number, url, _("its @odata.nextLink is not a URL"))
    try:
        next_url = quote_url(urllib.parse.urljoin(url, next_link)) if next_link else None
        leaves_network = bool(next_url) and is_network(url) and not is_network(next_url)
    except ValueError:
        # "http://[bad" and the like, which the URL parser refuses.
        raise _problem(number, url, _("its @odata.nextLink is not a URL")) from None
    if leaves_network:
        raise _problem(
            number, url, _("its @odata.nextLink leaves the network: %(link)s") % {"link": next_link}
        )
    return Page(number=number, url=url, records=envelope["value"], next_url=next_url)


def _problem(number: int, url: str, reason: str, *, unavailable: bool = False) -> SourceError:
    error_class = SourceUnavailable if unavailable else SourceError
    return error_class(
        _("Page %(number)d (%(url)s) cannot be read: %(reason)s.")
        % {"number": number, "url": display_url(url), "reason": reason}
    )


def display_url(url: str) -> str:
    """A URL for messages: a file as its path, anything else unquoted so it reads as written."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "file":
        return os.fsdecode(urllib.request.url2pathname(parts.path))
    return urllib.parse.unquote(url)
