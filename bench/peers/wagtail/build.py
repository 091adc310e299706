"""Build a stock Wagtail 7.4 site holding the seed release, the peer of bench/http_pages.py.

In a virtual environment of its own (bench/peers/wagtail/.venv, git-ignored) it
installs `wagtail>=7.4,<7.5`, gunicorn and psycopg, makes a PostgreSQL database
of its own on the server of --database-url, migrates it and puts one NewsPage
(title, date, intro and a rich-text body) under the default site's root page:
the first release of the project's fixtures/, in Lao (its title; its summary as
the intro; each line of its body a paragraph). Stdlib only, so bench/http_pages.py
imports it; run by hand it builds and prints the page's path:

    .venv/bin/python bench/peers/wagtail/build.py \\
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_peer_wagtail

then serve it as bench/http_pages.py does with `--serve PORT` (gunicorn, 2 sync
workers, DEBUG off; `--conn-max-age 60` for persistent connections).
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
VENV = HERE / ".venv"
PYTHON = VENV / "bin" / "python"
GUNICORN = VENV / "bin" / "gunicorn"
REQUIREMENTS = ["wagtail>=7.4,<7.5", "gunicorn", "psycopg[binary]"]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_peer_wagtail"
FIXTURES = ROOT / "fixtures"

VERSIONS = """
import importlib.metadata as m
import wagtail
print(wagtail.__version__, m.version("gunicorn"), m.version("psycopg"))
"""

MAKE_DATABASE = """
import sys
from urllib.parse import urlsplit, urlunsplit
import psycopg
from psycopg import sql

url, fresh = sys.argv[1], sys.argv[2] == "fresh"
parts = urlsplit(url)
name = parts.path.lstrip("/")
server = urlunsplit(parts._replace(path="/postgres"))
with psycopg.connect(server, autocommit=True) as connection:
    exists = connection.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [name]
    ).fetchone()
    if exists and fresh:
        connection.execute(
            sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
        )
    if fresh or not exists:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
"""

# Run by Django's shell in the peer's environment; the release comes on stdin.
SEED_PAGE = """
import json, sys
from datetime import date
from wagtail.models import Site
from news.models import NewsPage

release = json.loads(sys.stdin.read())
page = NewsPage.objects.filter(slug=release["slug"]).first()
if page is None:
    page = NewsPage(slug=release["slug"], date=date.today(), title="-")
    Site.objects.get(is_default_site=True).root_page.add_child(instance=page)
page.title = release["title"]
page.date = date.fromisoformat(release["date"])
page.intro = release["intro"]
page.body = release["body"]
page.save_revision().publish()
page.refresh_from_db()
print(json.dumps({"path": page.url, "pages": NewsPage.objects.live().count()}))
"""


def first_release():
    """The release of lowest primary key in fixtures/*.json, in Lao, as the page holds it."""
    releases = [
        (item["pk"], item["fields"], path.name)
        for path in sorted(FIXTURES.glob("*.json"))
        for item in json.loads(path.read_text(encoding="utf-8"))
        if item.get("model") == "articles.article"
    ]
    if not releases:
        raise SystemExit(f"no articles.article in {FIXTURES}/*.json")
    _pk, fields, fixture = min(releases, key=lambda release: release[0])
    paragraphs = [line.strip() for line in fields["body_lo"].splitlines() if line.strip()]
    return {
        "fixture": fixture,
        "slug": fields["slug"],
        "title": fields["title_lo"],
        "date": fields["published_at"][:10],
        "intro": fields["summary_lo"],
        "body": "".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs),
    }


def environment(database_url, conn_max_age=0):
    """The peer's processes' environment: its settings, the database, CONN_MAX_AGE."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DJANGO_SETTINGS_MODULE": "peer.settings",
        "PEER_SECRET_KEY": secrets.token_urlsafe(50),
        "PEER_DATABASE_URL": database_url,
        "PEER_CONN_MAX_AGE": str(conn_max_age),
    }


def run(command, database_url, stdin=None):
    return subprocess.run(
        command,
        cwd=HERE,
        env=environment(database_url),
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def versions():
    """(wagtail, gunicorn, psycopg) installed in the peer's environment, or None."""
    if not PYTHON.exists():
        return None
    result = subprocess.run([str(PYTHON), "-c", VERSIONS], capture_output=True, text=True)
    return result.stdout.split() if result.returncode == 0 else None


def install(log=print):
    """The peer's virtual environment with Wagtail 7.4, gunicorn and psycopg."""
    found = versions()
    if found and found[0].startswith("7.4."):
        return found
    if not PYTHON.exists():
        log(f"creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    log(f"pip install {' '.join(REQUIREMENTS)}")
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *REQUIREMENTS,
        ],
        check=True,
    )
    return versions()


def build(database_url=DEFAULT_DATABASE_URL, fresh=False, log=print):
    """Install, make the database, migrate and seed; the news page's path and the versions."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("the Wagtail peer runs on PostgreSQL: give a postgres:// URL")
    found = install(log)
    mode = "fresh" if fresh else "keep"
    run([str(PYTHON), "-c", MAKE_DATABASE, database_url, mode], database_url)
    run([str(PYTHON), "-m", "django", "migrate", "--noinput"], database_url)
    release = first_release()
    page = json.loads(
        run(
            [str(PYTHON), "-m", "django", "shell", "-c", SEED_PAGE],
            database_url,
            stdin=json.dumps(release),
        ).splitlines()[-1]
    )
    return {
        "path": page["path"],
        "fixture": release["fixture"],
        "wagtail": found[0],
        "gunicorn": found[1],
        "psycopg": found[2],
    }


def start(database_url, port, conn_max_age=0, output=subprocess.DEVNULL, host="127.0.0.1"):
    """gunicorn serving the peer: 2 sync workers, DEBUG off, `conn_max_age` for CONN_MAX_AGE."""
    return subprocess.Popen(
        [
            str(GUNICORN),
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"{host}:{port}",
            "--access-logfile",
            "/dev/null",
            "peer.wsgi",
        ],
        cwd=HERE,
        env=environment(database_url, conn_max_age),
        stdout=output,
        stderr=subprocess.STDOUT,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and remake the peer's database first"
    )
    parser.add_argument("--serve", type=int, metavar="PORT", help="then serve it on 127.0.0.1")
    parser.add_argument("--conn-max-age", type=int, default=0, help="CONN_MAX_AGE when serving")
    arguments = parser.parse_args()
    built = build(arguments.database_url, arguments.fresh)
    print(json.dumps(built))
    if arguments.serve:
        server = start(arguments.database_url, arguments.serve, arguments.conn_max_age, None)
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
