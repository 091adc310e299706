"""XSS payloads in every text field, in both languages, execute nowhere in Chromium.

The browser runs with the Content-Security-Policy switched off (``bypass_csp``):
the policy is the second wall, and this test must show that the first one,
escaping, holds on its own.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article
from tests.test_admin import png_upload

pytestmark = pytest.mark.browser

PASSWORD = "a long staff passphrase 4 tests"
PAYLOADS = [
    '<script>alert("xss")</script>',
    "<img src=x onerror=alert('xss')>",
    '"><svg onload=alert("xss")>',
    "'><iframe src=\"javascript:alert('xss')\"></iframe>",
    '</title><script>alert("xss")</script>',
    '" autofocus onfocus=alert("xss") x="',
    '</textarea><script>alert("xss")</script>',
    "<a href=\"javascript:alert('xss')\">click</a>",
    '<details open ontoggle=alert("xss")>',
    "<style>*{display:none}</style><b onmouseover=alert('xss')>",
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "javascript:alert('xss')",
    "<body onload=alert('xss')>{{ request }}{% debug %}",
]
# Executed markup leaves traces even where no dialog opens. The page's own JSON-LD
# is data in a script element that never runs; its content is checked to parse.
TRACES_JS = """() => [
  ...document.querySelectorAll(
    'script:not([src]):not([type="application/ld+json"]), iframe, object, embed, details[ontoggle]'
  ),
].map((el) => el.outerHTML.slice(0, 80)).concat(
  [...document.querySelectorAll('script[type="application/ld+json"]')].flatMap((el) => {
    try { JSON.parse(el.textContent); return []; } catch (e) { return ['broken JSON-LD']; }
  }),
).concat(
  [...document.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].filter((a) => a.name.startsWith('on') || a.value.startsWith('javascript:'))
      .map((a) => `${el.tagName} ${a.name}=${a.value}`)),
)"""


@pytest.fixture
def hostile_articles(transactional_db):
    """One published release per payload, the payload in every text field in both languages."""
    articles = []
    for index, payload in enumerate(PAYLOADS):
        fields = {}
        for name in Article.TRANSLATED_TEXT:
            fields[f"{name}_lo"] = f"ກອງປະຊຸມ {payload} ລັດຖະບານ"
            fields[f"{name}_en"] = f"Meeting {index} {payload}"
        article = Article.objects.create(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=index + 1),
            **fields,
        )
        upload = png_upload()
        article.image.save(upload.name, upload)
        articles.append(article)
    return articles


@pytest.fixture
def reader(browser, live_server):
    """A page with the CSP bypassed that records every dialog, i.e. every executed alert()."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def visit(path):
        response = page.goto(live_server.url + path)
        assert response.ok, (path, response.status)
        page.keyboard.press("Tab")
        page.mouse.move(200, 300)
        assert page.evaluate(TRACES_JS) == [], path

    page.visit = visit
    yield page
    context.close()


def test_payloads_execute_nowhere_on_reader_pages_and_show_as_text(hostile_articles, reader):
    """Escaped, not stripped: readers see exactly what staff typed, and nothing runs."""
    for language in ("lo", "en"):
        reader.visit(f"/{language}/")
    for index, (article, payload) in enumerate(zip(hostile_articles, PAYLOADS, strict=True)):
        reader.visit(article.url_in("en"))
        assert reader.inner_text("h1") == f"Meeting {index} {payload}"
        assert payload in reader.inner_text(".release__body")
        assert reader.get_attribute(".release__image img", "alt").endswith(payload)
        reader.visit(article.url_in("lo"))
        assert payload in reader.inner_text(".release__body")
    assert reader.dialogs == []


def test_payloads_execute_nowhere_in_the_admin_or_the_preview(hostile_articles, reader):
    User.objects.create_superuser("publisher", "p@example.org", PASSWORD)
    reader.visit("/admin/login/")
    reader.fill("#id_username", "publisher")
    reader.fill("#id_password", PASSWORD)
    reader.click("input[type=submit]")
    reader.wait_for_selector("#site-name")
    reader.visit("/admin/articles/article/")
    for article in hostile_articles:
        reader.visit(f"/admin/articles/article/{article.pk}/change/")
        reader.visit(f"/lo/news/preview/{article.pk}/")
        reader.visit(f"/en/news/preview/{article.pk}/")
    assert reader.dialogs == []
