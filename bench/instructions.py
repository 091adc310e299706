"""Instructions a reader page costs this process: a figure a busy machine does not move.

Wall and CPU time on a shared 2-core machine move by half from one minute to
the next; callgrind counts the instructions a request executes, and gives the
same count twice for the same code and data. Each page is requested through
Django's WSGI handler with production settings and the page cache off (as on a
cache miss), first 20 times unmeasured (the navigation, the Lao words and
stale stored parts are read and rendered then, and Python specializes its
bytecode: with 5, the next requests still cost up to 13% more), then
`--requests` times under valgrind's callgrind, collecting only inside those
requests. The database's
own work is not counted: it runs in PostgreSQL's processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/instructions.py [--requests 20] [path ...]

Without paths it measures robots.txt (the bare view), the newest release, and
the latest, section, topic and month lists. Needs Debian's valgrind; takes
about 40 s a page.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

from http_pages import BARE_PAGE, find_pages
from soak import PYTHON, ROOT, machine, production_environment

# Runs under valgrind. The measured requests run inside itertools.starmap, which
# nothing in a request calls: callgrind collects only while starmap_next runs.
MEASURE = """
import collections, gc, io, itertools, os, sys
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()


def request(path):
    statuses = []
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses[0].startswith("200"), (path, statuses[0])
    return body


path, count = sys.argv[1], int(sys.argv[2])
for _warm in range(20):
    request(path)
gc.collect()  # each run starts its requests from the same heap
collections.deque(itertools.starmap(request, [(path,)] * count), maxlen=0)
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", help="pages to measure (default: see above)")
    parser.add_argument("--requests", type=int, default=20, help="measured requests a page")
    arguments = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        sys.exit("Set DATABASE_URL to the database to serve.")
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        sys.exit("Run `make setup` first: production settings need the collected static files.")
    with tempfile.TemporaryDirectory(prefix="instructions-") as folder:
        # One hash seed, so that sets and dicts, and the garbage collector's work, repeat.
        environment = production_environment(
            database_url,
            PAGE_CACHE_SECONDS="0",
            LOG_LEVEL="ERROR",
            CACHE_DIR=folder,
            PYTHONHASHSEED="0",
        )
        if arguments.paths:
            paths = arguments.paths
        else:
            found = find_pages(environment)
            paths = [BARE_PAGE, found["article"], "/lo/", found["section"]]
            paths += [found["topic"]] if found["topic"] else []
            paths.append(found["month"])
        print(f"machine: {machine()}")
        print(f"{'page':48} {'instructions a request':>24}")
        for path in paths:
            output = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    "--collect-atstart=no",
                    "--toggle-collect=starmap_next",
                    f"--callgrind-out-file={folder}/callgrind.out",
                    str(PYTHON),
                    "-c",
                    MEASURE,
                    path,
                    str(arguments.requests),
                ],
                cwd=ROOT,
                env=environment,
                check=True,
                capture_output=True,
                text=True,
            ).stderr
            collected = int(re.search(r"Collected : (\d+)", output).group(1))
            print(f"{path:48} {collected / arguments.requests / 1e6:21.2f} M")


if __name__ == "__main__":
    main()
