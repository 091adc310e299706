"""Search at archive scale: 100,000 synthetic bilingual releases, PostgreSQL or SQLite.

Usage (the database is filled, so give it one of its own):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/search.py [--releases 100000] [--rounds 3]
    DATABASE_URL=sqlite:////tmp/newsroom_bench.sqlite3 \\
        .venv/bin/python bench/search.py [--releases 100000] [--plain-rounds 0]

The Lao text is made of real Lao words: entries of the Lao-English dictionary
shipped in the `laonlp` package (Apache-2.0), with the English glosses of the
same entries as the translation, plus phrases of the seed release so the
ministry's own vocabulary recurs as it does in a real archive. Prints the
machine, the rebuild time, the database's size, per-query latency through the Django view (p50, p95,
max) and the same queries with a plain `icontains` filter for comparison.
"""

import argparse
import csv
import itertools
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from soak import machine as host  # noqa: E402

from articles import rendered  # noqa: E402
from articles.models import Article, Section, Topic  # noqa: E402
from newsroom.database import close_connections_before_fork  # noqa: E402

LAO_QUERIES = [
    "ດີຈິຕອນ",
    "ລັດຖະບານດີຈິຕອນ",
    "ແລກປ່ຽນຄວາມຮູ້",
    "ກະຊວງເຕັກໂນໂລຊີ",
    "ຄົ້ນຄວ້າ",
    "ສະຫລຸບ",
    "ສະຫຼຸບຜົນສຳເລັດ",
    "ນະໂຍບາຍ",
    "ກອງປະຊຸມ",
    "ໂຄງການ",
    "ງົບປະມານ",
    "ບຸກຄະລາກອນ",
    "ຍຸດທະສາດ",
    "ປະສິດທິພາບ",
    "ຄວາມປອດໄພ",
    "ທັນສະໄໝ",
    "ນິຕິກຳ",
    "ຫນ້າວຽກ",
    "ສປປ ລາວ",
    "ເກົາຫລີ",
    "ນ້ຳ",
    "ໂຮງຮຽນ",
    "ປະເທດ",
    "ເສດຖະກິດ",
    "ກະສິກຳ",
]
ENGLISH_QUERIES = [
    "digital government",
    "Korea Development Institute",
    "knowledge sharing",
    "KDI",
    "KSP",
    "policy",
    "research",
    "ministry",
    "meeting",
    "budget",
    "human resources",
    "strategic plan",
    "legislation",
    "modernisation",
    "security",
    "water",
    "school",
    "country",
    "economy",
    "agriculture",
    "deputy minister",
    "final report",
    "public services",
    "cooperation project",
    "Lao PDR",
]
QUERIES = LAO_QUERIES + ENGLISH_QUERIES
SEED_TEXT = ROOT / "fixtures" / "source" / "ksp-closing-meeting.lo.txt"


def machine():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"SQLite {sqlite3.sqlite_version}"
    return f"{host()}, Python {platform.python_version()}, {database}"


def analyze():
    """Fresh planner statistics, as after any bulk load."""
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE articles_article" if connection.vendor == "postgresql" else "ANALYZE"
        )


