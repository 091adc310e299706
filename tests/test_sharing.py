import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from articles.sharing import json_ld, share_links
from tests.conftest import SEED_URL_EN, SEED_URL_LO

URL = "https://example.org/lo/news/2022/08/1-meeting/"
TITLE = "ກອງປະຊຸມ & <ສະຫຼຸບ>"


def test_share_links_carry_the_address_and_title_without_scripts():
    with translation.override("en"):
        links = {name: href for name, href, _language in share_links(URL, TITLE)}
    assert set(links) == {"Facebook", "WhatsApp", "X", "E-mail"}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [URL]}
    assert parse_qs(urlsplit(links["WhatsApp"]).query) == {"text": [f"{TITLE} {URL}"]}
    assert parse_qs(urlsplit(links["X"]).query) == {"text": [TITLE], "url": [URL]}
    assert links["E-mail"].startswith("mailto:?subject=")


def test_json_ld_cannot_end_its_script_element():
    html = json_ld({"headline": "</script><script>alert(1)</script>"})
    assert html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["headline"] == "</script><script>alert(1)</script>"


def ld_json(page):
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(body)


@pytest.mark.parametrize(
    ("url", "language", "section"),
    [(SEED_URL_LO, "lo", "ລັດຖະບານດີຈິຕອນ"), (SEED_URL_EN, "en", "Digital government")],
)
def test_article_page_carries_news_article_data_and_open_graph(
    client, seed_article, url, language, section
):
    page = client.get(url).text
    data = ld_json(page)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == language
    assert data["headline"] == seed_article.version(language).title
    # Vientiane's date, as on the page: 23 August in UTC.
    assert data["datePublished"] == "2022-08-24T00:00:00+07:00"
    assert data["url"] == f"http://testserver{url}"
    assert data["articleSection"] == section and len(data["keywords"]) == 3
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert f'<meta property="og:url" content="http://testserver{url}">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert (
        f'<meta property="og:locale" content="{ {"lo": "lo_LA", "en": "en_US"}[language] }">'
        in page
    )


def test_image_reaches_open_graph_and_json_ld(client, related_release):
    page = client.get(related_release.url_in("en")).text
    largest = f"http://testserver{related_release.picture.largest.url}"
    assert ld_json(page)["image"] == [largest]
    assert f'<meta property="og:image" content="{largest}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_fallback_page_says_its_content_is_lao(client, seed_article):
    seed_article.title_en = seed_article.body_en = ""
    seed_article.save()
    data = ld_json(client.get(seed_article.url_in("en")).text)
    assert data["inLanguage"] == "lo"


def test_share_section_with_a_copyable_link(client, seed_article):
    page = client.get(SEED_URL_EN).text
    field = re.search(r'<input id="share-url"[^>]*>', page).group()
    assert f'value="http://testserver{SEED_URL_EN}"' in field and "readonly" in field
    assert '<label for="share-url">' in page
    assert "<script src=" in page and "/static/js/share.js" in page
    assert "onclick" not in page and "style=" not in page
    assert finders.find("js/share.js")
