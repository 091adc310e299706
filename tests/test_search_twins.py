"""The same archive searched on PostgreSQL and on SQLite gives the same answers.

PostgreSQL reads tsvector literals through a GIN index, SQLite token streams
through FTS5 (articles/search.py): this runs the query set of test_search.py,
and words of real Lao news, on both and compares what each finds.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connections

from articles.lao.segment import words
from articles.models import Article
from articles.search import parse_query, rank
from tests.test_search import MISSING_QUERIES, SEED_QUERIES

pytestmark = [
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES,
        reason="runs on PostgreSQL, beside the in-memory SQLite twin (settings/test.py)",
    ),
    pytest.mark.django_db(databases=["default", "sqlite"]),
]

CORPUS = settings.BASE_DIR.parent / "shared" / "corpus"
TRANSLATED_FIELDS = {(name, code) for name in Article.TRANSLATED_TEXT for code in ("lo", "en")}
FIRST_DAY = datetime(2022, 1, 3, 2, tzinfo=UTC)


def corpus_releases():
    """The seed and the 78 real articles of shared/corpus, as (slug, Lao, English) texts."""
    fixture = json.loads((settings.BASE_DIR / "fixtures" / "ksp-closing-meeting.json").read_text())
    seed = next(record["fields"] for record in fixture if record["model"] == "articles.article")
    releases = [("seed", seed)]
    for lao_path in sorted(CORPUS.glob("*.lo.txt")):
        number = lao_path.name.split(".")[0]
        lao = lao_path.read_text(encoding="utf-8").split("\n", 1)
        english = (CORPUS / f"{number}.en.txt").read_text(encoding="utf-8").split("\n", 1)
        releases.append(
            (
                f"corpus-{number}",
                {
                    "title_lo": lao[0],
                    "body_lo": lao[1],
                    "title_en": english[0],
                    "body_en": english[1],
                },
            )
        )
    return releases


def corpus_queries(releases):
    """From every fifth release, the longest Lao word of its title and an English word."""
    queries = []
    for _slug, fields in releases[::5]:
        lao = [word for word in words(fields["title_lo"]) if parse_query(word)]
        english = [word for word in fields["title_en"].split() if len(word) > 5]
        queries += [max(lao, key=len)] if lao else []
        queries += english[:1]
    return queries


def build_archive(alias, releases):
    for day, (slug, fields) in enumerate(releases):
        text = {
            field: value or ""
            for field, value in fields.items()
            if field.rpartition("_")[::2] in TRANSLATED_FIELDS
        }
        Article(
            **text,
            slug=slug,
            status=Article.Status.PUBLISHED,
            published_at=FIRST_DAY + timedelta(days=day),
        ).save(using=alias)


def answers(alias, query):
    published = Article.objects.using(alias).published()
    ranking = rank(published, parse_query(query))
    slugs = dict(published.filter(pk__in=ranking.pks).values_list("pk", "slug"))
    return [slugs[pk] for pk in ranking.pks], ranking.older_matches


def test_postgresql_and_sqlite_find_the_same_releases_in_the_same_order():
    assert connections["default"].vendor == "postgresql"
    assert connections["sqlite"].vendor == "sqlite"
    releases = corpus_releases()
    assert len(releases) == 79
    for alias in ("default", "sqlite"):
        build_archive(alias, releases)
    queries = [*SEED_QUERIES, *MISSING_QUERIES, *corpus_queries(releases)]
    found_somewhere = 0
    for query in queries:
        on_postgresql, on_sqlite = answers("default", query), answers("sqlite", query)
        assert on_postgresql == on_sqlite, query
        found_somewhere += bool(on_postgresql[0])
    assert found_somewhere >= len(SEED_QUERIES) + 20
