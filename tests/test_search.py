"""Search through the reader's page and the admin, on whichever database the suite runs."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import fulltext, search
from articles.models import Article
from articles.search import (
    LONGEST_QUERY,
    MOST_TERMS,
    document,
    highlight,
    parse_query,
    score,
    snippet,
    stream,
    weigh,
)
from tests.pages import visible_text

SEARCH = "/lo/search/"


def publish(title_lo, body_lo="ເນື້ອໃນ", days_ago=1, **fields):
    return Article.objects.create(
        title_lo=title_lo,
        body_lo=body_lo,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def found(client, text, language="lo"):
    response = client.get(f"/{language}/search/", {"q": text})
    assert response.status_code == 200
    return [article.pk for article in response.context["articles"]]


# Each finds the seed release, in Lao or English, however it is spelt or cut.
SEED_QUERIES = [
    "ດີຈິຕອນ",
    "ລັດຖະບານດີຈິຕອນ",
    "ລັດຖະບານ ດີຈິຕອນ",
    "ແລກປ່ຽນຄວາມຮູ້",
    "ກະຊວງເຕັກໂນໂລຊີ",
    "ຄົ້ນຄວ້າ",  # ICU cuts the release as ການຄົ້ນ|ຄວ້າ
    "ສຳເລັດ",  # inside the word ຜົນສຳເລັດ
    "ໂຄງການ",  # also written ໂຄງ ການ in the release
    "ສະຫລຸບ",
    "ສະຫຼຸບ",
    "ເກົາຫຼີ",
    "ເກົາຫລີ",
    "ໜ້າວຽກ",
    "ຫນ້າວຽກ",
    "ນຳໃຊ້",
    "ນໍາໃຊ້",
    "ສົກປີ ໒໐໒໑",
    "ລັດ\u200bຖະບານ",
    "KDI",
    "ksp",
    "digital government",
    "Korea Development Institute",
    "knowledge sharing",
    "governments",
]
# Words the seed release does not hold.
MISSING_QUERIES = ["ໂທລະສັບ", "football", "ດີຈິຕອນ football"]


# The pipeline itself.


def test_document_holds_lao_pairs_and_english_stems_with_weights():
    literal = document([("A", "ລັດຖະບານດີຈິຕອນ"), ("D", "Digital governments")]).split()
    assert literal[:2] == ["'ລັດ':1A", "'ດຖ':2A"]  # ລັ + ດ, the first pair
    assert literal[-2:] == ["'digit':14", "'govern':15"]  # weight D, the default, unwritten
    assert "ລັດຖະບານ" not in " ".join(literal)  # pairs, however ICU would cut the words


def test_the_stream_holds_the_same_lexemes_in_order_with_runs_marked_by_weight():
    """A marker stands in each gap between runs, so no phrase crosses from one into the next."""
    assert stream([("D", "Digital governments ດີຈິ"), ("B", ""), ("A", "ລັດຖະບານ")]) == (
        "_a ລັດ ດຖ ຖະ ະບ ບາ ານ ນ _d digit govern _d ດີຈິ ຈິ "
    )
    assert stream([]) == ""


def test_each_word_ranks_by_standing_in_the_release_its_title_and_its_summary():
    def rank_of(text, *texts):
        return pytest.approx(score(parse_query(text), stream(texts)))

    assert parse_query("ກກກ").terms[0].needle() == " ກກ ກກ "
    assert rank_of("ກກກ", ("D", "ກກກ")) == 0.1
    assert rank_of("ກກກ", ("A", "ກກກ ກກກ")) == 1.1  # how often does not count
    assert rank_of("ກກກ", ("A", "ກກກ"), ("B", "ກກກ"), ("D", "ແລະ ກກກ")) == 1.5
    assert rank_of("ກກກ", ("A", "ກກ ຂ ກ"), ("D", "ກກກ")) == 0.1  # a phrase, not its pairs
    assert rank_of("ກກກ KSP", ("A", "ກກກ"), ("D", "KSP")) == 1.2
    assert rank_of("ກກກ KSP", ("A", "ກກກ")) == 0


def test_postgresql_answers_are_weighed_as_streams_are():
    query = parse_query("ກກກ KSP")
    assert query.weighted_tsqueries() == [
        "('ກກ':A <-> 'ກກ':A)",
        "('ກກ':B <-> 'ກກ':B)",
        "('ksp':A)",
        "('ksp':B)",
    ]
    assert weigh(query, [True, False, False, False]) == pytest.approx(1.2)
    assert weigh(query, [True, True, False, True]) == pytest.approx(2.0)
    assert parse_query("ດີ").weighted_tsqueries()[0] == "'ດີ':*A"


def test_query_words_become_pair_phrases_and_stems():
    query = parse_query("ລັດຖະບານດີຈິຕອນ of Knowledge Sharing")
    assert [term.lexemes for term in query.terms] == [
        ("ລັດ", "ດຖ", "ຖະ", "ະບ", "ບາ", "ານ"),
        ("ດີຈິ", "ຈິຕ", "ຕອ", "ອນ"),
        ("knowledg",),
        ("share",),
    ]


def test_a_one_cluster_lao_word_matches_as_a_prefix():
    (term,) = parse_query("ດີ").terms
    assert term.prefix and term.tsquery() == "'ດີ':*"
    assert score(parse_query("ສ ເກົາຫຼີ"), stream([("D", "ຂອງ ສ ເກົາຫຼີ")])) > 0


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? ...", "of the and", "'\"&|!<->():*\\"])
def test_nothing_to_search_for(text):
    assert parse_query(text) is None


def test_huge_query_is_bounded():
    query = parse_query("ລັດຖະບານ ດີຈິຕອນ " * 2000)
    assert len(query.terms) <= MOST_TERMS
    assert parse_query("ກ" * (LONGEST_QUERY * 50)) is not None


def test_score_needs_every_term_and_prefers_the_title():
    query = parse_query("ດີຈິຕອນ")
    in_title = stream([("A", "ລັດຖະບານດີຈິຕອນ")])
    in_body = stream([("A", "ຂ່າວ"), ("D", "ລັດຖະບານດີຈິຕອນ")])
    assert score(query, in_title) > score(query, in_body) > 0
    assert score(parse_query("ດີຈິຕອນ KSP"), in_title) == 0


def test_highlight_and_snippet_mark_the_words_where_they_stand():
    text = "ກອງປະຊຸມ ຂອງການຄົ້ນຄວ້າ ແລະ ໂຄງ ການ"
    marked = [piece for piece, is_match in highlight(text, parse_query("ຄົ້ນຄວ້າ ໂຄງການ")) if is_match]
    assert marked == ["ຄົ້ນຄວ້າ", "ໂຄງ ການ"]
    long_text = "ກ " * 300 + "ດີຈິຕອນ" + " ຂ" * 300
    pieces = snippet(long_text, parse_query("ດີຈິຕອນ"))
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert ("ດີຈິຕອນ", True) in pieces
    assert sum(len(piece) for piece, _ in pieces) < 260


# Through the reader's page.


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_the_seed_release_is_found(client, seed_article, query):
    assert found(client, query) == [seed_article.pk]
    assert found(client, query, "en") == [seed_article.pk]


@pytest.mark.parametrize("query", MISSING_QUERIES)
def test_words_it_does_not_hold_find_nothing_and_say_so(client, seed_article, query):
    response = client.get(SEARCH, {"q": query})
    assert list(response.context["articles"]) == []
    assert "ບໍ່ພົບຂ່າວທີ່ມີຄຳເຫຼົ່ານີ້ທັງໝົດ" in visible_text(response.text)
    english = client.get("/en/search/", {"q": query})
    assert "No press release contains all of these words" in visible_text(english.text)


@pytest.mark.django_db
def test_spelling_variants_in_documents_match_both_ways(client):
    with_lo_ling = publish("ຂ່າວສະຫຼຸບ")
    with_ho_lo = publish("ຂ່າວສະຫລຸບ")
    assert (
        set(found(client, "ສະຫຼຸບ"))
        == set(found(client, "ສະຫລຸບ"))
        == {
            with_lo_ling.pk,
            with_ho_lo.pk,
        }
    )


@pytest.mark.django_db
def test_title_matches_rank_above_body_matches_then_newest_first(client):
    in_body = publish("ຂ່າວທົ່ວໄປ", "ກອງປະຊຸມດີຈິຕອນ", days_ago=1)
    in_title_old = publish("ລັດຖະບານດີຈິຕອນ", days_ago=30)
    in_title_new = publish("ລັດຖະບານດີຈິຕອນ", days_ago=2)
    assert found(client, "ດີຈິຕອນ") == [in_title_new.pk, in_title_old.pk, in_body.pk]


@pytest.mark.django_db
def test_only_published_releases_are_found(client):
    publish("ດີຈິຕອນ ສາທາລະນະ")
    Article.objects.create(title_lo="ດີຈິຕອນ ຮ່າງ", body_lo="ເນື້ອໃນ")
    Article.objects.create(
        title_lo="ດີຈິຕອນ ຕັ້ງເວລາ",
        body_lo="ເນື້ອໃນ",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert len(found(client, "ດີຈິຕອນ")) == 1


def test_results_show_title_date_and_marked_snippet(client, seed_article):
    page = client.get(SEARCH, {"q": "ຄົ້ນຄວ້າ KDI"}).text
    assert '<mark><span lang="en">KDI</span></mark>' in page
    assert '<mark><span class="w">ຄົ້ນຄວ້າ</span></mark>' in page
    assert "24 ສິງຫາ 2022" in visible_text(page)
    assert "ພົບຂ່າວ 1 ລາຍການ" in visible_text(page)
    english = client.get("/en/search/", {"q": "knowledge sharing"}).text
    assert "<mark>Knowledge</mark> <mark>Sharing</mark>" in english


@pytest.mark.django_db
def test_results_are_paginated_keeping_the_query(client):
    for day in range(12):
        publish(f"ດີຈິຕອນ ສະບັບທີ {day}", days_ago=day + 1)
    first = client.get(SEARCH, {"q": "ດີຈິຕອນ"})
    assert len(first.context["articles"]) == 10
    assert "?q=%E0%BA%94%E0%BA%B5%E0%BA%88%E0%BA%B4%E0%BA%95%E0%BA%AD%E0%BA%99&amp;page=2" in (
        first.text
    )
    second = client.get(SEARCH, {"q": "ດີຈິຕອນ", "page": 2})
    assert len(second.context["articles"]) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ກ" * 10_000, "ກະລຸນາຄົ້ນຫາດ້ວຍບໍ່ເກີນ 200 ຕົວອັກສອນ."),
        ("", "ພິມໜຶ່ງຄຳ ຫຼື ຫຼາຍຄຳ"),
        ("'\"&|!<->():*", "ພິມໜຶ່ງຄຳ ຫຼື ຫຼາຍຄຳ"),
    ],
)
def test_empty_huge_or_malformed_queries_get_a_clear_page(client, seed_article, query, message):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert message in visible_text(response.text)


@pytest.mark.parametrize("page", ["999", "x"])
def test_bad_page_of_results_is_a_404(client, seed_article, page):
    assert client.get(SEARCH, {"q": "ດີຈິຕອນ", "page": page}).status_code == 404


def test_every_page_has_a_search_box(client, seed_article):
    for url in ("/lo/", "/en/", "/lo/news/1/", "/lo/missing/"):
        response = client.get(url, follow=True)
        assert 'role="search"' in response.text and 'name="q"' in response.text


def test_admin_search_uses_the_same_matching(client, seed_article):
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "x"))
    draft = Article.objects.create(title_lo="ຮ່າງ ສະຫຼຸບ", body_lo="ເນື້ອໃນ")
    response = client.get("/admin/articles/article/", {"q": "ສະຫລຸບ"})
    assert {article.pk for article in response.context["cl"].result_list} == {
        seed_article.pk,
        draft.pk,
    }


@pytest.mark.django_db
def test_words_must_stand_in_a_row_not_only_all_be_there(client):
    """Every pair of ດີຈິຕອນ is in this title, but not one after another."""
    scattered = publish("ດີຈິ ຂ ຈິຕອນ")
    assert scattered.pk not in found(client, "ດີຈິຕອນ")
    assert found(client, "ຈິຕອນ") == [scattered.pk]


@pytest.mark.django_db
def test_only_the_newest_matches_are_ranked_and_the_reader_is_told(client, monkeypatch):
    monkeypatch.setattr(search, "RESULT_WINDOW", 3)
    in_title_oldest = publish("ດີຈິຕອນ", days_ago=10)
    in_body = [publish("ຂ່າວ", "ກອງປະຊຸມດີຈິຕອນ", days_ago=days) for days in (1, 2, 3)]
    response = client.get(SEARCH, {"q": "ດີຈິຕອນ"})
    assert [article.pk for article in response.context["articles"]] == [a.pk for a in in_body]
    assert "ຂ່າວເກົ່າກວ່ານີ້ກໍມີຄຳເຫຼົ່ານີ້" in visible_text(response.text)
    in_body[0].delete()
    response = client.get(SEARCH, {"q": "ດີຈິຕອນ"})
    assert [article.pk for article in response.context["articles"]] == [
        in_title_oldest.pk,
        in_body[1].pk,
        in_body[2].pk,
    ]
    assert "ຂ່າວເກົ່າກວ່ານີ້ກໍມີຄຳເຫຼົ່ານີ້" not in visible_text(response.text)


@pytest.mark.django_db
def test_candidates_whose_words_are_scattered_do_not_fill_the_window(client, monkeypatch):
    monkeypatch.setattr(search, "RESULT_WINDOW", 2)
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 4)
    in_a_row = publish("ດີຈິຕອນ", days_ago=10)
    for days in (1, 2, 3):
        publish("ດີຈິ ຂ ຈິຕອນ", days_ago=days)
    response = client.get(SEARCH, {"q": "ດີຈິຕອນ"})
    assert [article.pk for article in response.context["articles"]] == [in_a_row.pk]
    assert not response.context["older_matches"]
    publish("ດີຈິ ຄ ຈິຕອນ", days_ago=4)  # now in_a_row is past the candidates checked
    response = client.get(SEARCH, {"q": "ດີຈິຕອນ"})
    assert list(response.context["articles"]) == []
    text = visible_text(response.text)
    assert "ຂ່າວເກົ່າກວ່ານີ້ກໍມີຄຳເຫຼົ່ານີ້" in text and "ບໍ່ພົບຂ່າວ" not in text


def _search_index_exists():
    """PostgreSQL's GIN index, or SQLite's FTS5 table and the triggers that keep it current."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return "article_search_vector" in connection.introspection.get_constraints(
                cursor, Article._meta.db_table
            )
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        names = {name for (name,) in cursor.fetchall()}
    return {fulltext.TABLE, *fulltext.TRIGGERS} <= names


