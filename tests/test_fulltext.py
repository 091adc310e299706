"""SQLite's FTS5 index: made by migration 0009 for new and existing archives, kept by triggers."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles import fulltext
from articles.models import Article
from articles.search import document, parse_query, rank
from tests.pages import visible_text

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's FTS5 index; PostgreSQL has its GIN index"
)

BEFORE = [("articles", "0008_section_newest")]


def found(text, queryset=None):
    queryset = Article.objects.published() if queryset is None else queryset
    return list(rank(queryset, parse_query(text)).pks)


def publish(title_lo, when=datetime(2024, 5, 1, 3, tzinfo=UTC), **fields):
    return Article.objects.create(
        title_lo=title_lo, body_lo="ເນື້ອໃນ", status="published", published_at=when, **fields
    )


def schema_names():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master")
        return {name for (name,) in cursor.fetchall()}


def migrate(targets=None):
    """Migrate to targets, or to the latest migrations, as the next tests expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_an_existing_archive_is_upgraded_in_place_and_back():
    """Releases written before 0009 hold tsvector literals; the migration makes them streams.
    Rows are read by the columns 0008 and 0009 have: the model's later fields are not there."""
    migrate(BEFORE)
    assert fulltext.TABLE not in schema_names()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_article (title, title_lo, title_en, summary, summary_lo, "
            "summary_en, body, body_lo, body_en, source, source_lo, source_en, slug, status, "
            "published_at, image, image_alt, image_alt_lo, image_alt_en, image_caption, "
            "image_caption_lo, image_caption_en, created_at, updated_at, search_vector, "
            "image_renditions) VALUES ('', 'ລັດຖະບານດີຈິຕອນ', 'Digital government', '', '', '', "
            "'', 'ເນື້ອໃນ', '', '', '', '', 'old', 'published', '2022-08-24 03:00:00', '', '', "
            "'', '', '', '', '', '2022-08-24 03:00:00', '2022-08-24 03:00:00', %s, '{}')",
            [document([("A", "ລັດຖະບານດີຈິຕອນ")])],
        )
    migrate([("articles", "0009_sqlite_full_text")])
    assert {fulltext.TABLE, *fulltext.TRIGGERS} <= schema_names()
    assert "article_search_vector" not in schema_names()  # the B-tree copy of every document
    old = Article.objects.filter(slug="old").values("pk", "search_vector").get()
    assert old["search_vector"].startswith("_a ")
    assert found("ດີຈິຕອນ") == found("digital government") == [old["pk"]]
    migrate(BEFORE)
    assert fulltext.TABLE not in schema_names()
    vector = Article.objects.filter(pk=old["pk"]).values_list("search_vector", flat=True).get()
    assert vector.startswith("'")
    migrate()
    fulltext.repair()  # as after `manage.py migrate`: a later migration rebuilt the table
    assert found("ດີຈິຕອນ") == [old["pk"]]


@pytest.mark.django_db(transaction=True)
def test_a_migration_that_rebuilds_the_table_gets_its_triggers_back():
    """SQLite alters a table by building a new one, which drops the triggers of the old."""
    release = publish("ລັດຖະບານດີຈິຕອນ")
    with connection.schema_editor() as editor:
        editor._remake_table(Article)
    assert not set(fulltext.TRIGGERS) & schema_names()
    fulltext.repair()
    assert set(fulltext.TRIGGERS) <= schema_names()
    assert found("ດີຈິຕອນ") == [release.pk]
    assert found("ໂທລະສັບ") == []
    later = publish("ໂທລະສັບ")
    assert found("ໂທລະສັບ") == [later.pk]


@pytest.mark.django_db
def test_every_write_reaches_the_index():
    release = publish("ລັດຖະບານດີຈິຕອນ")
    assert found("ດີຈິຕອນ") == [release.pk]
    Article.objects.filter(pk=release.pk).update(search_vector=None)
    assert found("ດີຈິຕອນ") == []
    release.save()
    assert found("ດີຈິຕອນ") == [release.pk]
    release.title_lo = "ໂທລະສັບ"
    release.save()
    assert found("ດີຈິຕອນ") == [] and found("ໂທລະສັບ") == [release.pk]
    release.delete()
    assert found("ໂທລະສັບ") == []


@pytest.mark.django_db
def test_candidates_come_newest_first_with_drafts_before_all():
    """The index key sorts as search._newest does, also when a date changes."""
    older = publish("ດີຈິຕອນ", datetime(2020, 1, 1, tzinfo=UTC))
    newer = publish("ດີຈິຕອນ", datetime(2023, 1, 1, tzinfo=UTC))
    same_second = publish("ດີຈິຕອນ", datetime(2023, 1, 1, tzinfo=UTC))
    draft = Article.objects.create(title_lo="ດີຈິຕອນ", body_lo="ເນື້ອໃນ")
    everything = Article.objects.all()
    assert found("ດີຈິຕອນ", everything) == [draft.pk, same_second.pk, newer.pk, older.pk]
    older.published_at = timezone.now()
    older.save()
    assert found("ດີຈິຕອນ", everything) == [draft.pk, older.pk, same_second.pk, newer.pk]


@pytest.mark.django_db
def test_a_missing_index_is_a_clear_page_not_an_error(client):
    publish("ລັດຖະບານດີຈິຕອນ")
    with connection.cursor() as cursor:
        for trigger in fulltext.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")
        cursor.execute(f"DROP TABLE {fulltext.TABLE}")
    response = client.get("/lo/search/", {"q": "ດີຈິຕອນ"})
    assert response.status_code == 503
    assert "ການຄົ້ນຫາບໍ່ຫວ່າງຊົ່ວຄາວ" in visible_text(response.text)


@pytest.mark.django_db
def test_a_rebuild_refills_the_index_even_when_it_fails(monkeypatch):
    """While documents are rewritten the triggers are set aside and readers search the old
    index; the triggers come back whatever happens, and the refill takes in what was saved
    meanwhile."""
    from io import StringIO

    from django.core.management import call_command

    from articles.management.commands import rebuild_search_index

    release = publish("ລັດຖະບານດີຈິຕອນ")

    def save_then_fail(bounds):
        assert not set(fulltext.TRIGGERS) & schema_names()
        assert found("ດີຈິຕອນ") == [release.pk]  # readers search the old index meanwhile
        Article.objects.filter(pk=release.pk).update(search_vector=document([]))
        publish("ໂທລະສັບ")
        raise RuntimeError("worker died")

    monkeypatch.setattr(rebuild_search_index, "index_range", save_then_fail)
    with pytest.raises(RuntimeError):
        call_command("rebuild_search_index", stdout=StringIO())
    assert set(fulltext.TRIGGERS) <= schema_names()
    assert found("ໂທລະສັບ") != [] and found("ດີຈິຕອນ") == []
