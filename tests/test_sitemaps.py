import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Section, Topic
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


def lastmods(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext(f"{SITEMAP}loc").removeprefix("http://testserver"): url.findtext(
            f"{SITEMAP}lastmod"
        )
        for url in root.findall(f"{SITEMAP}url")
    }


def test_lists_carry_the_last_change_of_their_published_releases(client, db, time_machine):
    """On the day it is in Vientiane: 18:30 UTC on 31 January is 1 February there."""
    section = Section.objects.create(slug="economy", name_lo="ເສດຖະກິດ")
    topic = Topic.objects.create(slug="budget", name_lo="ງົບປະມານ")
    time_machine.move_to(datetime(2026, 1, 20, 10, tzinfo=UTC))
    publish(section=section, topics=[topic])
    time_machine.move_to(datetime(2026, 1, 31, 18, 30, tzinfo=UTC))
    newer = publish(section=section, topics=[topic])
    time_machine.move_to(datetime(2026, 2, 5, 10, tzinfo=UTC))
    publish(title_lo="ຮ່າງ", status="draft", published_at=None, section=section, topics=[topic])
    stamps = lastmods(client)
    lists = [
        f"/{language}{path}"
        for language in ("lo", "en")
        for path in ("/", "/sections/economy/", "/topics/budget/")
    ]
    for url in [*lists, newer.url_in("lo")]:
        assert stamps[url] == "2026-02-01", url


def test_the_sitemap_takes_the_same_queries_however_many_sections_and_topics(
    client, seed_article, settings
):
    settings.PAGE_CACHE_SECONDS = 0

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/sitemap.xml")
        return len(captured)

    few = queries()
    for number in range(6):
        section = Section.objects.create(slug=f"section-{number}", name_lo=f"ໝວດ {number}")
        topic = Topic.objects.create(slug=f"topic-{number}", name_lo=f"ປະເດັນ {number}")
        publish(section=section, topics=[topic])
    assert queries() == few