def test_rebuild_command_restores_the_index(client, seed_article):
    Article.objects.update(search_vector=None)
    assert found(client, "ດີຈິຕອນ") == []
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "Indexed 1 releases" in output.getvalue()
    assert found(client, "ດີຈິຕອນ") == [seed_article.pk]
    assert _search_index_exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_rebuild_builds_the_gin_index_again_even_when_it_fails(seed_article, monkeypatch):
    from articles.management.commands import rebuild_search_index

    def fail(bounds):
        raise RuntimeError("worker died")

    monkeypatch.setattr(rebuild_search_index, "index_range", fail)
    with pytest.raises(RuntimeError):
        call_command("rebuild_search_index", stdout=StringIO())
    assert _search_index_exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's pool")
@pytest.mark.django_db(transaction=True)
def test_rebuild_workers_open_their_own_connections_from_a_pool():
    """Forked workers given the parent's pooled sockets garbled each other's answers.

    Run as an operator runs it, in a process of its own: forking the test
    process would copy the threads of the suite's live server too.
    """
    assert connection.settings_dict["OPTIONS"].get("pool")
    for number in range(4):
        publish(f"ດີຈິຕອນ {number}")
    Article.objects.update(search_vector=None)
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.local",
    }
    command = [sys.executable, "manage.py", "rebuild_search_index", "--jobs", "2"]
    result = subprocess.run(
        [*command, "--batch-size", "1"], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Indexed 4 releases" in result.stdout
    assert Article.objects.search("ດີຈິຕອນ").count() == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage")
@pytest.mark.django_db
def test_long_texts_leave_the_rows_so_searches_read_little():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = %s", [Article._meta.db_table]
        )
        assert "toast_tuple_target=128" in cursor.fetchone()[0]


