"""Load and soak: readers and staff at once against gunicorn on loopback, with a graceful reload.

Starts the site with production settings on a fresh database (SQLite in a
temporary folder, or a new PostgreSQL database made from --database-url and
dropped afterwards), then for --duration seconds runs reader threads (home
pages, releases, static files, 404s) beside staff threads that log in and
create and edit releases through the admin. Halfway through it sends gunicorn
SIGHUP (a graceful reload). At the end it checks every release a staff thread
saved: none lost, none half-saved (each save writes one token into every
field). Only 127.0.0.1 is contacted; every loop stops at the deadline.

    .venv/bin/python bench/soak.py                       # 60 s on SQLite
    .venv/bin/python bench/soak.py --duration 600 \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres

Exit status 0 when there were no 5xx, no failed requests, nothing lost or
half-saved and memory stayed flat; 1 otherwise.
"""

import argparse
import html
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
SEED = "/news/2022/08/1-meeting-concludes-digital-government-policy-research/"
READER_PATHS = [
    "/lo/",
    "/en/",
    "/lo/?page=1",
    f"/lo{SEED}",
    f"/en{SEED}",
    "/lo/news/1/",
    "/static/css/site.css",
    "/static/fonts/noto-sans-lao-looped-lao-400-normal.woff2",
    "/lo/no-such-page/",
    "/en/news/2022/08/999999-missing/",
]
STAFF_PASSWORD = "soak staff passphrase " + secrets.token_hex(8)
MAX_DURATION = 3600
MEMORY_GROWTH_ALLOWED = 1.25


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"nproc {len(os.sched_getaffinity(0))}, {memory_kb / 1024**2:.1f} GiB RAM, {cpu}"


