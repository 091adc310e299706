"""Reader pages over a small archive and a large one: do they stay as fast?

Renders the same pages in-process (production settings, page cache off, as on a
cache miss) over two PostgreSQL databases filled by bench/search.py with the
same synthetic releases, one holding 10 and one 100,000:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_ten \\
        .venv/bin/python bench/search.py --releases 10
    .venv/bin/python bench/archive_scale.py \\
        postgres://postgres@127.0.0.1:5432/newsroom_ten \\
        postgres://postgres@127.0.0.1:5432/newsroom_bench

The newest releases are the same in both, so each page shows the same text and
only the archive behind it differs. Each database is measured in a process of
its own, the two taking turns for --rounds rounds; a page's figure is its best
round's mean. Prints milliseconds per request (wall clock, with the database's
own time, and the CPU time of this process alone) and the queries each page ran.
The first request of each page is not counted: it reads the section navigation
and, after a deploy, renders and stores the releases' parts (articles/rendered.py).
"""

import argparse
import json
import subprocess
import sys
import tempfile

from soak import PYTHON, ROOT, machine, production_environment

MEASURE = """
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.db import connection
from django.test import Client
from django.utils import timezone
from articles.models import Article

newest = Article.objects.published().filter(section__isnull=False).first()
when = timezone.localtime(newest.published_at)
pages = {
    "release": newest.url_in("lo"),
    "home": "/lo/",
    "section": newest.section.get_absolute_url(),
    "month": f"/lo/archive/{when:%Y/%m}/",
    "year": f"/lo/archive/{when:%Y}/",
    "search": "/lo/search/?q=%E0%BA%94%E0%BA%B5%E0%BA%88%E0%BA%B4%E0%BA%95%E0%BA%AD%E0%BA%99",
    "archive index": "/lo/archive/",
}
client = Client(HTTP_HOST="127.0.0.1")
results = {"releases": Article.objects.count()}
queries = []


def count(execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


for name, path in pages.items():
    client.get(path)  # also reads the navigation, and renders parts a deploy made stale
    queries.clear()
    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    timings, cpu = [], []
    for _ in range(int(sys.argv[1])):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    results[name] = {
        "status": status,
        "ms": 1000 * sum(timings) / len(timings),
        "cpu": 1000 * sum(cpu) / len(cpu),
        "queries": len(queries),
    }
print(json.dumps(results))
"""


def measure(database_url, requests):
    """One round over one database, with a cache of its own: the cache holds what the
    database's pages share (its sections), as on a site of its own."""
    with tempfile.TemporaryDirectory(prefix="archive-scale-cache-") as cache_dir:
        environment = production_environment(
            database_url, PAGE_CACHE_SECONDS="0", LOG_LEVEL="ERROR", CACHE_DIR=cache_dir
        )
        output = subprocess.run(
            [str(PYTHON), "-c", MEASURE, str(requests)],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(output.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("small", help="PostgreSQL URL of the small archive")
    parser.add_argument("large", help="PostgreSQL URL of the large archive")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50, help="requests per page a round")
    arguments = parser.parse_args()
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        sys.exit("Run `make setup` first: production settings need the collected static files.")

    print(f"machine: {machine()}")
    best = {}
    for _round in range(arguments.rounds):
        for label in ("small", "large"):
            result = measure(getattr(arguments, label), arguments.requests)
            releases = result.pop("releases")
            for page, figures in result.items():
                kept = best.setdefault((label, page), figures)
                if figures["ms"] < kept["ms"]:
                    best[(label, page)] = figures
            best[(label, "releases")] = releases

    small, large = best[("small", "releases")], best[("large", "releases")]
    print(f"page cache off, best of {arguments.rounds} rounds of {arguments.requests} requests")
    print(f"{'':14} {f'{small:,} releases':>24} {f'{large:,} releases':>26}")
    print(
        f"{'page':14} {'wall':>8} {'CPU':>8} {'':>5} {'wall':>10} {'CPU':>8} {'':>5} {'ratio':>6}"
    )
    pages = [page for label, page in best if label == "small" and page != "releases"]
    for page in pages:
        one, other = best[("small", page)], best[("large", page)]
        statuses = {one["status"], other["status"]}
        note = "" if statuses == {200} else f"  HTTP {sorted(statuses)}"
        print(
            f"{page:14} {one['ms']:5.1f} ms {one['cpu']:5.1f} ms {one['queries']:2d} q "
            f"{other['ms']:7.1f} ms {other['cpu']:5.1f} ms {other['queries']:2d} q "
            f"{other['ms'] / one['ms']:6.2f}{note}"
        )


if __name__ == "__main__":
    main()