def test_a_busy_database_is_a_clear_page_to_come_back_to(client, seed_article, monkeypatch):
    """A database locked past its timeout, or an index in the middle of a rebuild."""
    from django.db import OperationalError

    from articles import views

    def locked(queryset, query):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "rank", locked)
    for language, message in (("lo", "ການຄົ້ນຫາບໍ່ຫວ່າງຊົ່ວຄາວ"), ("en", "Search is busy")):
        response = client.get(f"/{language}/search/", {"q": "ດີຈິຕອນ"})
        assert response.status_code == 503 and response["Retry-After"] == "30"
        assert message in visible_text(response.text)
    monkeypatch.undo()
    assert found(client, "ດີຈິຕອນ") == [seed_article.pk]  # and nothing of it was kept


def test_a_rebuild_never_overwrites_what_a_save_wrote_meanwhile(seed_article):
    """The rebuild builds documents before it writes them; an editor may save in between."""
    from articles.management.commands.rebuild_search_index import write_documents

    read_at = seed_article.updated_at
    stale = search.article_document(seed_article, connection.vendor)
    seed_article.title_lo = "ໂທລະສັບ"
    seed_article.save()
    write_documents([(seed_article.pk, read_at, stale)])
    assert list(Article.objects.search("ໂທລະສັບ")) == [seed_article]
    write_documents([(seed_article.pk, Article.objects.get(pk=seed_article.pk).updated_at, stale)])
    assert list(Article.objects.search("ໂທລະສັບ")) == []
