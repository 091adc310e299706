"""Requests per second of reader pages, cached and uncached, against a static file's.

Starts gunicorn as production runs it (2 sync workers, DEBUG off, production
settings) on 127.0.0.1 over the PostgreSQL database in DATABASE_URL, and runs
Debian's wrk against the Lao article page, the home page, a section, topic and
month page and a search page, then a static file served by WhiteNoise as the ceiling and
robots.txt (a template view that reads no row) as Django's own cost. Each
page is measured three times, each time on a freshly started gunicorn:

- cached, files: the page cache in files shared by the workers (no REDIS_URL, the
  default), in a fresh folder on the disk of --cache-dir;
- cached, Redis: the page cache in Redis (--redis-url);
- uncached: PAGE_CACHE_SECONDS=0, so every request renders the page. The bare
  view is measured again just before each page, on the same server: "of bare
  beside" is the page's share of that figure, taken seconds apart where "of
  bare" compares it with the one measured minutes before, while the machine's
  speed drifts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
        .venv/bin/python bench/http_pages.py [--peer wagtail]

--peer wagtail also builds (bench/peers/wagtail/build.py: a stock Wagtail 7.4
site in its own virtual environment, in a database of its own on the same
PostgreSQL server) and measures its news page holding the seed release, served
by gunicorn with 2 sync workers, twice: with Django's default CONN_MAX_AGE 0 (a
connection per request, Wagtail's default) and with persistent connections
(CONN_MAX_AGE 60), in the same run and with the same wrk settings.

An empty database is migrated and given the first release; a database filled
by bench/search.py (100,000 releases) is measured as it is. Prints requests/s,
p50 and p99 latency, the ratios to the static file and to the bare view, and
the machine with its load average before and after.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from peers.wagtail import build as wagtail_peer
from soak import (
    HOST,
    free_port,
    machine,
    manage,
    prepare_site,
    production_environment,
    start_gunicorn,
)

WRK = "/usr/bin/wrk"
STATIC_FILE = "/static/css/site.css"
BARE_PAGE = "/robots.txt"
SEARCH_WORD = "ດີຈິຕອນ"
FIND_PAGES = """
import json
from django.utils import timezone, translation
from articles.models import Article, Topic
release = Article.objects.published().filter(section__isnull=False).first()
topic = release.topics.first() or Topic.objects.first()
when = timezone.localtime(release.published_at)
with translation.override("lo"):
    print(json.dumps({
        "article": release.get_absolute_url(),
        "section": release.section.get_absolute_url(),
        "topic": topic.get_absolute_url() if topic else None,
        "month": f"/lo/archive/{when:%Y/%m}/",
    }))
