"""Related releases are worked out once for each section and set of topics and kept in the
cache (articles/rendered.py), yet a release page shows them as they are: a release
published, withdrawn, edited, retagged or scheduled for now in that section or one of
those topics shows on the next page at once. Pages are rendered each time here (the page
cache off), as for a release read from the long tail of the archive."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section, Topic
from tests.conftest import publish


@pytest.fixture
def budget(db):
    return Topic.objects.create(slug="budget", name_lo="ງົບປະມານ", name_en="Budget")


@pytest.fixture
def economy(db):
    return Section.objects.create(slug="economy", name_lo="ເສດຖະກິດ", name_en="Economy")


def release(title, days_ago, **fields):
    when = timezone.now() - timedelta(days=days_ago)
    return publish(title_en=title, body_en="Text.", published_at=when, **fields)


def related_on_page(client, article):
    """The addresses of the releases its English page offers as related, in order."""
    page = client.get(article.url_in("en")).text
    block = re.search(r'<section class="related".*?</section>', page, re.S)
    if block is None:
        return []
    return re.findall(r'<h3 class="teaser__title"><a href="([^"]+)"', block.group(0))


def test_releases_of_a_section_and_topics_share_one_reading_of_their_related(
    client, uncached, budget, economy
):
    first, second, third = (release(f"R{n}", n, section=economy, topics=[budget]) for n in range(3))
    client.get("/en/")  # keeps the section navigation
    with CaptureQueriesContext(connection) as ranked:
        assert related_on_page(client, first) == [second.url_in("en"), third.url_in("en")]
    with CaptureQueriesContext(connection) as kept:
        assert related_on_page(client, second) == [first.url_in("en"), third.url_in("en")]
    # The first page ranked them (and read the times of scheduled releases); the next
    # reads the kept releases' teasers by id, beside the release itself.
    assert len(kept) == 2 < len(ranked)
    assert "COUNT(" in ranked[-2]["sql"] + ranked[-1]["sql"]
    assert "COUNT(" not in kept[-1]["sql"]


def test_a_release_published_since_shows_at_once(client, uncached, budget):
    article, older = release("Article", 1, topics=[budget]), release("Older", 5, topics=[budget])
    assert related_on_page(client, article) == [older.url_in("en")]
    newer = release("Newer", 0, topics=[budget])
    assert related_on_page(client, article) == [newer.url_in("en"), older.url_in("en")]


def test_a_withdrawn_release_leaves_at_once(client, uncached, budget, economy):
    article = release("Article", 1, section=economy, topics=[budget])
    other = release("Other", 2, section=economy)
    assert related_on_page(client, article) == [other.url_in("en")]
    other.status = Article.Status.WITHDRAWN
    other.save()
    assert related_on_page(client, article) == []


def test_a_release_that_loses_the_topic_leaves_at_once(client, uncached, budget, economy):
    article = release("Article", 1, topics=[budget])
    other = release("Other", 2, topics=[budget])
    assert related_on_page(client, article) == [other.url_in("en")]
    other.topics.remove(budget)
    assert related_on_page(client, article) == []
    other.section = economy
    other.save()
    article.section = economy
    article.save()
    assert related_on_page(client, article) == [other.url_in("en")]


def test_a_related_release_edited_shows_its_new_title(client, uncached, budget):
    article, other = release("Article", 1, topics=[budget]), release("Other", 2, topics=[budget])
    assert related_on_page(client, article) == [other.url_in("en")]
    other.title_en = "Other, corrected"
    other.save()
    assert "Other, corrected" in client.get(article.url_in("en")).text


def test_a_release_scheduled_for_now_shows_without_a_save(client, uncached, budget):
    article = release("Article", 1, topics=[budget])
    soon = timezone.now() + timedelta(hours=1)
    scheduled = publish(title_en="Soon", body_en="Text.", published_at=soon, topics=[budget])
    assert related_on_page(client, article) == []
    later = soon + timedelta(minutes=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("articles.pagecache.time.time", return_value=later.timestamp()),
    ):
        assert related_on_page(client, article) == [scheduled.url_in("en")]
