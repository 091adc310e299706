from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import set_script_prefix
from django.utils import timezone, translation

from articles.models import Article, Topic
from articles.templatetags.navigation import address
from tests.conftest import PDF_BYTES, SEED_URL_EN, SEED_URL_LO, publish, related_to
from tests.pages import latin_words_outside_english, visible_text

SEED_TITLE_LO = "ກອງປະຊຸມສະຫຼຸບຜົນສຳເລັດ ຂອງການຄົ້ນຄວ້າໃນການສ້າງນະໂຍບາຍພັດທະນາລະບົບບໍລິຫານລັດດີຈິຕອນ ຢູ່ ສປປ ລາວ"
SEED_TITLE_EN = (
    "Meeting concludes research on a policy for developing digital government in the Lao PDR"
)


def test_root_goes_to_lao_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/lo/"


def test_root_goes_to_english_for_a_browser_that_asks_for_it(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,lo;q=0.5")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("url", "title", "article_url"),
    [("/lo/", SEED_TITLE_LO, SEED_URL_LO), ("/en/", SEED_TITLE_EN, SEED_URL_EN)],
)
def test_home_lists_the_latest_releases(client, seed_article, url, title, article_url):
    response = client.get(url)
    assert response.status_code == 200
    assert title in visible_text(response.text)
    assert f'href="{article_url}"' in response.text


def test_lao_article_page(client, seed_article):
    response = client.get(SEED_URL_LO)
    page = response.text
    assert response.status_code == 200
    assert '<html lang="lo">' in page
    text = visible_text(page)
    assert SEED_TITLE_LO in text
    assert "ວັນທີເຜີຍແຜ່ 24 ສິງຫາ 2022" in text
    assert "ວັນທີຈັດງານ 24 ສິງຫາ 2022" in text
    assert '<time datetime="2022-08-24">' in page
    assert f'<a href="{SEED_URL_EN}" lang="en" hreflang="en">English</a>' in page
    assert "ການຫັນເປັນລັດຖະບານດີຈິຕອນ" in text


def test_english_article_page(client, seed_article):
    response = client.get(SEED_URL_EN)
    page = response.text
    assert '<html lang="en">' in page
    text = visible_text(page)
    assert SEED_TITLE_EN in text
    assert "Publication date 24 August 2022" in text
    assert "Event date 24 August 2022" in text
    assert "Santisouk Simmalavong" in text and "Thavisak Manotham" in text
    # Drawn, not written: see tests/test_page_weight.py.
    lao_link = f'<a href="{SEED_URL_LO}" lang="lo" hreflang="lo">'
    assert f'{lao_link}<svg class="lao-word" role="img" aria-label="ລາວ"' in page
    assert "This release has not been translated" not in text


def test_lao_pages_show_no_english_outside_english_fragments(client, seed_article):
    for url in ("/lo/", SEED_URL_LO, "/lo/no-such-page/"):
        assert latin_words_outside_english(client.get(url).text) == [], url