def production_environment(database_url, **settings):
    """The environment of a production-settings process on loopback, plus `settings`."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        **settings,
    }


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.failures = Counter()
        self.latencies = []
        self.events = []  # (time, ok) for the reload window

    def record(self, status=None, latency=None, failure=None):
        with self.lock:
            if failure:
                self.failures[failure] += 1
            else:
                self.statuses[status] += 1
                self.latencies.append(latency)
            self.events.append((time.monotonic(), failure is None and status < 500))


class Client:
    """One staff member's or reader's browser: cookies, and one connection per request."""

    def __init__(self, port, stats):
        self.port = port
        self.stats = stats
        self.cookies = {}

    def request(self, method, path, form=None):
        body = urlencode(form) if form else None
        headers = {"Accept-Language": random.choice(["lo", "en"]), "Connection": "close"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        connection = HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except OSError as error:
            self.stats.record(failure=type(error).__name__)
            return None, b"", None
        finally:
            connection.close()
        self.stats.record(response.status, time.monotonic() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, content, response.headers.get("Location")


def reader(port, stats, deadline):
    client = Client(port, stats)
    while time.monotonic() < deadline:
        client.request("GET", random.choice(READER_PATHS))


def release_form(token, csrf):
    return {
        "csrfmiddlewaretoken": csrf,
        "title_lo": f"ທົດສອບ {token}",
        "title_en": f"Soak {token}",
        "summary_lo": f"ສະຫຼຸບ {token}",
        "summary_en": f"Summary {token}",
        "body_lo": f"ວັກທີໜຶ່ງ {token}\nວັກທີສອງ {token}",
        "body_en": f"First {token}\nSecond {token}",
        "source_lo": f"ກະຊວງ {token}",
        "source_en": f"Ministry {token}",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "event_date": "2026-11-20",
        "slug": "",
        "image_alt_lo": "",
        "image_alt_en": "",
        "image_caption_lo": "",
        "image_caption_en": "",
        "_save": "Save",
    }


HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(page):
    """What a browser sends back unseen: the CSRF token, the edit token that guards against
    overwriting another's save, the photo and document inlines' management fields."""
    return {
        name: html.unescape(value)
        for name, value in HIDDEN_FIELD.findall(page.decode())
        if "__prefix__" not in name  # the inlines' blank templates, never sent
    }


def editor(number, port, stats, deadline, saved, lock, saved_count):
    """Log in, then alternately create a release and re-save one of our own with a new token."""
    client = Client(port, stats)
    client.request("GET", "/admin/login/")
    status, _content, _location = client.request(
        "POST",
        "/admin/login/",
        {
            "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
            "username": f"editor{number}",
            "password": STAFF_PASSWORD,
            "next": "/admin/",
        },
    )
    if status != 302:
        stats.record(failure=f"editor{number} could not log in ({status})")
        return
    own = []
    while time.monotonic() < deadline:
        token = secrets.token_hex(6)
        if own and random.random() < 0.5:
            pk = random.choice(own)
            path = f"/admin/articles/article/{pk}/change/"
        else:
            pk, path = None, "/admin/articles/article/add/"
        # As an editor does: open the form, then save it.
        _status, page, _location = client.request("GET", path)
        form = release_form(token, client.cookies["csrftoken"]) | hidden_fields(page)
        if pk is None:
            # "Save and continue" redirects to the new release's own page, which names it.
            form["_continue"] = form.pop("_save")
        status, _content, location = client.request("POST", path, form)
        if status != 302:
            stats.record(failure=f"staff save refused ({status})")
        else:
            pk = pk or int(location.rstrip("/").split("/")[-2])
            if pk not in own:
                own.append(pk)
            with lock:
                saved[pk] = token
                saved_count[0] += 1
        time.sleep(random.uniform(0.05, 0.3))


def gunicorn_rss(master):
    """Resident memory of gunicorn's master and workers, in MiB."""
    pids = [master]
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(master):
            pids.append(int(status.parent.name))
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def manage(env, *arguments, stdin=None):
    return subprocess.run(
        [str(PYTHON), "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def prepare_site(env):
    """Migrate, load the first release and collect the static files, as `make setup` does."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_initial_data")
    manage(env, "collectstatic", "--noinput")


def start_gunicorn(env, output, *options):
    """gunicorn as production runs it, plus `options`; its output and errors go to `output`."""
    return subprocess.Popen(
        [str(GUNICORN), "--config", "newsroom/gunicorn.conf.py", *options, "newsroom.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )


class Database:
    """A database for this run only: a SQLite file, or a PostgreSQL database made and dropped."""

    def __init__(self, url, folder):
        self.admin_url = url
        if url:
            parts = urlsplit(url)
            self.name = f"newsroom_soak_{os.getpid()}"
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        else:
            self.url = f"sqlite:///{folder / 'soak.sqlite3'}"

    def __enter__(self):
        if self.admin_url:
            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if self.admin_url:
            with psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


CHECK_RELEASES = """
import json
from articles.models import Article
rows = []
for a in Article.objects.exclude(pk=1):
    rows.append({"pk": a.pk, "fields": [getattr(a, f"{n}_{c}") for n in Article.TRANSLATED_TEXT
        if n not in ("image_alt", "image_caption") for c in ("lo", "en")], "status": a.status})
print(json.dumps(rows))
"""


def check_releases(env, saved):
    """Every release saved is there, with its last save's token in every field."""
    rows = json.loads(manage(env, "shell", "-c", CHECK_RELEASES).strip().splitlines()[-1])
    stored = {row["pk"]: {field.split()[-1] for field in row["fields"]} for row in rows}
    problems = []
    for pk, tokens in stored.items():
        if len(tokens) != 1:
            problems.append(f"release {pk} is half-saved: {sorted(tokens)}")
    for pk, token in saved.items():
        if pk not in stored:
            problems.append(f"release {pk} is lost")
        elif stored[pk] != {token}:
            problems.append(f"release {pk} lacks its last save {token}: {sorted(stored[pk])}")
    return len(rows), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of traffic (60)")
    parser.add_argument("--readers", type=int, default=8, help="reader threads (8)")
    parser.add_argument("--editors", type=int, default=2, help="staff threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL server to make a throw-away database on (default: SQLite)",
    )
    parser.add_argument(
        "--no-reload", action="store_true", help="do not send gunicorn SIGHUP halfway"
    )
    args = parser.parse_args()
    duration = min(args.duration, MAX_DURATION)

    print(f"machine: {machine()}")
    folder = Path(tempfile.mkdtemp(prefix="newsroom-soak-"))
    port = free_port()
    with Database(args.database_url, folder) as database:
        env = production_environment(
            database.url,
            MEDIA_ROOT=str(folder / "media"),
            BIND=f"{HOST}:{port}",
            WEB_CONCURRENCY=str(args.workers),
            LOG_LEVEL="ERROR",
        )
        print(f"database: {database.url.split('@')[-1]}; gunicorn workers: {args.workers}")
        prepare_site(env)
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import User\n"
            f"for n in range({args.editors}):\n"
            f"    User.objects.create_superuser(f'editor{{n}}', '', {STAFF_PASSWORD!r})",
        )
        log = (folder / "gunicorn.log").open("w")
        server = start_gunicorn(env, log)
        try:
            results = run_traffic(server, port, duration, args)
            count, problems = check_releases(env, results["saved"])
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            log.close()
    report(results, count, problems, duration)
    if results["ok"] and not problems:
        shutil.rmtree(folder, ignore_errors=True)
        sys.exit(0)
    print(f"gunicorn's log, with the tracebacks of any 5xx: {folder / 'gunicorn.log'}")
    sys.exit(1)


def run_traffic(server, port, duration, args):
    for _attempt in range(100):
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    stats = Stats()
    saved = {}
    saved_count = [0]
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + duration
    threads = [
        threading.Thread(target=reader, args=(port, stats, deadline)) for _n in range(args.readers)
    ] + [
        threading.Thread(target=editor, args=(n, port, stats, deadline, saved, lock, saved_count))
        for n in range(args.editors)
    ]
    for thread in threads:
        thread.start()
    memory = []
    reload_at = None if args.no_reload else started + duration / 2
    while time.monotonic() < deadline:
        time.sleep(1)
        memory.append((time.monotonic() - started, gunicorn_rss(server.pid)))
        if reload_at and time.monotonic() >= reload_at:
            server.send_signal(signal.SIGHUP)
            reload_time, reload_at = time.monotonic(), None
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    window = [
        ok
        for moment, ok in stats.events
        if not args.no_reload and reload_time - 1 <= moment <= reload_time + 10
    ]
    # Memory after warm-up: the first and last fifth of the run, reload excluded.
    steady = [rss for moment, rss in memory if moment > duration * 0.1]
    fifth = max(1, len(steady) // 5)
    start_rss, end_rss = statistics.mean(steady[:fifth]), statistics.mean(steady[-fifth:])
    errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    return {
        "stats": stats,
        "saved": saved,
        "saves": saved_count[0],
        "elapsed": elapsed,
        "window": window,
        "memory": (start_rss, end_rss, max(rss for _moment, rss in memory)),
        "ok": errors == 0
        and not stats.failures
        and (saved_count[0] > 0 or args.editors == 0)
        and end_rss <= start_rss * MEMORY_GROWTH_ALLOWED + 10
        and all(window),
    }


def report(results, count, problems, duration):
    stats = results["stats"]
    total = sum(stats.statuses.values())
    latencies = sorted(stats.latencies) or [0]
    start_rss, end_rss, peak = results["memory"]
    errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    print(f"duration: {results['elapsed']:.0f} s (asked {duration:.0f} s)")
    print(
        f"requests: {total} ({total / results['elapsed']:.1f}/s), by status: "
        + ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items()))
    )
    print(f"5xx: {errors}; failed requests: {sum(stats.failures.values())} {dict(stats.failures)}")
    print(
        "latency ms: median {:.1f}, p95 {:.1f}, p99 {:.1f}, max {:.1f}".format(
            *(1000 * latencies[int(q * (len(latencies) - 1))] for q in (0.5, 0.95, 0.99, 1))
        )
    )
    if results["window"]:
        window = results["window"]
        print(f"reload (SIGHUP) window: {len(window)} requests, {window.count(False)} failed")
    print(
        f"staff saves: {results['saves']} to {len(results['saved'])} release(s); "
        f"{count} release(s) in the database besides the seed"
    )
    print(f"lost or half-saved: {len(problems)} {problems[:5]}")
    print(
        f"gunicorn memory MiB: {start_rss:.0f} after warm-up, {end_rss:.0f} at the end, "
        f"peak {peak:.0f}"
    )
    print("result: " + ("PASS" if results["ok"] and not problems else "FAIL"))


if __name__ == "__main__":
    main()
