from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article
from tests.conftest import SEED_URL_EN, SEED_URL_LO
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
    assert f'<a href="{SEED_URL_LO}" lang="lo" hreflang="lo">ລາວ</a>' in page
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
