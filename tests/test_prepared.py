"""Querysets compiled once and run with new values (articles/prepared.py)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, released_by_now
from articles.prepared import PreparedQuery
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def titles_by_time(paged=False):
    return PreparedQuery(
        Article,
        lambda now, since: Article.objects.filter(
            released_by_now(now=now), published_at__gte=since
        ).values("pk", "title_en", "published_at"),
        times=("now", "since"),
        paged=paged,
    )


def test_each_run_binds_its_own_values_to_the_same_sql():
    first = publish(title_en="First", published_at=datetime(2024, 1, 1, tzinfo=UTC))
    second = publish(title_en="Second", published_at=datetime(2024, 2, 1, tzinfo=UTC))
    query = titles_by_time()
    with CaptureQueriesContext(connection) as queries:
        before_both = query.rows(
            now=datetime(2023, 12, 1, tzinfo=UTC), since=datetime(2000, 1, 1, tzinfo=UTC)
        )
        after_both = query.rows(
            now=datetime(2024, 3, 1, tzinfo=UTC), since=datetime(2000, 1, 1, tzinfo=UTC)
        )
        since_february = query.rows(
            now=datetime(2024, 3, 1, tzinfo=UTC), since=datetime(2024, 1, 15, tzinfo=UTC)
        )
    assert before_both == []
    assert [row["pk"] for row in after_both] == [second.pk, first.pk]  # the model's order
    assert [row["title_en"] for row in since_february] == ["Second"]
    assert after_both[0]["published_at"] == second.published_at  # converted, as values() does
    assert len({query["sql"] for query in queries}) == len(queries) == 3


def test_a_paged_query_binds_its_limit_and_offset():
    start = datetime(2024, 1, 1, tzinfo=UTC)
    releases = [publish(published_at=start + timedelta(days=day)) for day in range(5)]
    query = titles_by_time(paged=True)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    pages = [query.rows(limit=2, offset=offset, now=now, since=start) for offset in (0, 2, 4)]
    newest_first = [release.pk for release in reversed(releases)]
    assert [[row["pk"] for row in page] for page in pages] == [
        newest_first[0:2],
        newest_first[2:4],
        newest_first[4:],
    ]


def test_an_id_no_column_can_hold_matches_nothing():
    query = PreparedQuery(
        Article, lambda pk: Article.objects.filter(pk=pk).values("pk"), numbers=("pk",)
    )
    assert query.rows(pk=10**30) == []


def test_a_value_the_query_does_not_use_is_refused():
    query = PreparedQuery(Article, lambda pk: Article.objects.values("pk"), numbers=("pk",))
    with pytest.raises(ValueError, match="pk"):
        query.rows(pk=1)