def database_size():
    """Bytes the whole database takes on disk, indexes and full-text index included.

    On SQLite the write-ahead log is folded into the file first, as a quiet
    server's periodic checkpoint would.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    name = Path(connection.settings_dict["NAME"])
    return sum(path.stat().st_size for path in name.parent.glob(f"{name.name}*"))


class Writer:
    """Bilingual text from real Lao dictionary words and their English glosses."""

    def __init__(self, seed=2022):
        source = files("laonlp") / "corpus" / "lao-eng-dictionary.csv"
        with source.open(encoding="utf-8") as stream:
            entries = [
                (row["LaoWord"].strip(), row["English"].split(",")[0].split(";")[0].strip())
                for row in csv.DictReader(stream)
            ]
        self.entries = [(lao, english) for lao, english in entries if lao and english]
        self.random = random.Random(seed)
        self.random.shuffle(self.entries)
        # Zipf-like: a few words are everywhere, most are rare, as in any language.
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 10) for rank in range(len(self.entries)))
        )
        english = (ROOT / "fixtures" / "ksp-closing-meeting.json").read_text(encoding="utf-8")
        self.seed_phrases = SEED_TEXT.read_text(encoding="utf-8").split()
        self.seed_sentences = [s for s in english.split(". ") if 20 < len(s) < 300 and '"' not in s]

    def phrase(self):
        if self.random.random() < 0.2:
            lao = self.random.choice(self.seed_phrases)
            return lao, self.random.choice(self.seed_sentences)
        words = self.random.choices(
            self.entries, cum_weights=self.cumulative, k=self.random.randint(2, 5)
        )
        return "".join(lao for lao, _ in words), " ".join(english for _, english in words)

    def text(self, phrases):
        pairs = [self.phrase() for _ in range(phrases)]
        return " ".join(lao for lao, _ in pairs), ". ".join(
            en for _, en in pairs
        ).capitalize() + "."

    def release(self, number):
        title_lo, title_en = self.text(3)
        summary_lo, summary_en = self.text(8)
        paragraphs = [
            self.text(self.random.randint(8, 16)) for _ in range(self.random.randint(3, 5))
        ]
        published = timezone.now() - timezone.timedelta(minutes=53 * number)
        article = Article(
            title_lo=title_lo[:300],
            title_en=title_en[:300],
            summary_lo=summary_lo,
            summary_en=summary_en,
            body_lo="\n".join(lo for lo, _ in paragraphs),
            body_en="\n".join(en for _, en in paragraphs),
            source_lo="ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",
            source_en="Ministry of Technology and Communications",
            slug=f"synthetic-release-{number}",
            section_id=_sections[number % len(_sections)] if _sections else None,
            status=Article.Status.PUBLISHED,
            published_at=published,
            event_date=published.date(),
        )
        article.title, article.body = article.title_lo, article.body_lo
        return article


def generate(total, batch=1000):
    existing = Article.objects.count()
    if existing >= total:
        print(f"archive: {existing} releases already there")
        return
    from multiprocessing import Pool

    global _sections
    _sections = _named(Section, SECTIONS)
    started = time.monotonic()
    close_connections_before_fork()
    with Pool(os.cpu_count()) as pool:
        for start in range(existing, total, batch):
            numbers = range(start, min(start + batch, total))
            articles = pool.map(_build_one, numbers, chunksize=100)
            Article.objects.bulk_create(articles)
    print(f"archive: generated {total - existing} releases in {time.monotonic() - started:.0f} s")


def _named(model, rows):
    """The ids of the sections or topics named in `rows` (slug, Lao, English), made if new."""
    return [
        model.objects.get_or_create(slug=slug, defaults={"name_lo": name, "name_en": english})[0].pk
        for slug, name, english in rows
    ]


def tag():
    """Give every release topics, as editors tag them, unless the archive already has them:
    topic pages then list a share of the archive (bench/http_pages.py measures one)."""
    if Article.topics.through.objects.exists():
        return
    topics = _named(Topic, TOPICS)
    links = [
        Article.topics.through(article_id=pk, topic_id=topics[(pk + step) % len(topics)])
        for pk in Article.objects.values_list("pk", flat=True).iterator()
        for step in range(TOPICS_PER_RELEASE)
    ]
    Article.topics.through.objects.bulk_create(links, batch_size=10_000)
    rendered.forget(Article.objects.all())  # bulk_create sends no m2m_changed
    print(f"topics: {len(links)} links to {len(topics)} topics")


_writer = None
# Releases are spread over the ministry's fields, so section pages have releases
# too (bench/http_pages.py measures one); set before the workers fork.
SECTIONS = [
    ("digital-government", "ລັດຖະບານດີຈິຕອນ", "Digital government"),
    ("telecommunications", "ໂທລະຄົມມະນາຄົມ", "Telecommunications"),
    ("posts", "ໄປສະນີ", "Posts"),
]
_sections = []
TOPICS = [
    ("digital-transformation", "ການຫັນເປັນດີຈິຕອນ", "Digital transformation"),
    ("cybersecurity", "ຄວາມປອດໄພທາງໄຊເບີ", "Cybersecurity"),
    ("international-cooperation", "ການຮ່ວມມືສາກົນ", "International cooperation"),
    ("internet", "ອິນເຕີເນັດ", "Internet"),
    ("satellite", "ດາວທຽມ", "Satellite"),
]
TOPICS_PER_RELEASE = 2


def _build_one(number):
    """Runs in a worker: one Writer per process, reseeded so each release is reproducible."""
    global _writer
    if _writer is None:
        _writer = Writer()
    _writer.random.seed(number)
    return _writer.release(number)


def timed(function, rounds):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), result


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(name, latencies):
    p50, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies):.1f} ms")


STATIC_WITHOUT_MANIFEST = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# The search view itself is measured: no page cache answers the repeated rounds.
@override_settings(STORAGES=STATIC_WITHOUT_MANIFEST, PAGE_CACHE_SECONDS=0)
def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="runs per query; the best counts")
    parser.add_argument(
        "--plain-rounds",
        type=int,
        default=1,
        help="runs of each icontains comparison (1: it takes seconds a query; 0: none)",
    )
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="rebuild workers")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    call_command("migrate", verbosity=0)
    generate(args.releases)
    tag()
    analyze()
    if not args.skip_rebuild:
        started = time.monotonic()
        call_command("rebuild_search_index", jobs=args.jobs, batch_size=1000)
        print(
            f"rebuild: {Article.objects.count()} releases in {time.monotonic() - started:.0f} s "
            f"({args.jobs} workers)"
        )
        analyze()
    print(f"database size: {database_size() / 2**20:.0f} MiB")

    # The test client records each response's context; pages need no collectstatic.
    setup_test_environment()
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    ours, plain = [], []
    print(f"{'query':32} {'view ms':>8} {'found':>7} {'icontains ms':>13} {'found':>7}")
    for query in QUERIES:
        view_ms, found, plain_ms, plain_found = measure(
            client, query, args.rounds, args.plain_rounds
        )
        ours.append(view_ms)
        if plain_ms is not None:
            plain.append(plain_ms)
        plain_text = "" if plain_ms is None else f"{plain_ms:13.1f} {plain_found:7}"
        print(f"{query:32} {view_ms:8.1f} {found!s:>7} {plain_text}")
    report("search view (ours)", ours)
    if plain:
        report("icontains filter (count + first page, no view)", plain)


def measure(client, query, rounds, plain_rounds):
    """Best-of-rounds latency of the search view and of a plain icontains filter."""
    url = f"/{'lo' if query in LAO_QUERIES else 'en'}/search/"
    client.get(url, {"q": query})  # warm the caches once
    view_ms, response = timed(lambda: client.get(url, {"q": query}), rounds)
    assert response.status_code == 200, (query, response.status_code)
    found = response.context["paginator"].count
    # "200+": only the newest candidates were ranked (articles/search.py: RESULT_WINDOW).
    found = f"{found}+" if response.context["older_matches"] else found
    if not plain_rounds:
        return view_ms, found, None, None
    condition = Q()
    for field in ("title", "summary", "body"):
        for code in ("lo", "en"):
            condition |= Q(**{f"{field}_{code}__icontains": query})
    matching = Article.objects.published().filter(condition)
    plain_ms, (plain_found, _page) = timed(
        lambda: (matching.count(), list(matching.order_by("-published_at")[:10])), plain_rounds
    )
    return view_ms, found, plain_ms, plain_found


if __name__ == "__main__":
    main()
