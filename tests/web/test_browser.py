"""The dashboard in a real browser: headless Chromium (Debian's package) driven by Playwright."""

import csv
import io
import os
import shutil

import icalendar
import pytest
from django.core.management import call_command

from tests.conftest import services_required

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if services_required():
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip("needs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's database work
    # happens in its own thread, and the test's own ORM calls happen before the browser acts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    call_command("load_seed")
    call_command("flag_overdue")
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    yield context.new_page()
    context.close()


def rows(page):
    return page.locator("main table tbody tr").count()


def test_it_filters_the_seed_letter_by_ministry_and_overdue(page):
    page.goto("/commitments/")
    assert rows(page) == 7

    # The filters fold behind one control; the active ones show as chips above the results.
    page.locator("details.filters > summary").click()
    page.get_by_label("Ministerie").select_option("JenV")
    page.get_by_role("button", name="Filteren").click()
    assert "ministry=JenV" in page.url
    assert rows(page) == 7

    page.locator("details.filters > summary").click()
    page.get_by_label("Te laat").select_option("true")
    page.get_by_role("button", name="Filteren").click()
    assert rows(page) == 4
    assert page.locator("main table tbody").get_by_text("TL202211-002").is_visible()
    assert page.locator("main table tbody").get_by_text("TL202211-001").count() == 0

    chips = page.get_by_role("list", name="Actieve filters")
    assert chips.get_by_role("link", name="Ministerie: Justitie en Veiligheid").is_visible()
    chips.get_by_role("link", name="Te laat: Alleen te laat").click()
    assert "overdue" not in page.url
    assert "ministry=JenV" in page.url
    assert rows(page) == 7


def test_it_shows_the_overdue_count_on_the_overview(page):
    page.goto("/")
    overdue_card = page.locator(".cards li").filter(has_text="Te laat")
    assert overdue_card.locator(".count").inner_text() == "4"


def test_it_opens_a_commitment_with_its_deadline_and_source(page):
    page.goto("/commitments/")
    page.get_by_role("link", name="TL202211-002").click()
    assert page.url.endswith("/commitments/TL202211-002/")
    facts = page.locator("dl.facts").inner_text()
    assert "«in november van dit jaar» 30 november 2022" in facts
    assert "Kamerstuk 28 638, nr. 212" in facts


def test_it_switches_to_english_and_back_and_remembers(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "What the government has promised parliament"
    )
    page.goto("/commitments/")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_it_downloads_the_filtered_csv_and_the_calendar(page):
    page.goto("/commitments/?overdue=true")
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als CSV").click()
    # The Dutch page's file opens in Dutch Excel: a BOM, ';' between fields, Dutch headers.
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(row["Nummer"] for row in table) == [
        "TL202211-002",
        "TL202211-003",
        "TL202211-004",
        "TL202211-006",
    ]

    link = page.locator("main").get_by_role("link", name="Abonneren op de termijnen (iCalendar)")
    response = page.request.get(link.get_attribute("href"))
    calendar = icalendar.Calendar.from_ical(response.body())
    due = sorted(str(event["DTSTART"].dt) for event in calendar.walk("VEVENT"))
    assert due == ["2022-11-30", "2022-12-31", "2022-12-31", "2023-06-20"]
    assert io.BytesIO(response.body()).read(15) == b"BEGIN:VCALENDAR"


def test_it_runs_the_pages_without_breaking_their_content_security_policy(page):
    from commitments.models import Member
    from tests.factories import UserFactory

    UserFactory(username="csp-clerk", is_staff=True, is_superuser=True)
    member = Member.objects.order_by("pk").first()
    # Chromium reports on the console every resource, inline script or style the policy blocks
    # ("Refused to load …", "Applying inline style violates …"), naming the policy.
    refused = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            # Redoc's "powered by" logo comes from Redocly's CDN; keeping it out is the point.
            and "https://cdn.redoc.ly/" not in message.text
            and refused.append((page.url, message.text))
        ),
    )

    for path in [
        "/",
        "/commitments/",
        "/commitments/?overdue=true",
        "/commitments/TL202211-002/",
        "/ministries/JenV/",
        f"/members/{member.pk}/",
        "/api/docs/",
        # Redoc adds style elements while it loads; its page lets inline styles through.
        "/api/redoc/",
        "/accounts/login/",
    ]:
        page.goto(path, wait_until="networkidle")
    page.goto("/admin/login/")
    page.locator("#id_username").fill("csp-clerk")
    page.locator("#id_password").fill("correct horse battery staple")
    page.locator("#login-form [type=submit]").click()
    for path in [
        "/admin/",
        "/admin/commitments/commitment/",
        "/admin/commitments/commitment/?o=-1",
        "/api/commitments/",
    ]:
        page.goto(path, wait_until="networkidle")
    page.goto("/admin/commitments/commitment/")
    page.locator("#result_list tbody a").first.click()
    page.wait_for_load_state("networkidle")
    # The autocomplete fields (select2) draw their widgets with script.
    page.locator(".select2-selection").first.click()
    page.wait_for_load_state("networkidle")

    assert refused == []