def test_lao_only_release_on_the_english_site_says_so(client, db):
    article = Article.objects.create(
        title_lo="ຂ່າວພາສາລາວເທົ່ານັ້ນ",
        body_lo="ເນື້ອໃນຂ່າວ",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(article.url_in("en")).text
    assert "has not been translated into English yet" in page
    assert '<h1 class="release__title" lang="lo">' in page
    assert '<div class="release__body" lang="lo">' in page
    home = client.get("/en/").text
    assert '<h2 class="teaser__title" lang="lo">' in home


@pytest.mark.parametrize(
    ("status", "published_at"),
    [
        (Article.Status.DRAFT, None),
        (Article.Status.SCHEDULED, timezone.now() + timedelta(days=1)),
    ],
)
def test_unreleased_articles_are_invisible(client, db, status, published_at):
    article = Article.objects.create(
        title_lo="ຂ່າວລັບ",
        body_lo="ເນື້ອໃນ",
        title_en="Secret",
        body_en="Body",
        status=status,
        published_at=published_at,
    )
    assert Article.objects.get(pk=article.pk).status == status
    for language in ("lo", "en"):
        assert client.get(article.url_in(language)).status_code == 404
        assert client.get(f"/{language}/news/{article.pk}/").status_code == 404
        assert "ຂ່າວລັບ" not in client.get(f"/{language}/").text


def test_scheduled_article_appears_when_its_time_comes(client, db):
    article = Article.objects.create(
        title_lo="ຂ່າວຕັ້ງເວລາ",
        body_lo="ເນື້ອໃນ",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
    )
    assert client.get(f"/lo/news/{article.pk}/").status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/lo/news/{article.pk}/", follow=True).status_code == 200


@pytest.mark.parametrize(
    "stale",
    [
        "/lo/news/1/",
        "/lo/news/2022/08/1-old-slug/",
        "/lo/news/2021/01/1-meeting-concludes-digital-government-policy-research/",
    ],
)
def test_other_addresses_redirect_to_the_canonical_one(client, seed_article, stale):
    response = client.get(stale)
    assert response.status_code == 301 and response["Location"] == SEED_URL_LO


@pytest.mark.parametrize(
    ("url", "heading", "language"),
    [
        ("/lo/no-such-page/", "ບໍ່ພົບໜ້ານີ້", "lo"),
        ("/en/no-such-page/", "Page not found", "en"),
        ("/lo/news/2022/08/999-missing/", "ບໍ່ພົບໜ້ານີ້", "lo"),
    ],
)
def test_unknown_addresses_get_the_sites_404_in_the_readers_language(
    client, db, url, heading, language
):
    response = client.get(url)
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.text
    assert heading in visible_text(response.text)


def test_preview_is_for_staff_only(client, db):
    draft = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    url = f"/lo/news/preview/{draft.pk}/"
    assert client.get(url).status_code == 302
    staff = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "ຮ່າງ" in visible_text(response.text)
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("page", ["999", "abc", "-1", "1e9"])
def test_a_bad_page_number_is_a_404_not_an_error(client, seed_article, page):
    response = client.get("/lo/", {"page": page})
    assert response.status_code == 404
    assert "ບໍ່ພົບໜ້ານີ້" in visible_text(response.text)


SECTION_PAGES = [
    ("/lo/sections/digital-government/", "ລັດຖະບານດີຈິຕອນ"),
    ("/en/sections/digital-government/", "Digital government"),
    ("/lo/topics/korea/", "ສ ເກົາຫຼີ"),
    ("/en/topics/korea/", "Republic of Korea"),
    ("/lo/archive/2022/08/", "ຂ່າວປະຈຳເດືອນ ສິງຫາ 2022"),
    ("/en/archive/2022/08/", "Press releases of August 2022"),
    ("/lo/archive/2022/", "ຂ່າວປະຈຳປີ 2022"),
    ("/en/archive/2022/", "Press releases of 2022"),
]


@pytest.mark.parametrize(("url", "heading"), SECTION_PAGES)
def test_section_topic_and_archive_pages_list_the_release(client, seed_article, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response.text)
    assert heading in text
    language = url[1:3]
    assert f'href="{seed_article.url_in(language)}"' in response.text
    assert f'<link rel="canonical" href="http://testserver{url}">' in response.text


@pytest.mark.parametrize(
    ("url", "months"),
    [("/lo/archive/", ["ສິງຫາ", "ກັນຍາ"]), ("/en/archive/", ["August", "September"])],
)
def test_archive_index_lists_months_with_counts(client, related_release, url, months):
    response = client.get(url)
    text = visible_text(response.text)
    assert "2022" in text
    for month in months:
        assert month in text
    assert 'href="' + url + '2022/09/"' in response.text
    assert ("1 ຂ່າວ" if url.startswith("/lo") else "1 release") in text


def test_a_release_is_archived_on_its_date_in_vientiane(client, db):
    """17:30 UTC on 31 December 2025 is already 1 January 2026 there."""
    article = publish(
        title_en="New Year",
        body_en="Text",
        slug="new-year",
        published_at=datetime(2025, 12, 31, 17, 30, tzinfo=UTC),
    )
    url = article.url_in("en")
    assert url == f"/en/news/2026/01/{article.pk}-new-year/"
    assert "1 January 2026" in visible_text(client.get(url).text)
    for page in ("/en/archive/2026/", "/en/archive/2026/01/"):
        assert f'href="{url}"' in client.get(page).text
    for page in ("/en/archive/2025/", "/en/archive/2025/12/"):
        assert client.get(page).status_code == 404
    index = client.get("/en/archive/").text
    assert 'href="/en/archive/2026/01/"' in index and "/en/archive/2025/" not in index
    publish(title_en="Autumn", body_en="Text", published_at=datetime(2025, 11, 3, tzinfo=UTC))
    november = client.get("/en/archive/2025/11/").text
    assert 'href="/en/archive/2026/01/"' in november and "Newer: January 2026" in november
    assert "Older: November 2025" in client.get("/en/archive/2026/01/").text


def test_month_pages_skip_empty_months_across_a_year(client, seed_article):
    december = publish(
        title_en="Year end", body_en="Text", published_at=datetime(2021, 12, 31, 16, 59, tzinfo=UTC)
    )
    assert december.url_in("en").startswith("/en/news/2021/12/")  # 23:59 in Vientiane
    page = client.get("/en/archive/2021/12/").text
    assert 'href="/en/archive/2022/08/"' in page and "Older:" not in page
    assert 'href="/en/archive/2021/12/"' in client.get("/en/archive/2022/08/").text


def test_month_pages_link_to_the_neighbouring_months(client, related_release):
    august = client.get("/en/archive/2022/08/").text
    assert 'href="/en/archive/2022/09/"' in august and "Newer: September 2022" in august
    september = client.get("/lo/archive/2022/09/").text
    assert 'href="/lo/archive/2022/08/"' in september
    assert "ເກົ່າກວ່າ: ສິງຫາ 2022" in visible_text(september)


def test_a_month_page_follows_its_neighbours_as_they_change(client, seed_article, uncached):
    """Each process keeps a month's links by the months beside it: a release published
    in a new month next to it, or the last one of a month withdrawn, shows at once."""
    assert "Newer:" not in client.get("/en/archive/2022/08/").text
    october = publish(
        title_en="Autumn", body_en="Text", published_at=timezone.make_aware(datetime(2022, 10, 3))
    )
    august = client.get("/en/archive/2022/08/").text
    assert 'href="/en/archive/2022/10/"' in august and "Newer: October 2022" in august
    october.status = Article.Status.WITHDRAWN
    october.save()
    assert "Newer:" not in client.get("/en/archive/2022/08/").text


def test_a_section_page_follows_a_renamed_section(client, seed_article, uncached):
    """Each process keeps a section page's heading, description and feed links by the
    section's name and slug, so a rename shows on the next view, in both languages."""
    client.get("/en/sections/digital-government/")
    client.get("/lo/sections/digital-government/")
    section = seed_article.section
    section.name_en, section.name_lo, section.slug = "E-government", "ລັດຖະບານເອເລັກໂຕຣນິກ", "e-gov"
    section.save()
    english = client.get("/en/sections/e-gov/").text
    assert "Digital government" not in english
    assert '<meta name="description" content="E-government: press releases' in english
    assert 'href="/en/sections/e-gov/rss.xml" title="E-government (RSS)"' in english
    assert '<h1 class="page-title">E-government</h1>' in english
    assert 'href="/en/sections/e-gov/atom.xml" type="application/atom+xml"' in english
    lao = client.get("/lo/sections/e-gov/").text
    assert "ລັດຖະບານເອເລັກໂຕຣນິກ" in visible_text(lao)
    assert 'title="ລັດຖະບານເອເລັກໂຕຣນິກ (RSS)"' in lao
    assert client.get("/en/sections/digital-government/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/lo/archive/2022/13/",
        "/lo/archive/2022/00/",
        "/en/archive/2021/08/",
        "/lo/archive/9999/",
        "/lo/archive/0000/01/",
        "/lo/sections/no-such-section/",
        "/en/topics/no-such-topic/",
        "/lo/sections/digital-government/?page=2",
    ],
)
def test_empty_or_impossible_lists_are_404s(client, seed_article, url):
    response = client.get(url)
    assert response.status_code == 404
    assert ("ບໍ່ພົບໜ້ານີ້" if url.startswith("/lo") else "Page not found") in response.text


