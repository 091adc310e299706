"""The page cache: reader pages come from the cache, and an edit clears exactly its pages.

Text is changed behind the cache's back with QuerySet.update (no signals), so a
page that still shows the old text came from the cache, and one that shows the
new text was rendered again.
"""

import errno
import json
import os
import uuid
from datetime import datetime, timedelta
from unittest import mock

import pytest
import redis
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone

from articles import pagecache, rendered
from articles.models import Article, Attachment, Section, Topic
from tests.conftest import pdf_upload, publish
from tests.pages import visible_text

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def releases(db):
    """A in one section and topic (August 2022); B elsewhere (March 2021)."""
    economy = Section.objects.create(name_lo="ເສດຖະກິດ", name_en="Economy", slug="economy")
    posts = Section.objects.create(name_lo="ໄປສະນີ", name_en="Posts", slug="posts")
    budget = Topic.objects.create(name_lo="ງົບປະມານ", name_en="Budget", slug="budget")
    a = publish(
        title_lo="ກອງປະຊຸມງົບປະມານ",
        title_en="Budget meeting",
        body_en="The budget was discussed.",
        section=economy,
        topics=[budget],
        published_at=timezone.make_aware(datetime(2022, 8, 24, 10)),
    )
    b = publish(
        title_lo="ການຢ້ຽມຢາມທ່າເຮືອ",
        title_en="Harbour visit",
        body_en="A visit to the harbour.",
        section=posts,
        published_at=timezone.make_aware(datetime(2021, 3, 2, 10)),
    )
    return a, b


def rename_behind_the_cache():
    """New titles that only a newly rendered page can show: unknown to the page cache, and
    with the releases' stored parts emptied, as a save empties them."""
    for article in Article.objects.all():
        Article.objects.filter(pk=article.pk).update(
            title_lo=f"{article.title_lo} renamed", title_en=f"{article.title_en} renamed"
        )
    rendered.forget(Article.objects.all())


def shows_new_titles(response):
    return "renamed" in visible_text(response.text)


def pages_of_a(a):
    return [
        a.url_in("lo"),
        a.url_in("en"),
        "/en/",
        "/lo/",
        "/en/sections/economy/",
        "/en/topics/budget/",
        "/en/archive/2022/",
        "/en/archive/2022/08/",
        "/en/search/?q=budget",
        "/en/rss.xml",
        "/en/atom.xml",
        "/en/sections/economy/rss.xml",
    ]


def pages_of_b_only(b):
    return [b.url_in("en"), "/en/sections/posts/", "/en/archive/2021/03/"]


def test_a_second_request_is_served_from_the_cache(client, releases, django_assert_num_queries):
    a, _b = releases
    assert client.get(a.url_in("en")).status_code == 200
    rename_behind_the_cache()
    with django_assert_num_queries(0):
        response = client.get(a.url_in("en"))
    assert "Budget meeting" in response.text and "renamed" not in response.text


def test_editing_a_release_clears_its_pages_and_lists_but_not_another_release(client, releases):
    a, b = releases
    for url in pages_of_a(a) + pages_of_b_only(b):
        assert client.get(url).status_code == 200, url
    rename_behind_the_cache()
    for url in pages_of_a(a) + pages_of_b_only(b):
        assert not shows_new_titles(client.get(url)), f"{url} was not cached"

    a.refresh_from_db()
    a.summary_en = "Edited."
    a.save()

    for url in pages_of_a(a):
        assert shows_new_titles(client.get(url)), f"{url} was not cleared"
    for url in pages_of_b_only(b):
        assert not shows_new_titles(client.get(url)), f"{url} was cleared"


def test_the_sitemap_and_archive_are_cleared_when_a_release_is_withdrawn(client, releases):
    _a, b = releases
    assert b.url_in("en") in client.get("/sitemap.xml").text
    assert "/en/archive/2021/03/" in client.get("/en/archive/").text
    b.status = Article.Status.WITHDRAWN
    b.save()
    assert b.url_in("en") not in client.get("/sitemap.xml").text
    assert "/en/archive/2021/03/" not in client.get("/en/archive/").text


def test_lists_drop_a_withdrawn_release_at_once(client, releases):
    a, _b = releases
    assert "Budget meeting" in client.get("/en/topics/budget/").text
    a.status = Article.Status.WITHDRAWN
    a.save()
    assert "Budget meeting" not in client.get("/en/topics/budget/").text
    assert client.get(a.url_in("en")).status_code == 410


