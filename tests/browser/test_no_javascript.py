"""With JavaScript off a reader still reads releases, finds them and changes language."""

import pytest

from tests.browser.conftest import VIEWPORT_HEIGHT
from tests.conftest import SEED_URL_EN, SEED_URL_LO
from tests.test_views import SEED_TITLE_EN, SEED_TITLE_LO

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, seeded_server):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": VIEWPORT_HEIGHT}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_a_release_reads_without_javascript(page, seeded_server, screenshot):
    assert page.goto(seeded_server.url + SEED_URL_LO).ok
    screenshot(page, "lo-article-no-javascript-360")
    assert page.locator("h1").inner_text().replace("\n", "") == SEED_TITLE_LO
    body = page.locator(".release__body p")
    assert body.count() >= 5
    assert body.first.is_visible() and "KDI" in body.first.inner_text()
    nav = page.get_by_role("navigation", name="ເມນູຫຼັກ")
    assert nav.get_by_role("link").count() >= 3 and nav.is_visible()
    # The copy button needs the script, so it stays hidden; the link itself is there to copy.
    assert page.locator(".share__copy-button").is_hidden()
    assert page.locator(".share__url").input_value().endswith(SEED_URL_LO)


def test_links_search_and_the_language_switcher_work_without_javascript(page, seeded_server):
    assert page.goto(seeded_server.url + "/lo/").ok
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    page.get_by_role("link", name=SEED_TITLE_EN).click()
    page.wait_for_url(f"**{SEED_URL_EN}")
    assert page.locator("h1").inner_text() == SEED_TITLE_EN
    page.get_by_role("searchbox", name="Search press releases").fill("digital government")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/search/?q=digital+government")
    assert page.get_by_role("link", name=SEED_TITLE_EN).is_visible()
    page.get_by_role("link", name="ລາວ").click()
    page.wait_for_url("**/lo/search/")
    assert page.locator("html").get_attribute("lang") == "lo"
