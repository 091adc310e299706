"""Through the real server: every write is seen by the next request to any gunicorn worker.

A fresh SQLite site is set up as `make run` sets it up, and gunicorn serves it
with newsroom/gunicorn.conf.py and its two workers, the default cache and no
Redis. Pages are read until both workers have served them from their cache;
then a release is saved in the admin (in one worker), a Lao word is added to
the admin's list (every worker must then keep it whole), releases are imported
with `manage.py import_releases` (in a process of its own), updated by a
second import, and one is withdrawn. After each, every page it changes is read
20 times by concurrent readers, and again until both workers have answered:
every read must show the change.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from articles.lao.segment import BUNDLED
from tests.pages import visible_text

pytestmark = pytest.mark.server

HOST = "127.0.0.1"
BIN = Path(sys.executable).parent
NTREX = Path(__file__).resolve().parent / "data" / "ntrex"
SEED = "/news/2022/08/1-meeting-concludes-digital-government-policy-research/"
SECTION = "digital-government"
# The Digital Government Center: the seed's first words, cut by the shipped lists.
CENTRE = "ສູນບໍລິຫານລັດດີຈິຕອນ"
READS = 20
READERS = 4
WORKERS = 2
STAFF = "cache-editor"
PASSWORD = "cache editor passphrase " + secrets.token_hex(8)
# Each worker logs its requests as: <pid> "GET /lo/ HTTP/1.0" 200
ACCESS_LOG_FORMAT = '%(p)s "%(r)s" %(s)s'
ACCESS_LOG_LINE = re.compile(r'^<(\d+)> "GET (\S+) HTTP/1.[01]" (\d+)$', re.M)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Site:
    """A site of its own in a temporary folder, run as `make run` runs it."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.log = folder / "gunicorn.log"
        self.environment = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/"),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.local",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "CACHE_DIR": str(folder / "cache"),
            "BIND": f"{HOST}:{self.port}",
            "LOG_LEVEL": "WARNING",
        }

    def manage(self, *arguments):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def set_up(self):
        self.manage("migrate", "--noinput")
        self.manage("load_initial_data")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser({STAFF!r}, '', {PASSWORD!r})",
        )

    def start(self):
        self.output = self.log.open("w")
        self.server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                "newsroom/gunicorn.conf.py",
                "--access-logformat",
                ACCESS_LOG_FORMAT,
                "newsroom.wsgi",
            ],
            cwd=settings.BASE_DIR,
            env=self.environment,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/robots.txt")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"gunicorn did not start: {self.log.read_text()}")

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=30)
        self.output.close()

    def workers_that_served(self, path, since):
        """The worker processes that answered GET path, from the access log after `since`."""
        log = self.log.read_text()[since:]
        return {pid for pid, served, _status in ACCESS_LOG_LINE.findall(log) if served == path}

    def log_size(self):
        return len(self.log.read_text())


def get(port, path, headers=None):
    connection = HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode(), response.headers
    finally:
        connection.close()


class Staff:
    """A staff member's browser: cookies kept, forms sent back as the admin wrote them."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        return response.status, content

    def log_in(self):
        self.request("GET", "/admin/login/")
        status, _page = self.request(
            "POST",
            "/admin/login/",
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "username": STAFF,
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        assert status == 302, "the staff member could not log in"

    def change(self, pk, **changes):
        """Open the release's change form and save it with `changes` applied to its fields."""
        path = f"/admin/articles/article/{pk}/change/"
        _status, page = self.request("GET", path)
        fields = form_fields(page, "article_form")
        form = [(name, value) for name, value in fields if name not in changes]
        form += [*changes.items(), ("_save", "Save")]
        status, page = self.request("POST", path, form)
        assert status == 302, f"the save was refused: {page}"

    def add_lao_word(self, word):
        status, page = self.request(
            "POST",
            "/admin/articles/laoword/add/",
            {"csrfmiddlewaretoken": self.cookies["csrftoken"], "word": word, "_save": "Save"},
        )
        assert status == 302, f"the word was refused: {page}"

    def withdraw(self, pk):
        """Withdraw the release with the action of the admin's list, as publishers do."""
        status, _page = self.request(
            "POST",
            "/admin/articles/article/",
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "action": "withdraw",
                "index": "0",
                "select_across": "0",
                "_selected_action": str(pk),
            },
        )
        assert status == 302, "the withdrawal was refused"


