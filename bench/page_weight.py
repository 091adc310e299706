"""Page weight: the bytes a reader's first visit transfers, by kind, in Chromium.

Serves the site production-like (bench/production_site.py), opens each page
in a fresh Chromium profile (an empty cache) that asks for `br, gzip`, waits
for the web fonts, and sums, by resource type, what Chromium counts as
transferred: every response's headers and its encoded body. Target: the Lao
release page at most 30 KB (30,000 bytes), every request counted.

    .venv/bin/python bench/page_weight.py

Exit status 0 when the target is met, 1 otherwise.
"""

import sys
from collections import Counter

from playwright.sync_api import sync_playwright
from production_site import PAGES, serve
from soak import machine

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KINDS = ["document", "stylesheet", "font", "script", "image", "other"]
TARGET_PAGE = "Lao article"
TARGET_BYTES = 30_000


def first_view(browser, url):
    """Transferred bytes by resource type, the number of requests, the document's
    Content-Encoding, and the font files."""
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, extra_http_headers={"Accept-Encoding": "br, gzip"}
    )
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => undefined)")
    page.wait_for_load_state("networkidle")
    encoding = response.header_value("content-encoding") or "none"
    weights = Counter()
    fonts = []
    for request in finished:
        sizes = request.sizes()
        kind = request.resource_type if request.resource_type in KINDS else "other"
        weights[kind] += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        if request.resource_type == "font":
            fonts.append(request.url.rsplit("/", 1)[-1])
    context.close()
    return weights, len(finished), encoding, fonts


def main():
    print(f"machine: {machine()}")
    print(f"chromium: {CHROMIUM}, first view (empty cache), Accept-Encoding: br, gzip")
    print("transferred bytes (response headers and encoded body) by resource type:\n")
    header = (
        f"{'page':<16}" + "".join(f"{kind:>11}" for kind in KINDS) + f"{'total':>9} requests  HTML"
    )
    print(header)
    results = {}
    with serve() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            weights, requests, encoding, fonts = first_view(browser, base + path)
            total = sum(weights.values())
            results[name] = total
            row = "".join(f"{weights[kind]:>11,}" for kind in KINDS)
            print(f"{name:<16}{row}{total:>9,}{requests:>9}  {encoding}")
            print(f"{'':<16}fonts: {', '.join(fonts) or 'none'}")
        browser.close()
    met = results[TARGET_PAGE] <= TARGET_BYTES
    verdict = "met" if met else "NOT met"
    print(
        f"\ntarget: {TARGET_PAGE} at most {TARGET_BYTES:,} bytes: "
        f"{results[TARGET_PAGE]:,} bytes, {verdict}"
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