def test_drafts_do_not_reach_section_topic_or_archive_pages(client, seed_article):
    draft = Article.objects.create(title_lo="ຂ່າວລັບ", body_lo="ເນື້ອໃນ", section=seed_article.section)
    draft.topics.set(seed_article.topics.all())
    for url in (
        "/lo/sections/digital-government/",
        "/lo/topics/korea/",
        "/lo/archive/",
    ):
        assert "ຂ່າວລັບ" not in client.get(url).text


@pytest.fixture
def twelve_releases(seed_article):
    for day in range(1, 13):
        article = Article.objects.create(
            title_lo=f"ຂ່າວທີ {day}",
            body_lo="ເນື້ອໃນ",
            status=Article.Status.PUBLISHED,
            published_at=timezone.make_aware(timezone.datetime(2022, 8, day, 9)),
            section=seed_article.section,
        )
        article.topics.set(seed_article.topics.all())


@pytest.mark.parametrize(
    "url",
    [
        "/lo/",
        "/en/",
        "/lo/sections/digital-government/",
        "/en/topics/korea/",
        "/lo/archive/2022/08/",
        "/en/archive/2022/",
    ],
)
def test_every_list_is_paginated_with_rel_links(client, twelve_releases, url):
    first = client.get(url).text
    assert f'<link rel="next" href="http://testserver{url}?page=2">' in first
    assert f'<a rel="next" href="{url}?page=2">' in first
    assert 'rel="prev"' not in first
    assert ("ໜ້າ 1" if url.startswith("/lo") else "Page 1") in visible_text(first)
    second = client.get(url, {"page": 2}).text
    assert ("ໜ້າ 2" if url.startswith("/lo") else "Page 2") in visible_text(second)
    assert 'rel="next"' not in second
    assert client.get(url, {"page": 3}).status_code == 404
    assert f'<link rel="prev" href="http://testserver{url}">' in second
    assert f'<a rel="prev" href="{url}">' in second
    assert f'<link rel="canonical" href="http://testserver{url}?page=2">' in second
    other = "en" if url.startswith("/lo") else "lo"
    twin = f"/{other}{url[3:]}"
    assert (
        f'<link rel="alternate" hreflang="{other}" href="http://testserver{twin}?page=2">' in second
    )


