"""A phone downloads the small WebP rendition, and the layout reserves the image's box."""

import pytest

pytestmark = pytest.mark.browser

IMAGE_JS = """
() => {
  const img = document.querySelector(".release__image img");
  return {
    complete: img.complete,
    currentSrc: img.currentSrc,
    naturalWidth: img.naturalWidth,
    attributes: [img.getAttribute("width"), img.getAttribute("height")],
    box: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
  };
}
"""


@pytest.mark.parametrize(("width", "rendition"), [(360, "-360w.webp"), (1280, "-720w.webp")])
def test_the_browser_picks_the_rendition_for_its_width(
    related_release, open_page, screenshot, width, rendition
):
    page = open_page(related_release.url_in("en"), width)
    page.wait_for_function("document.querySelector('.release__image img').complete")
    screenshot(page, f"en-article-image-{width}")
    image = page.evaluate(IMAGE_JS)
    assert image["currentSrc"].endswith(rendition), image
    # naturalWidth is the rendition scaled by srcset density (to the `sizes` slot): not 0.
    assert image["complete"] and image["naturalWidth"] > 0
    assert image["attributes"] == ["720", "405"]
    box_width, box_height = image["box"]
    assert box_width <= width and abs(box_height - box_width * 405 / 720) < 2


def test_lao_article_with_image_and_documents_at_phone_width(
    related_release, open_page, screenshot
):
    page = open_page(related_release.url_in("lo"), 360)
    screenshot(page, "lo-article-image-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