def test_a_new_topic_clears_the_topic_page(client, releases):
    _a, b = releases
    assert "Harbour visit" not in client.get("/en/topics/budget/").text
    b.topics.add(Topic.objects.get(slug="budget"))
    assert "Harbour visit" in client.get("/en/topics/budget/").text


def test_a_new_document_clears_only_its_release_page(client, releases):
    a, b = releases
    client.get(a.url_in("en"))
    client.get(b.url_in("en"))
    rename_behind_the_cache()
    Attachment.objects.create(article=a, language="en", title="Decision", file=pdf_upload())
    page = client.get(a.url_in("en")).text
    assert "Decision" in page and "Budget meeting renamed" in page
    assert "renamed" not in client.get(b.url_in("en")).text


def test_renaming_a_section_clears_every_page(client, releases):
    _a, b = releases
    client.get(b.url_in("en"))
    Section.objects.filter(slug="economy").update(name_en="Finance")
    section = Section.objects.get(slug="posts")
    section.save()
    assert "Finance" in client.get(b.url_in("en")).text


def test_a_scheduled_release_appears_when_its_time_comes_without_a_save(client, releases):
    soon = timezone.now() + timedelta(hours=1)
    publish(title_en="Coming soon", body_en="Later.", published_at=soon)
    assert "Coming soon" not in client.get("/en/").text
    later = soon + timedelta(minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("articles.pagecache.time.time", return_value=later.timestamp()),
    ):
        assert "Coming soon" in client.get("/en/").text


def test_staff_neither_read_nor_fill_the_cache_and_their_pages_are_never_kept(client, releases):
    a, _b = releases
    url = a.url_in("en")
    client.get(url)
    rename_behind_the_cache()
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    response = client.get(url)
    assert "Budget meeting renamed" in response.text
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    client.logout()
    assert not shows_new_titles(client.get(url))