def test_a_list_names_its_addresses_at_the_host_it_is_served_at(client, seed_article, settings):
    """Each process renders a page's address links once per address: host included."""
    settings.ALLOWED_HOSTS = ["testserver", "news.example"]
    settings.PAGE_CACHE_SECONDS = 0
    for host in ("testserver", "news.example", "testserver"):
        page = client.get("/en/", HTTP_HOST=host).text
        assert f'<link rel="canonical" href="http://{host}/en/">' in page
        assert f'<link rel="alternate" hreflang="lo" href="http://{host}/lo/">' in page
        assert '<a href="/lo/" lang="lo" hreflang="lo">' in page


def test_article_head_names_only_the_language_versions_that_exist(client, seed_article, db):
    page = client.get(SEED_URL_LO).text
    assert f'<link rel="canonical" href="http://testserver{SEED_URL_LO}">' in page
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{SEED_URL_EN}">' in page
    neutral = SEED_URL_LO.removeprefix("/lo")
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{neutral}">' in page
    lao_only = Article.objects.create(
        title_lo="ຂ່າວພາສາລາວເທົ່ານັ້ນ",
        body_lo="ເນື້ອໃນ",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(lao_only.url_in("en")).text
    assert 'hreflang="en" href="http' not in page
    assert f'hreflang="lo" href="http://testserver{lao_only.url_in("lo")}"' in page


def test_the_language_neutral_address_redirects_to_the_readers_language(client, seed_article):
    neutral = SEED_URL_LO.removeprefix("/lo")
    response = client.get(neutral, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == SEED_URL_EN


def test_preview_and_404_pages_name_no_canonical_address(client, db):
    assert 'rel="canonical"' not in client.get("/lo/no-such-page/").text
    draft = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    client.force_login(User.objects.create_user("editor", password="x", is_staff=True))
    page = client.get(f"/lo/news/preview/{draft.pk}/").text
    assert 'rel="canonical"' not in page and "og:title" not in page


@pytest.mark.parametrize("language", ["lo", "en"])
def test_article_shows_section_topics_documents_and_related_releases(
    client, related_release, seed_article, language
):
    page = client.get(seed_article.url_in(language)).text
    text = visible_text(page)
    related_heading = {"lo": "ຂ່າວທີ່ກ່ຽວຂ້ອງ", "en": "Related releases"}[language]
    assert related_heading in text
    assert f'href="{related_release.url_in(language)}"' in page
    assert f'href="/{language}/sections/digital-government/"' in page
    assert f'href="/{language}/topics/korea/"' in page

    page = client.get(related_release.url_in(language)).text
    text = visible_text(page)
    heading, lao, english = {
        "lo": ("ເອກະສານທາງການ", "ພາສາລາວ", "ພາສາອັງກິດ"),
        "en": ("Official documents", "Lao", "English"),
    }[language]
    assert heading in text and lao in text and english in text
    size = {"lo": "ໄບ", "en": "bytes"}[language]
    assert f"PDF, {len(PDF_BYTES)} {size}" in text
    for document in related_release.attachments.all():
        assert f'href="{document.file.url}"' in page
        download = client.get(document.file.url)
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_related_releases_are_published_only(client, seed_article):
    draft = Article.objects.create(title_lo="ຂ່າວລັບ", body_lo="ເນື້ອໃນ", section=seed_article.section)
    assert "ຂ່າວລັບ" not in client.get(SEED_URL_LO).text
    assert list(related_to(seed_article)) == []
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert list(related_to(seed_article)) == [draft]


def test_article_image_is_a_picture_of_stored_renditions(client, related_release):
    page = client.get(related_release.url_in("en")).text
    picture = related_release.picture
    assert '<source type="image/webp"' in page and picture.webp_srcset in page
    assert f'src="{picture.fallback.url}"' in page
    assert 'width="720" height="405"' in page and 'alt="The meeting room"' in page
    for rendition in related_release.image_renditions["files"]:
        assert client.get(related_release.image.storage.url(rendition["name"])).status_code == 200


@pytest.mark.parametrize("language", ["lo", "en"])
def test_navigation_footer_and_feeds_in_every_page(client, seed_article, language):
    page = client.get(f"/{language}/").text
    assert f'<link rel="alternate" type="application/rss+xml" href="/{language}/rss.xml"' in page
    assert f'<link rel="alternate" type="application/atom+xml" href="/{language}/atom.xml"' in page
    assert f'<a href="/{language}/" aria-current="page">' in page
    assert f'href="/{language}/archive/"' in page
    assert page.count('rel="stylesheet"') == 1, "print rules live in site.css: one request"


def test_lao_list_pages_show_no_english_outside_english_fragments(client, related_release):
    for url in (
        "/lo/sections/digital-government/",
        "/lo/topics/korea/",
        "/lo/archive/",
        "/lo/archive/2022/",
        "/lo/archive/2022/09/",
        related_release.url_in("lo"),
    ):
        assert latin_words_outside_english(client.get(url).text) == [], url


@pytest.mark.parametrize("page", ["²", "໒", "٣", "1_0"])
def test_page_numbers_in_other_digits_are_a_404_not_an_error(client, seed_article, page):
    assert client.get("/lo/", {"page": page}).status_code == 404


def test_kept_addresses_follow_the_language_and_the_script_prefix():
    for language in ("lo", "en"):
        with translation.override(language):
            assert address("articles:archive_month", 2022, 8) == f"/{language}/archive/2022/08/"
    set_script_prefix("/ministry/")
    try:
        with translation.override("en"):
            assert address("articles:archive_year", 2022) == "/ministry/en/archive/2022/"
    finally:
        set_script_prefix("/")


def test_a_topic_page_names_its_topic_with_or_without_releases(client, seed_article, settings):
    """The topic is kept in the cache (the page cache off here, so each page is rendered)."""
    settings.PAGE_CACHE_SECONDS = 0
    space = Topic.objects.create(slug="space", name_lo="ອາວະກາດ", name_en="Space")
    empty = client.get("/en/topics/space/")
    assert empty.status_code == 200 and "<h1" in empty.text and "Space" in visible_text(empty.text)
    assert "Republic of Korea" in visible_text(client.get("/en/topics/korea/").text)
    korea = seed_article.topics.get(slug="korea")
    korea.name_en = "Korea"
    korea.slug = "republic-of-korea"
    korea.save()
    renamed = client.get("/en/topics/republic-of-korea/")
    assert "Korea" in visible_text(renamed.text) and "Republic of Korea" not in renamed.text
    assert client.get("/en/topics/korea/").status_code == 404
    korea.name_en = "Korea, Republic of"
    korea.save()
    assert "Korea, Republic of" in visible_text(client.get("/en/topics/republic-of-korea/").text)
    space.delete()
    assert client.get("/en/topics/space/").status_code == 404
