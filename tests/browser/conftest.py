"""Fixtures for real-browser tests: Debian's Chromium driven by playwright against live_server."""

import os
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from articles.models import Article

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT_HEIGHT = 800
STAFF_PASSWORD = "a-long-test-password"
STAFF_WIDTH = 1280
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session; its absence skips, or fails where CI requires it."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is not installed"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 makes that a failure", pytrace=False)
        pytest.skip(reason)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread; without this Django's
        # ORM refuses to run beside it (SynchronousOnlyOperation).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def seeded_server(transactional_db, live_server):
    """The live server with the first release loaded, committed so the server thread sees it."""
    call_command("load_initial_data", stdout=StringIO())
    return live_server


@pytest.fixture
def open_page(browser, live_server):
    """Open a path at a given width, once the web fonts have loaded, as a reader would see it."""
    contexts = []

    def open_(path, width):
        context = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT})
        contexts.append(context)
        page = context.new_page()
        response = page.goto(live_server.url + path)
        assert response.ok, f"{path} answered {response.status}"
        page.evaluate("document.fonts.ready.then(() => undefined)")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return save


@pytest.fixture
def staff_page(browser, transactional_db, live_server):
    """A logged-in admin page for a new account with one role."""
    contexts = []

    def login(role, language="en"):
        user = User.objects.create_user(role.lower(), password=STAFF_PASSWORD)
        call_command("add_to_role", user.username, role, stdout=StringIO())
        viewport = {"width": STAFF_WIDTH, "height": 900}
        context = browser.new_context(viewport=viewport, locale=language)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.fixture
def saved_release(transactional_db):
    """A release saved with a revision, as the admin saves it, in Lao and English."""
    with reversion.create_revision():
        return Article.objects.create(
            title_lo="ກອງປະຊຸມທົດລອງ",
            body_lo="ເນື້ອໃນ",
            title_en="Test meeting",
            summary_en="The old summary",
            body_en="The old body",
        )
