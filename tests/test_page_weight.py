"""What a phone downloads: compressed pages, hashed static files cached for good, no Lao font
for English pages (tests/browser/test_page_weight.py watches the browser's requests)."""

import gzip
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

from tests.conftest import SEED_URL_EN, SEED_URL_LO
from tests.pages import text_by_language

LAO_LETTER = re.compile("[\u0e80-\u0eff]")
PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.parametrize("url", ["/lo/", "/en/", SEED_URL_LO, SEED_URL_EN])
def test_pages_are_gzipped_for_browsers_that_accept_it(client, seed_article, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert html.startswith(b"<!doctype html>")
    assert len(response.content) < len(html) / 2


def test_pages_are_plain_for_browsers_that_do_not(client, seed_article):
    response = client.get(SEED_URL_LO)
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!doctype html>")


@pytest.fixture
def collected_static(tmp_path):
    """collectstatic as production runs it (hashed names, .gz and .br copies) into a temp folder."""
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", "--noinput", stdout=StringIO())
        yield tmp_path


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("css/site.css", "br"), ("fonts/noto-sans-lao-looped-lao-400-normal.woff2", None)],
)
def test_hashed_static_files_are_compressed_and_cached_for_a_year(
    db, collected_static, name, encoding
):
    """woff2 is compressed already: WhiteNoise sends it as it is, and GZip leaves it alone."""
    url = static(name)
    assert re.search(r"\.[0-9a-f]{12}\.", url), url
    # A new client loads the middleware afresh, so WhiteNoise scans the temp STATIC_ROOT.
    response = Client().get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= 365 * 24 * 60 * 60


def test_gzip_only_browsers_get_gzip_static_files(db, collected_static):
    response = Client().get(static("css/site.css"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)).startswith(b"/* Lao fonts")


@pytest.mark.parametrize("url", ["/en/", SEED_URL_EN])
def test_english_pages_of_translated_releases_show_no_lao_letters(client, seed_article, url):
    """A Lao letter drawn as text would make the browser download a Lao font for it."""
    html = client.get(url).content.decode()
    body = html[html.index("<body>") :]
    shown = [text for _language, text in text_by_language(body) if LAO_LETTER.search(text)]
    # The one Lao word, the switcher's ລາວ, is an image's accessible name, not text.
    assert shown == ["ລາວ"]
    assert '<svg class="lao-word" role="img" aria-label="ລາວ"' in body


def test_the_lao_site_writes_its_name_as_text(client, seed_article):
    html = client.get(SEED_URL_LO).content.decode()
    assert 'lang="lo" hreflang="lo" aria-current="true">ລາວ</a>' in html
    assert "<svg" not in html