class _FormFields(HTMLParser):
    """What a browser sends of one form: its inputs, checked boxes, text areas and
    selected options, blank inline templates left out."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        name = attrs.get("name") or ""
        if not self.inside or "__prefix__" in name:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and name and kind not in {"submit", "button", "file", "image"}:
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            name, text = self.textarea
            # Browsers drop the line break that opens a text area, as HTML says.
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(page, form_id):
    parser = _FormFields(form_id)
    parser.feed(page)
    return parser.fields


def read_many(site, paths):
    """Each path READS times, by READERS readers at once: (status, page) lists by path."""
    jobs = [path for path in paths for _read in range(READS)]
    with ThreadPoolExecutor(READERS) as readers:
        answers = list(readers.map(lambda path: get(site.port, path)[:2], jobs))
    return {path: answers[i * READS : (i + 1) * READS] for i, path in enumerate(paths)}


def read_on_both_workers(site, paths):
    """Read each path READS times, and again until both workers have answered each of them
    (and so each keeps a copy, when each keeps its own)."""
    since = site.log_size()
    answers = {path: [] for path in paths}
    for _round in range(10):
        for path, pages in read_many(site, paths).items():
            answers[path] += pages
        if all(len(site.workers_that_served(path, since)) == WORKERS for path in paths):
            return answers
    pytest.fail("the reads never reached both workers")


def assert_all_fresh(site, paths, is_fresh, what):
    answers = read_on_both_workers(site, paths)
    stale = {
        path: f"{sum(not is_fresh(*answer) for answer in pages)} of {len(pages)}"
        for path, pages in answers.items()
        if not all(is_fresh(*answer) for answer in pages)
    }
    assert not stale, f"stale reads after {what}: {stale}"


def shows(*texts):
    return lambda status, page: status == 200 and all(t in visible_text(page) for t in texts)


def marks_whole(word):
    """The page's HTML no longer offers a line break inside the word."""
    cut = "<wbr>".join(BUNDLED.words(word))
    return lambda status, page: status == 200 and word in page and cut not in page


def lacks(text):
    return lambda status, page: status == 200 and text not in visible_text(page)


def is_gone(status, page):
    return status == 410


def both_languages(*paths):
    return [f"/{language}{path}" for path in paths for language in ("lo", "en")]


def release_folder(folder, number, token):
    """A release folder in the import format, its text a real Lao article and its source."""
    folder.mkdir(parents=True, exist_ok=True)
    for language in ("lo", "en"):
        title, text = (NTREX / f"{number}.{language}.txt").read_text("utf-8").split("\n", 1)
        marked = f"{title} {token}-{number}\n{text}"
        (folder / f"{language}.txt").write_text(marked, encoding="utf-8")
    metadata = {
        "import_key": f"ntrex-{number}",
        "status": "published",
        "published_at": f"2025-01-{number[-2:]}T10:00:00+07:00",
        "slug": f"ntrex-{number}",
        "section": {"slug": SECTION},
    }
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")


def import_releases(site, token):
    folder = site.folder / f"import-{token}"
    for number in ("008", "021"):
        release_folder(folder / number, number, token)
    site.manage("import_releases", str(folder))


def release_path(site, number):
    """The imported release's address, as the English home page links to it."""
    home = get(site.port, "/en/")[1]
    return re.search(rf'href="/en(/news/\d{{4}}/\d\d/\d+-ntrex-{number}/)"', home).group(1)


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    site.set_up()
    site.start()
    yield site
    site.stop()


def test_every_worker_serves_every_write_at_once(site):
    lists = both_languages("/", f"/sections/{SECTION}/")
    seed_pages = both_languages(SEED)
    read_on_both_workers(site, seed_pages + lists)

    staff = Staff(site.port)
    staff.log_in()
    token = secrets.token_hex(4)
    staff.change(1, title_en=f"Research policy meeting {token}", title_lo=f"ກອງປະຊຸມ {token}")
    assert_all_fresh(site, seed_pages + lists, shows(token), "a save in the admin")

    assert not marks_whole(CENTRE)(*get(site.port, f"/lo{SEED}")[:2])
    staff.add_lao_word(CENTRE)
    assert_all_fresh(site, [f"/lo{SEED}"], marks_whole(CENTRE), "a word added to the list")

    imported = secrets.token_hex(4)
    import_releases(site, imported)
    assert_all_fresh(site, lists, shows(f"{imported}-008", f"{imported}-021"), "an import")
    # The seed's related releases, kept for its section and topics, take in the new ones.
    assert_all_fresh(site, seed_pages, shows(f"{imported}-008"), "an import, as related")
    releases = both_languages(release_path(site, "008"), release_path(site, "021"))
    read_on_both_workers(site, releases)

    updated = secrets.token_hex(4)
    import_releases(site, updated)
    assert_all_fresh(site, releases + lists, shows(updated), "an import that updates them")

    pk = int(re.search(r"/(\d+)-ntrex-008/", releases[0]).group(1))
    staff.withdraw(pk)
    assert_all_fresh(site, releases[:2], is_gone, "a withdrawal")
    assert_all_fresh(site, lists, lacks(f"{updated}-008"), "a withdrawal")
    assert_all_fresh(site, seed_pages, lacks(f"{updated}-008"), "a withdrawal, as related")
