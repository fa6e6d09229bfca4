"""The public dashboard's pages as a reader meets them on the seed letter's data, in one list
that the browser tests (tests/web/test_accessibility.py) and the screenshots
(scripts/screenshots.py) both walk, so a page added here is checked and pictured alike.

Each page is a name (used in test ids and file names) and the address it has once the seed
letter is loaded (`manage.py load_seed`, seeds/28638-212.json) and overdue is flagged.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

# The two widths issue 18 asks for, in CSS pixels: a laptop and a small phone; heights are
# what such a screen shows at once.
VIEWPORTS = {1366: {"width": 1366, "height": 900}, 360: {"width": 360, "height": 800}}
LANGUAGES = ["nl", "en"]

# In the seed letter (seeds/28638-212.json): Justitie en Veiligheid is the ministry of all seven
# commitments; TL202211-002 is overdue (due 30 November 2022, "in november van dit jaar").
SEED_MINISTRY = "JenV"
SEED_COMMITMENT = "TL202211-002"


@dataclass(frozen=True)
class PublicPage:
    """`name`: short and file-name safe (`list-filtered`); `address()`: the path with its query
    string, read from the database (so it needs the seed loaded and a database connection)."""

    name: str
    address: Callable[[], str]


def _first_addressed_member():
    """The first member (by id) a seed commitment was made to: the seed's first commitment was
    made to three members (Kuik, Bikker and Verkuijlen), one of each of three parties."""
    from commitments.models import Member

    return Member.objects.filter(commitments__isnull=False).order_by("pk").first()


def _member_page() -> str:
    return reverse("member-detail", kwargs={"pk": _first_addressed_member().pk})


def _party_page() -> str:
    """The party of the member on the member page, so both pages have commitments to show."""
    party = _first_addressed_member().party
    return reverse("party-detail", kwargs={"abbreviation": party.abbreviation})


PUBLIC_PAGES = [
    PublicPage("overview", lambda: reverse("overview")),
    PublicPage("list", lambda: reverse("commitment-list")),
    PublicPage(
        "list-filtered",
        lambda: f"{reverse('commitment-list')}?ministry={SEED_MINISTRY}&overdue=true",
    ),
    PublicPage(
        "commitment", lambda: reverse("commitment-detail", kwargs={"number": SEED_COMMITMENT})
    ),
    PublicPage(
        "ministry", lambda: reverse("ministry-detail", kwargs={"abbreviation": SEED_MINISTRY})
    ),
    PublicPage("member-index", lambda: reverse("member-list")),
    PublicPage("member", _member_page),
    PublicPage("party-index", lambda: reverse("party-list")),
    PublicPage("party", _party_page),
]


def open_page(browser, base_url: str, *, path: str, width: int, language: str):
    """`path` in a fresh Playwright context `width` CSS pixels wide (a key of VIEWPORTS), in
    `language` as the language switch's cookie chooses it; returns (context, page), the page
    loaded. Raises AssertionError when the page does not answer 200. Close the context."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS[width])
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    )
    page = context.new_page()
    response = page.goto(path, wait_until="networkidle")
    if response.status != 200:
        context.close()
        raise AssertionError(f"{path} answered {response.status}")
    return context, page
