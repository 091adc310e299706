"""SQLite's own full-text engine, FTS5, over the same lexemes as PostgreSQL's index.

On SQLite, ``search_vector`` now holds each release's lexemes as a stream of
tokens (articles/search.py), which a contentless FTS5 table indexes, kept in
step by triggers (articles/fulltext.py). An existing archive is converted in
place: its documents are written anew as streams, then indexed in one pass.
PostgreSQL is left as it is.
"""

from django.db import migrations

import articles.fulltext
import articles.search

BATCH = 500


def _rewrite_documents(apps, vendor):
    Article = apps.get_model("articles", "Article")
    texts = [
        f"{name}_{code}" for name in articles.search.FIELD_WEIGHTS for code in ("lo", "en")
    ]
    batch = []
    for article in Article.objects.only("pk", *texts).order_by("pk").iterator(chunk_size=BATCH):
        article.search_vector = articles.search.article_document(article, vendor)
        batch.append(article)
        if len(batch) == BATCH:
            Article.objects.bulk_update(batch, ["search_vector"])
            batch = []
    Article.objects.bulk_update(batch, ["search_vector"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # Before the triggers exist: the index is filled once, at the end.
    _rewrite_documents(apps, "sqlite")
    articles.fulltext.install(schema_editor.connection.alias)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in articles.fulltext.TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {articles.fulltext.TABLE}")
    _rewrite_documents(apps, "postgresql")
    schema_editor.execute(
        'CREATE INDEX "article_search_vector" ON "articles_article" ("search_vector")'
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_section_newest"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
