"""Every response carries the security headers: pages, errors, static files, media and the admin."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from articles.models import Article
from newsroom.security import DOCUMENT_ONLY_HEADERS
from tests.conftest import SEED_URL_EN, SEED_URL_LO
from tests.test_admin import png_upload
from tests.test_settings import GOOD_KEY, run_manage

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


def assert_secure_headers(response):
    for name, value in EXPECTED.items():
        assert response.get(name) == value, (name, response.get(name))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/lo/", 200),
        ("/en/", 200),
        (SEED_URL_LO, 200),
        (SEED_URL_EN, 200),
        ("/lo/news/1/", 301),
        ("/", 302),
        ("/lo/no-such-page/", 404),
        ("/en/news/2022/08/999-missing/", 404),
        ("/lo/?page=abc", 404),
        ("/admin/", 302),
        ("/admin/login/", 200),
    ],
)
def test_pages_errors_and_admin_carry_the_headers(client, seed_article, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_secure_headers(response)


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
@pytest.mark.parametrize(
    "path", ["css/site.css", "js/share.js", "fonts/noto-sans-lao-looped-lao-400-normal.woff2"]
)
def test_static_files_carry_the_headers_a_file_uses_and_no_document_headers(db, path):
    """A stylesheet, script or font is never a document: policies for documents are bytes lost."""
    response = Client().get(f"/static/{path}")
    assert response.status_code == 200
    for name in ("X-Content-Type-Options", "Cross-Origin-Resource-Policy", "Referrer-Policy"):
        assert response.get(name) == EXPECTED[name], name
    for name in (*DOCUMENT_ONLY_HEADERS, "Access-Control-Allow-Origin"):
        assert name not in response, name


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_a_static_svg_which_opens_as_a_document_keeps_every_header(db):
    response = Client().get("/static/admin/img/search.svg")
    assert response.status_code == 200
    assert_secure_headers(response)


def test_staff_pages_carry_the_headers(client, db):
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    for url in ("/admin/", "/admin/articles/article/add/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_secure_headers(response)


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, db):
    User.objects.create_user("editor", password="a long staff passphrase 4 tests", is_staff=True)
    page = client.get("/admin/login/")
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "a long staff passphrase 4 tests", "next": "/admin/"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


# Production settings, except that static files need no collectstatic beforehand.
PRODUCTION_RESPONSE = """
import json
from django.conf import settings
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client, override_settings
storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(HTTP_HOST="newsroom.example.la")
out = {}
with override_settings(STORAGES=storages):
    for url in ("/admin/login/", "/lo/no-such-page/"):
        response = client.get(url, secure=True)
        cookies = {name: dict(morsel) for name, morsel in response.cookies.items()}
        out[url] = {"headers": dict(response.headers), "cookies": cookies}
    out["http"] = client.get("/lo/").headers["Location"]
print(json.dumps(out))
"""


def test_production_adds_hsts_secure_cookies_and_https_redirect(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        PRODUCTION_RESPONSE,
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="newsroom.example.la",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    responses = json.loads(result.stdout.strip().splitlines()[-1])
    assert responses["http"] == "https://newsroom.example.la/lo/"
    for url in ("/admin/login/", "/lo/no-such-page/"):
        headers = responses[url]["headers"]
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    csrf = responses["/admin/login/"]["cookies"]["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


def test_production_session_cookie_is_secure():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SECURE)",
        SECRET_KEY=GOOD_KEY,
    )
    assert result.stdout.splitlines()[-1].split() == ["True", "True", "Lax", "True"]


@pytest.fixture
def uploaded_png(db):
    upload = png_upload()
    article = Article.objects.create(title_lo="ຮູບ", body_lo="ເນື້ອໃນ")
    article.image.save(upload.name, upload)
    return article.image


def test_uploaded_images_are_served_as_images_in_a_sandbox(client, uploaded_png):
    response = client.get(uploaded_png.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("name", ["page.html", "page.svg", "x.js", "notes.txt", "noext"])
def test_media_of_other_types_is_never_served(client, db, settings, tmp_path, name):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / name).write_text("<script>alert(1)</script>")
    assert client.get(f"/media/{name}").status_code == 404


def test_pdfs_are_served_as_pdfs(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    response = client.get("/media/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
