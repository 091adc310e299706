import xml.etree.ElementTree as ET

import pytest

from tests.conftest import SEED_URL_EN, SEED_URL_LO, publish

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc").removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_every_language_version_with_its_alternates_and_x_default(client, seed_article):
    urls = entries(client)
    expected = {"lo": SEED_URL_LO, "en": SEED_URL_EN, "x-default": SEED_URL_LO.removeprefix("/lo")}
    assert urls[SEED_URL_LO] == expected
    assert urls[SEED_URL_EN] == expected


def test_a_lao_only_release_has_no_english_url(client, seed_article):
    article = publish(title_lo="ຂ່າວພາສາລາວເທົ່ານັ້ນ")
    urls = entries(client)
    assert article.url_in("en") not in urls
    assert set(urls[article.url_in("lo")]) == {"lo", "x-default"}


def test_unpublished_releases_are_left_out(client, seed_article):
    draft = publish(
        title_lo="ຮ່າງ", title_en="Draft", body_en="Text", status="draft", published_at=None
    )
    assert not {draft.url_in("lo"), draft.url_in("en")} & set(entries(client))


def test_lists_home_and_sections_and_topics_in_use(client, seed_article):
    urls = entries(client)
    for path in ("/", "/sections/digital-government/", "/topics/korea/"):
        assert f"/lo{path}" in urls and f"/en{path}" in urls
        assert urls[f"/lo{path}"]["x-default"] == path


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt"])
def test_outside_the_language_prefixes(client, db, url):
    assert client.get(url).status_code == 200


def test_robots_txt_points_to_the_sitemap_and_keeps_out_previews(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {
        "Disallow: /admin/",
        "Disallow: /lo/news/preview/",
        "Disallow: /en/news/preview/",
    } <= set(lines)