"""
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
PEER_DATABASE = "newsroom_peer_wagtail"
PEER_RUNS = {"Wagtail, conn/req": 0, "Wagtail, persist": 60}  # label: CONN_MAX_AGE


def find_pages(environment):
    """The newest release of a section, and its section's, topic's and month's pages."""
    return json.loads(manage(environment, "shell", "-c", FIND_PAGES).splitlines()[-1])


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def wait_until_serving(port, path=STATIC_FILE, deadline=60):
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            connection = HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def wrk(url, arguments):
    output = subprocess.run(
        [
            WRK,
            f"-t{arguments.threads}",
            f"-c{arguments.connections}",
            f"-d{arguments.duration}s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        percent: float(value) * UNITS[unit]
        for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", output, re.M)
    }
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    # Requests wrk gave up on (its timeout is 2 s) count as failures too.
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(failed.group(1)) if failed else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def measure(label, pages, environment, arguments, start=None, beside=None):
    """Start gunicorn with `environment` (or `start(port)`), warm each page, run wrk on each.

    With `beside` (a path), wrk runs on it just before each page, on the same server,
    and the page's result keeps its requests/s as `beside`: the machine's speed drifts
    over a run, and a ratio of two figures taken seconds apart drifts less.
    """
    port = free_port()
    if start is None:
        server = start_gunicorn(
            environment,
            subprocess.DEVNULL,
            *("--bind", f"{HOST}:{port}", "--workers", "2", "--access-logfile", "/dev/null"),
        )
    else:
        server = start(port)
    results = {}
    try:
        wait_until_serving(port, STATIC_FILE if start is None else next(iter(pages.values())))
        for name, path in pages.items():
            url = f"http://{HOST}:{port}{path}"
            for _warm in range(4):
                connection = HTTPConnection(HOST, port, timeout=60)
                connection.request("GET", path)
                connection.getresponse().read()
            if beside is not None:
                bare = wrk(f"http://{HOST}:{port}{beside}", arguments)
                print(f"  {label:17} {'(bare)':8} {format_result(bare)}", flush=True)
            results[name] = wrk(url, arguments)
            if beside is not None:
                results[name]["beside"] = bare["rps"]
            print(f"  {label:17} {name:8} {format_result(results[name])}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def format_result(result):
    text = f"{result['rps']:8.0f} req/s  p50 {result['p50']:6.2f} ms  p99 {result['p99']:7.2f} ms"
    if result["errors"]:
        text += f"  NON-2XX {result['errors']}"
    if result["socket_errors"]:
        text += f"  SOCKET ERRORS {result['socket_errors']}"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL database to serve (default: $DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/14",
        help="Redis for the cached-in-Redis run (a database of its own: the run fills it)",
    )
    parser.add_argument(
        "--cache-dir",
        default=tempfile.gettempdir(),
        help="where the file cache's folder for the run is made (default: the temporary folder)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--peer",
        choices=["wagtail"],
        help="also build and measure a peer: a stock Wagtail 7.4 news page (bench/peers/)",
    )
    parser.add_argument(
        "--peer-database",
        default=PEER_DATABASE,
        help=f"the peer's database on the same server (default: {PEER_DATABASE})",
    )
    arguments = parser.parse_args()
    if not arguments.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/http_pages.py measures PostgreSQL: set DATABASE_URL.")
    peer = None
    if arguments.peer == "wagtail":
        peer_url = urlunsplit(
            urlsplit(arguments.database_url)._replace(path=f"/{arguments.peer_database}")
        )
        peer = {"url": peer_url, **wagtail_peer.build(peer_url)}

    cache_dir = tempfile.mkdtemp(prefix="newsroom-bench-cache-", dir=arguments.cache_dir)
    base = production_environment(arguments.database_url, LOG_LEVEL="WARNING", CACHE_DIR=cache_dir)
    prepare_site(base)
    found = find_pages(base)
    pages = {
        "article": found["article"],
        "home": "/lo/",
        "section": found["section"],
        "month": found["month"],
        "search": f"/lo/search/?q={quote(SEARCH_WORD)}",
    }
    if found["topic"]:  # an archive without topics has no topic page to measure
        pages["topic"] = found["topic"]

    print(f"machine: {machine()}; load average before: {load_average()}")
    print(f"wrk -t{arguments.threads} -c{arguments.connections} -d{arguments.duration}s --latency")
    if peer:
        print(
            f"peer: Wagtail {peer['wagtail']} (gunicorn {peer['gunicorn']}, psycopg "
            f"{peer['psycopg']}), {peer['path']} from fixtures/{peer['fixture']}, "
            f"database {arguments.peer_database}"
        )
    static = measure("static", {"static": STATIC_FILE}, base, arguments)["static"]
    # robots.txt: a template view reading no row, through the same middleware. What the
    # framework costs before any page of ours, the ceiling of an uncached page.
    bare = measure("bare Django", {"robots": BARE_PAGE}, base, arguments)["robots"]
    runs = {
        "cached files": base,
        "cached Redis": {
            **base,
            "REDIS_URL": arguments.redis_url,
            "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        },
        "uncached": {**base, "PAGE_CACHE_SECONDS": "0"},
    }
    table = {
        label: measure(
            label, pages, env, arguments, beside=BARE_PAGE if label == "uncached" else None
        )
        for label, env in runs.items()
    }
    shutil.rmtree(cache_dir)
    if peer:
        for label, conn_max_age in PEER_RUNS.items():
            table[label] = measure(
                label,
                {"news": peer["path"]},
                None,
                arguments,
                start=lambda port, age=conn_max_age: wagtail_peer.start(
                    peer["url"], port, age, host=HOST
                ),
            )

    print(f"\nload average after: {load_average()}")
    print(
        f"{'run':17} {'page':8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'of static':>9} {'of bare':>7} {'of bare beside':>14}"
    )
    rows = [("static", "site.css", static), ("bare Django", "robots", bare)]
    rows += [
        (label, name, result)
        for label, results in table.items()
        for name, result in results.items()
    ]
    for label, name, result in rows:
        ratio = result["rps"] / static["rps"]
        of_bare = result["rps"] / bare["rps"]
        beside = f"{result['rps'] / result['beside']:14.2f}" if "beside" in result else ""
        print(
            f"{label:17} {name:8} {result['rps']:8.0f} {result['p50']:7.2f} "
            f"{result['p99']:7.2f} {ratio:9.2f} {of_bare:7.2f} {beside}"
        )
    if peer:
        ours = table["uncached"]["article"]["rps"]
        against = ", ".join(
            f"{ours / table[label]['news']['rps']:.2f}x {label}" for label in PEER_RUNS
        )
        print(f"our release, uncached, against the peer: {against}")


if __name__ == "__main__":
    main()
