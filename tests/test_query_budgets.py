"""Reader pages take a fixed number of queries, however many releases, topics, photos and
documents they show (measured with the page cache off, as on a cache miss, the section
navigation kept in the cache, as on every request but the first after a section
changes, and the releases' parts stored, as saving them in the admin stores them).
tests/test_related_kept.py counts the queries of a release page whose related releases
are not kept."""

from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import rendered
from articles.models import Attachment, GalleryImage, Section, Topic
from tests.conftest import pdf_upload, photo_upload, publish

ARTICLE_PAGE_BUDGET = 2
LIST_PAGE_BUDGET = 5
LIST_PAGES = [
    "/lo/",
    "/en/",
    "/lo/sections/economy/",
    "/en/topics/topic-0/",
    "/lo/archive/2022/08/",
    "/lo/archive/2022/",
    "/en/search/?q=budget",
    "/lo/archive/",
    "/lo/rss.xml",
    "/en/sections/economy/atom.xml",
    "/sitemap.xml",
]


def add_releases(count, start=0):
    """Releases in one section and month, each with three topics, two photos and two PDFs."""
    section = Section.objects.get_or_create(slug="economy", defaults={"name_lo": "ເສດຖະກິດ"})[0]
    topics = [
        Topic.objects.get_or_create(slug=f"topic-{i}", defaults={"name_lo": f"ຫົວຂໍ້ {i}"})[0]
        for i in range(3)
    ]
    releases = []
    for number in range(start, start + count):
        release = publish(
            title_en=f"Budget meeting {number}",
            body_en="The budget was discussed.",
            section=section,
            topics=topics,
            published_at=timezone.make_aware(datetime(2022, 8, 1 + number, 10)),
        )
        for position in range(2):
            GalleryImage.objects.create(
                article=release,
                image=photo_upload(width=400, height=300),
                alt_lo="ຮູບ",
                alt_en="A photo",
                position=position,
            )
            Attachment.objects.create(
                article=release, language="lo", title="ເອກະສານ", file=pdf_upload()
            )
        releases.append(release)
    for release in releases:
        rendered.render_saved(release.pk, "http://testserver")
    return releases


# Each list reads its page of releases (and a month page its neighbouring months) in one
# query; a topic page finds its topic in the cache.
LIST_QUERIES = {
    "/lo/": 1,
    "/en/sections/economy/": 1,
    "/lo/topics/topic-0/": 1,
    "/en/archive/2022/08/": 1,
}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_pages_keep_their_query_count_as_the_archive_grows(client, db, uncached):
    first = add_releases(1)[0]
    client.get("/lo/")  # keeps the section navigation
    assert connection.features.supports_json_field  # SQLite asks once, with queries of its own
    pages = [first.url_in("lo"), first.url_in("en"), *LIST_PAGES]
    few = {url: queries_for(client, url) for url in pages}
    add_releases(14, start=1)
    many = {url: queries_for(client, url) for url in pages}
    assert many == few


def test_pages_stay_within_their_query_budgets(client, db, uncached, django_assert_max_num_queries):
    first, release = add_releases(15)[:2]
    client.get("/lo/")  # keeps the section navigation
    # Keeps the related releases of their section and topics, and the times of scheduled
    # releases, read once after a save (articles/pagecache.py).
    client.get(first.url_in("lo"))
    for language in ("lo", "en"):
        with django_assert_max_num_queries(ARTICLE_PAGE_BUDGET):
            client.get(release.url_in(language))
    for url in LIST_PAGES:
        with django_assert_max_num_queries(LIST_PAGE_BUDGET, info=url):
            client.get(url)


def test_lists_take_one_query_for_their_releases(client, db, uncached):
    add_releases(3)
    client.get("/lo/")  # keeps the section navigation and the Lao words
    client.get("/en/topics/topic-0/")  # keeps the topic
    assert {url: queries_for(client, url) for url in LIST_QUERIES} == LIST_QUERIES


def test_a_cached_page_takes_no_query(client, db, django_assert_num_queries):
    release = add_releases(2)[0]
    for url in (release.url_in("lo"), *LIST_PAGES):
        client.get(url)
        with django_assert_num_queries(0, info=url):
            client.get(url)


def test_the_navigation_shows_a_renamed_section_at_once(client, db, uncached):
    section = add_releases(1)[0].section
    assert "ເສດຖະກິດ" in client.get("/lo/").text
    section.name_lo = "ການເງິນ"
    section.save()
    assert "ການເງິນ" in client.get("/lo/").text
    empty = Section.objects.create(slug="empty", name_lo="ກະສິກຳ")
    assert "ກະສິກຳ" in client.get("/lo/").text
    # A section page shows the sections its view read, the current one marked.
    nav = client.get(f"/lo/sections/{section.slug}/").text.split('class="site-nav"')[1]
    assert 'href="/lo/sections/empty/"' in nav and "ກະສິກຳ" in nav and "ການເງິນ" in nav
    assert f'href="/lo/sections/{section.slug}/" aria-current="page"' in nav
    empty.delete()
    assert "ກະສິກຳ" not in client.get("/lo/").text
    assert "/lo/sections/empty/" not in client.get(f"/lo/sections/{section.slug}/").text


def test_the_navigation_and_the_lao_words_take_no_query_once_kept(client, db, uncached):
    add_releases(1)
    cache.clear()  # storing the release's parts kept the Lao words
    cold = queries_for(client, "/lo/")
    assert queries_for(client, "/lo/") == cold - 2  # the sections and the staff's Lao words
