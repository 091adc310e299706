"""The seed release page in Lao, rendered in-process: from its stored parts, and afresh.

A release's own parts (its body with every Lao word marked, header, photos,
documents, meta tags) are rendered once and stored with it (articles/rendered.py).
A page whose parts are stored renders only the site's header and footer around
them; the first view after a change to the release, or after a deploy, renders
the parts again, with word segmentation, the costliest step of a Lao page, and
stores them. This measures both, with production settings on a SQLite database
of its own holding the seed release, page cache off. Needs the static files
collected (`make setup`):

    .venv/bin/python bench/release_render.py

Prints the median CPU time of --rounds renders with the stored parts and each
worker's memo of marked-up paragraphs (typography.lao_html) emptied before each
(parts rendered again), and of the render that follows (from the stored parts).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

from django.core.management.utils import get_random_secret_key
from soak import machine

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    folder = Path(tempfile.mkdtemp(prefix="release-render-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY=get_random_secret_key(),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        CACHE_DIR=str(folder / "cache"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",
        LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from articles import rendered
    from articles.lao.typography import lao_html
    from articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_initial_data", stdout=StringIO())
    url = Article.objects.order_by("pk").first().url_in("lo")
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get(url).status_code == 200
    first, next_ = [], []
    for _round in range(rounds):
        rendered.forget(Article.objects.all())
        lao_html.cache_clear()
        started = time.process_time()
        client.get(url)
        first.append(time.process_time() - started)
        started = time.process_time()
        client.get(url)
        next_.append(time.process_time() - started)
    print(machine())
    print(f"seed release in Lao, CPU time, median of {rounds}:")
    for label, timings in (
        ("parts rendered again (after a change or a deploy)", first),
        ("from the stored parts", next_),
    ):
        print(f"  {label:52} {statistics.median(timings) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