def test_previews_and_the_admin_are_never_kept(client, releases):
    a, _b = releases
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    for url in (f"/en/news/preview/{a.pk}/", "/admin/articles/article/", "/admin/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_reader_pages_may_be_kept_by_browsers_and_cdns(client, releases):
    a, _b = releases
    for url in (a.url_in("lo"), "/lo/", "/sitemap.xml", "/lo/rss.xml"):
        response = client.get(url)
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=60"}, url


@pytest.mark.parametrize("cached", [True, False])
def test_unchanged_pages_are_answered_with_304(client, releases, settings, cached):
    settings.PAGE_CACHE_SECONDS = 3600 if cached else 0
    a, _b = releases
    url = a.url_in("lo")
    first = client.get(url)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304 if cached else since.status_code in (200, 304)
    a.summary_en = "Edited."
    a.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_pages_rendered_while_the_replica_may_lag_are_not_kept(client, releases, settings):
    settings.PAGE_CACHE_REPLICA_LAG = 30
    a, _b = releases
    a.save()
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    assert shows_new_titles(client.get(a.url_in("en")))


def test_each_host_has_its_own_pages(client, releases):
    a, _b = releases
    client.get(a.url_in("en"), HTTP_HOST="localhost")
    rename_behind_the_cache()
    assert shows_new_titles(client.get(a.url_in("en"), HTTP_HOST="127.0.0.1"))
    assert not shows_new_titles(client.get(a.url_in("en"), HTTP_HOST="localhost"))


def test_the_page_cache_can_be_turned_off(client, releases, settings):
    settings.PAGE_CACHE_SECONDS = 0
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    assert "Budget meeting renamed" in client.get(a.url_in("en")).text


def test_responses_that_set_cookies_are_not_stored(db):
    calls = []

    def view(request):
        calls.append(request)
        response = pagecache.tag(HttpResponse("page"))
        response.set_cookie("name", "value")
        return response

    middleware = pagecache.PageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/lo/"))
    assert len(calls) == 2


def test_untagged_responses_are_not_stored(db):
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("page")

    middleware = pagecache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/lo/"))
    assert len(calls) == 2 and not response.has_header("Cache-Control")


@pytest.fixture
def redis_cache(settings):
    """The real Redis, under a key prefix of this test's own."""
    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.ConnectionError:
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"
    backend = "django.core.cache.backends.redis.RedisCache"
    with override_settings(
        CACHES={"default": {"BACKEND": backend, "LOCATION": TEST_REDIS_URL, "KEY_PREFIX": prefix}}
    ):
        yield caches["default"]
    client = redis.Redis.from_url(TEST_REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_pages_are_cached_and_cleared_in_redis(client, releases, redis_cache):
    a, b = releases
    for url in (a.url_in("en"), b.url_in("en")):
        client.get(url)
    rename_behind_the_cache()
    assert "renamed" not in client.get(a.url_in("en")).text
    assert redis_cache.get(pagecache.TAG_KEY.format(f"article:{a.pk}")) is not None
    a.refresh_from_db()
    a.save()
    assert "Budget meeting renamed" in client.get(a.url_in("en")).text
    assert "renamed" not in client.get(b.url_in("en")).text


def test_a_gzipped_page_answers_304_to_its_weak_etag(client, seed_article):
    """GZipMiddleware weakens the ETag; If-None-Match compares weakly, so 304 still works."""
    first = client.get("/lo/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith("W/")
    again = client.get("/lo/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_tag_dropped_to_make_room_never_makes_an_older_page_fresh_again(
    client, releases, django_assert_num_queries
):
    """The file cache deletes entries at random when full, tags among them."""
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    pagecache.touch({f"article:{a.pk}"})
    cache.delete(pagecache.TAG_KEY.format(f"article:{a.pk}"))
    client.get(a.url_in("lo"))  # a page with the same tag puts the tag back
    assert shows_new_titles(client.get(a.url_in("en")))
    with django_assert_num_queries(0):
        assert shows_new_titles(client.get(a.url_in("lo")))


def test_every_page_is_rendered_again_after_a_migration(client, releases):
    """New code comes with migrations, and the cache outlives the server's processes."""
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    call_command("migrate", verbosity=0)
    assert shows_new_titles(client.get(a.url_in("en")))


def test_every_page_is_rendered_again_after_rows_are_loaded_as_stored(client, releases, tmp_path):
    """loaddata and restored backups save rows as they are, without their pages' tags."""
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    fixture = tmp_path / "topic.json"
    topic = {"model": "articles.topic", "fields": {"slug": "roads", "name_lo": "ທາງ"}}
    fixture.write_text(json.dumps([topic]), encoding="utf-8")
    call_command("loaddata", fixture, verbosity=0)
    assert shows_new_titles(client.get(a.url_in("en")))


def full_disk():
    """Every write to the file cache fails as on a full disk; deleting still works."""
    no_space = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return mock.patch.object(FileBasedCache, "_write_content", side_effect=no_space)


def undeletable():
    """Files that cannot be deleted, as in a folder the process may not write."""
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    return mock.patch.object(FileBasedCache, "_delete", side_effect=denied)


def test_a_page_the_full_disk_cannot_keep_is_served_uncached(client, releases, caplog):
    a, _b = releases
    with full_disk():
        first = client.get(a.url_in("en"))
        rename_behind_the_cache()
        second = client.get(a.url_in("en"))
    assert first.status_code == 200 and "Budget meeting" in first.text
    assert shows_new_titles(second)
    assert "could not keep a page" in caplog.text and "could not keep the sections" in caplog.text


def test_an_unreadable_cache_serves_pages_rendered(client, releases, caplog):
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    with mock.patch.object(FileBasedCache, "get", side_effect=denied):
        assert shows_new_titles(client.get(a.url_in("en")))
    assert "could not be read" in caplog.text


def test_a_save_the_full_disk_cannot_record_succeeds_and_leaves_no_page_stale(
    client, releases, caplog, django_capture_on_commit_callbacks
):
    a, _b = releases
    client.get(a.url_in("en"))
    rename_behind_the_cache()
    a.refresh_from_db()
    with full_disk(), django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        a.summary_en = "Edited."
        a.save()
    assert Article.objects.get(pk=a.pk).summary_en == "Edited."
    assert shows_new_titles(client.get(a.url_in("en")))
    assert "could not record a change" in caplog.text


def test_a_save_succeeds_when_the_cache_can_be_neither_written_nor_emptied(releases, caplog):
    section = Section.objects.get(slug="economy")
    section.name_en = "Finance"
    with full_disk(), undeletable():
        section.save()
    assert Section.objects.get(slug="economy").name_en == "Finance"
    assert "could not be emptied either" in caplog.text
    assert "could not drop the sections" in caplog.text


def test_the_checks_name_a_cache_folder_that_cannot_be_written():
    """As for a command run by another user than the server's, in the server's folder."""
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    with (
        mock.patch("articles.pagecache.tempfile.mkstemp", side_effect=denied),
        pytest.raises(SystemCheckError, match=r"cannot be written: .*Permission denied"),
    ):
        call_command("check")


def test_the_checks_make_the_cache_folder(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "var" / "cache"),
        }
    }
    assert pagecache.check_cache_folder(None) == []
    assert (tmp_path / "var" / "cache").is_dir()
