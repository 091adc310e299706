"""What a page's <head> asks of the browser and tells search engines."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import SEED_URL_EN, SEED_URL_LO, publish


def preloaded_fonts(html):
    return re.findall(r'<link rel="preload" href="/static/fonts/([^"]+)" as="font"', html)


@pytest.mark.parametrize("url", ["/lo/", SEED_URL_LO])
def test_lao_pages_preload_the_body_and_headline_fonts(client, seed_article, url):
    html = client.get(url).content.decode()
    assert preloaded_fonts(html) == [
        "noto-sans-lao-looped-lao-400-normal.woff2",
        "noto-sans-lao-lao-700-normal.woff2",
    ]


@pytest.mark.parametrize("url", ["/en/", SEED_URL_EN])
def test_english_pages_preload_no_font(client, seed_article, url):
    assert preloaded_fonts(client.get(url).content.decode()) == []


def test_the_english_page_of_a_lao_only_release_preloads_the_lao_fonts(client, db):
    article = publish(title_lo="ກອງປະຊຸມ", body_lo="ເນື້ອໃນຂ່າວ")
    html = client.get(article.url_in("en")).content.decode()
    assert preloaded_fonts(html) == [
        "noto-sans-lao-looped-lao-400-normal.woff2",
        "noto-sans-lao-lao-700-normal.woff2",
    ]


@pytest.mark.parametrize("url", ["/lo/", "/en/", SEED_URL_LO, "/en/archive/"])
def test_pages_name_their_icon(client, seed_article, url):
    """Without one the browser asks for /favicon.ico, a 404 in the console of every page."""
    html = client.get(url).content.decode()
    assert '<link rel="icon" href="/static/favicon.png" type="image/png">' in html
    assert finders.find("favicon.png")


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/lo/", "ຂ່າວສານ ຂອງ ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ, ສປປ ລາວ"),
        ("/en/", "Press releases of the Ministry of Technology and Communications, Lao PDR"),
    ],
)
def test_the_home_page_describes_the_site(client, seed_article, url, description):
    html = client.get(url).content.decode()
    assert f'<meta name="description" content="{description}">' in html


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/lo/sections/digital-government/", "ລັດຖະບານດີຈິຕອນ: ຂ່າວສານ ຂອງ ກະຊວງເຕັກໂນໂລຊີ"),
        ("/en/topics/korea/", "Republic of Korea: press releases of the Ministry"),
        ("/lo/archive/2022/08/", "ສປປ ລາວ, ທີ່ເຜີຍແຜ່ໃນເດືອນ ສິງຫາ 2022"),
        ("/en/archive/2022/08/", "Lao PDR, published in August 2022"),
        ("/lo/archive/2022/", "ສປປ ລາວ, ທີ່ເຜີຍແຜ່ໃນປີ 2022"),
        ("/en/archive/", "Archive of press releases: press releases of the Ministry"),
    ],
)
def test_list_pages_describe_what_they_list(client, seed_article, url, description):
    html = client.get(url).content.decode()
    descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(descriptions) == 1 and description in descriptions[0]


@pytest.mark.parametrize(
    "url", ["/en/", "/en/sections/digital-government/", "/en/search/?q=meeting", "release"]
)
def test_english_pages_showing_a_lao_only_release_preload_the_lao_fonts(client, seed_article, url):
    lao_only = publish(
        title_lo="ກອງປະຊຸມ",
        body_lo="ເນື້ອໃນຂ່າວ meeting",
        section=seed_article.section,
        topics=list(seed_article.topics.all()),
    )
    page = client.get(SEED_URL_EN if url == "release" else url).content.decode()
    assert lao_only.url_in("en") in page
    assert preloaded_fonts(page) == [
        "noto-sans-lao-looped-lao-400-normal.woff2",
        "noto-sans-lao-lao-700-normal.woff2",
    ]
