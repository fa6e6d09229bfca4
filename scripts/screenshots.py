"""Screenshots of every public page at 1366 and 360 px, in Dutch and in English:
docs/screenshots/<page>-<width>-<language>.png and docs/screenshots/README.md listing them.

Run with `make screenshots` (or `.venv/bin/python scripts/screenshots.py`). It needs only what
`make install` gives plus Debian's Chromium (/usr/bin/chromium). It makes a throwaway SQLite
database in a temporary directory, migrates it, loads the seed letter (Kamerstuk 28 638,
nr. 212) and flags what is overdue as of today, as `make run` does; serves it on a free port on
127.0.0.1 from a thread of this process; and photographs each page of scripts/public_pages.py
whole (full page, not only the first screen). Earlier PNGs in docs/screenshots/ are replaced.
"""

import datetime
import os
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def prepare_database(directory: Path) -> None:
    """Point Django at a new SQLite file in `directory` and fill it as `make run` does."""
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'demo.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_seed", verbosity=0)
    call_command("flag_overdue", verbosity=0)


def serve() -> tuple[str, object]:
    """The product's WSGI application on a free port, in a daemon thread; returns (base URL,
    server) — call `server.shutdown()` when done."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            """No line per request on the console: the script reports the files it writes."""

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def photograph(base_url: str, addresses: dict[str, str]) -> list[Path]:
    """One full-page PNG per page, width and language into OUT; returns the files written."""
    from playwright.sync_api import sync_playwright

    from scripts.public_pages import LANGUAGES, VIEWPORTS, open_page
    from tests.web.test_browser import CHROMIUM, CHROMIUM_FLAGS

    if not os.path.exists(CHROMIUM):
        sys.exit(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package")
    shots = [
        (name, path, width, language)
        for name, path in addresses.items()
        for width in VIEWPORTS
        for language in LANGUAGES
    ]
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, path, width, language in shots:
            context, page = open_page(browser, base_url, path=path, width=width, language=language)
            target = OUT / f"{name}-{width}-{language}.png"
            page.screenshot(path=target, full_page=True)
            context.close()
            written.append(target)
            print(target.relative_to(ROOT))
        browser.close()
    return written


def write_index(addresses: dict[str, str], taken_on: datetime.date) -> None:
    """docs/screenshots/README.md: the command, the data, and one row per page linking its
    four pictures."""
    from scripts.public_pages import LANGUAGES, VIEWPORTS

    header = ["page", "address"] + [
        f"{width} px, {language}" for width in VIEWPORTS for language in LANGUAGES
    ]
    lines = [
        "# Screenshots of the public dashboard",
        "",
        "Every public page at 1366 and 360 CSS pixels wide, in Dutch (`nl`) and English (`en`),",
        "each the whole page. Regenerate them all with:",
        "",
        "```",
        "make screenshots",
        "```",
        "",
        "which runs `scripts/screenshots.py`: a throwaway SQLite database with the seed letter",
        "(Kamerstuk 28 638, nr. 212, `seeds/28638-212.json`) loaded and overdue flagged, as",
        "`make run` does, served locally and photographed by Debian's Chromium through Playwright.",
        f"These were taken on {taken_on.isoformat()}; overdue counts and days late depend on that",
        "date. The pages are listed in `scripts/public_pages.py`, which the browser tests",
        "(`tests/web/test_accessibility.py`) walk too.",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for name, path in addresses.items():
        cells = [
            f"[{width}-{language}]({name}-{width}-{language}.png)"
            for width in VIEWPORTS
            for language in LANGUAGES
        ]
        lines.append(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="screenshots-") as directory:
        prepare_database(Path(directory))
        from django.db import connections
        from django.utils import timezone

        from scripts.public_pages import PUBLIC_PAGES

        addresses = {page.name: page.address() for page in PUBLIC_PAGES}
        taken_on = timezone.localdate()
        connections.close_all()
        base_url, server = serve()
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.png"):
            old.unlink()
        try:
            photograph(base_url, addresses)
        finally:
            server.shutdown()
            server.server_close()
            connections.close_all()
        write_index(addresses, taken_on)
    print((OUT / "README.md").relative_to(ROOT))


if __name__ == "__main__":
    main()
