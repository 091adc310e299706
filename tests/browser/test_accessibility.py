"""axe-core finds no WCAG 2.2 AA violation on the reader pages, in both languages, on a phone."""

from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {
    "home": "/{language}/",
    "section": "/{language}/sections/digital-government/",
    "archive": "/{language}/archive/2022/08/",
    "archive-index": "/{language}/archive/",
    "search": "/{language}/search/?q=" + quote("ດີຈິຕອນ KDI"),
    "search-empty": "/{language}/search/?q=zzzz",
}
AXE_RUN_JS = """
(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}}).then((results) =>
  results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  })))
"""


def violations(page):
    # Evaluated through DevTools, which the page's CSP (no inline scripts) does not govern.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN_JS, RULE_TAGS)


@pytest.mark.parametrize("language", ["lo", "en"])
@pytest.mark.parametrize("name", [*PAGES, "article"])
def test_no_axe_violations_at_phone_width(related_release, open_page, screenshot, language, name):
    path = (
        related_release.url_in(language)
        if name == "article"
        else PAGES[name].format(language=language)
    )
    page = open_page(path, 360)
    screenshot(page, f"{language}-{name}-360")
    assert violations(page) == []


def test_the_skip_link_is_the_first_stop_and_shows_when_focused(related_release, open_page):
    page = open_page("/lo/", 360)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
        " return {cls: el.className, top: box.top, outline: getComputedStyle(el).outlineStyle}; }"
    )
    assert focused["cls"] == "skip-link" and focused["top"] >= 0
    assert focused["outline"] != "none"


def test_axe_does_report_a_violation(related_release, open_page):
    """The check above must be able to fail: an image without alt text is caught."""
    page = open_page("/en/", 360)
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [violation["rule"] for violation in violations(page)]
