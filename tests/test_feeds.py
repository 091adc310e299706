import xml.etree.ElementTree as ET

import pytest

from tests.conftest import SEED_URL_EN, SEED_URL_LO, publish

ATOM = "{http://www.w3.org/2005/Atom}"
SEED_TITLE_EN = (
    "Meeting concludes research on a policy for developing digital government in the Lao PDR"
)


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


@pytest.fixture
def lao_only(seed_article):
    return publish(title_lo="ຂ່າວພາສາລາວເທົ່ານັ້ນ", section=seed_article.section)


def test_lao_rss_lists_every_release_with_lao_titles_and_readable_dates(client, lao_only):
    response, rss = feed(client, "/lo/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = rss.find("channel")
    assert channel.findtext("language") == "lo"
    assert channel.findtext("title") == "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items][1].startswith("ກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ")
    seed = items[1]
    assert seed.findtext("link") == f"http://testserver{SEED_URL_LO}"
    # RFC 822 dates with English day and month names, whatever the page language, and
    # Vientiane's date: the seed was published on 24 August there, 23 August in UTC.
    assert seed.findtext("pubDate") == "Wed, 24 Aug 2022 00:00:00 +0700"
    assert "ລັດຖະບານດີຈິຕອນ" in [category.text for category in seed.findall("category")]


def test_english_feed_leaves_out_releases_not_translated_yet(client, lao_only):
    _response, rss = feed(client, "/en/rss.xml")
    channel = rss.find("channel")
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in channel.findall("item")] == [SEED_TITLE_EN]
    assert channel.find("item").findtext("link") == f"http://testserver{SEED_URL_EN}"


@pytest.mark.parametrize("language", ["lo", "en"])
def test_atom_feed(client, seed_article, language):
    response, atom = feed(client, f"/{language}/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    (entry,) = atom.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/{language}/news/")
    assert entry.findtext(f"{ATOM}published") == "2022-08-24T00:00:00+07:00"
    assert entry.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("language", ["lo", "en"])
def test_section_feeds_hold_only_that_section(client, seed_article, language):
    publish(title_lo="ຂ່າວນອກໝວດ", title_en="Outside the section", body_en="Text")
    _response, rss = feed(client, f"/{language}/sections/digital-government/rss.xml")
    titles = [item.findtext("title") for item in rss.find("channel").findall("item")]
    assert len(titles) == 1 and "ນອກໝວດ" not in titles[0]
    assert (
        rss.find("channel")
        .findtext("title")
        .startswith(seed_article.section.name_lo if language == "lo" else "Digital government")
    )
    _response, atom = feed(client, f"/{language}/sections/digital-government/atom.xml")
    assert len(atom.findall(f"{ATOM}entry")) == 1


def test_drafts_are_not_in_feeds(client, seed_article):
    publish(title_lo="ຮ່າງລັບ", status="draft", published_at=None)
    _response, rss = feed(client, "/lo/rss.xml")
    assert "ຮ່າງລັບ" not in ET.tostring(rss, encoding="unicode")


def test_unknown_section_feed_is_a_404_in_the_readers_language(client, db):
    response = client.get("/lo/sections/no-such-section/rss.xml")
    assert response.status_code == 404
    assert "ບໍ່ພົບໜ້ານີ້" in response.text
