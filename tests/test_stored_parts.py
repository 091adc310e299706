"""A release's own parts are rendered once, stored with it, and rendered again whenever
something they show changes (articles/rendered.py). Measured with the page cache off, as
on a cache miss: what a reader sees here comes from the stored parts or a fresh render."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from articles import rendered
from articles.models import STORED_FIELDS, Article, Attachment, GalleryImage, Section, Topic
from tests.conftest import SEED_URL_EN, SEED_URL_LO, pdf_upload, photo_upload, publish
from tests.pages import visible_text

ORIGIN = "http://testserver"
MARK = "Stored-part-marker"


pytestmark = pytest.mark.usefixtures("uncached")


def stored(article):
    return Article.objects.get(pk=article.pk).rendered


def mark_stored_parts(article):
    """Put a marker in the stored parts, under their key: a page showing it read them."""
    parts = stored(article)
    for code in ("lo", "en"):
        parts[code]["main"] = f"<p>{MARK}</p>"
    Article.objects.filter(pk=article.pk).update(rendered=parts)


LISTS = ["/lo/", "/en/", "/lo/sections/digital-government/", "/en/archive/2022/08/"]


@pytest.mark.parametrize("url", [SEED_URL_LO, SEED_URL_EN, *LISTS])
def test_a_page_from_stored_parts_is_the_page_rendered_afresh(client, seed_article, url):
    publish(title_en="Another meeting", body_en="Text.", section=seed_article.section)
    first = client.get(url).text  # renders the parts and stores them
    assert stored(seed_article)["lo"]["key"] == rendered.render_key(ORIGIN)
    assert client.get(url).text == first
    rendered.forget(Article.objects.all())
    assert client.get(url).text == first


def test_lists_and_related_releases_give_teasers_their_heading_level(client, seed_article):
    other = publish(title_en="Another meeting", body_en="Text.", section=seed_article.section)
    for _ in range(2):  # rendered, then stored
        assert client.get("/en/").text.count('<h2 class="teaser__title"') == 2
        related = client.get(other.url_in("en")).text.split('class="related"')[1]
        assert related.count('<h3 class="teaser__title"') == 1


def test_lists_and_related_releases_show_the_stored_teasers_while_current(
    client, seed_article, monkeypatch
):
    """Lists read a release's stored list teaser, and release pages its related teaser,
    in the reader's language, each as text of its own; under another key they are
    rendered again."""
    other = publish(title_en="Another meeting", body_en="Text.", section=seed_article.section)
    client.get(other.url_in("en"))  # stores the teasers of both
    teasers = Article.objects.get(pk=seed_article.pk).teasers
    for code in ("lo", "en"):
        teasers[code]["list_teaser"] = f"<p>{MARK} list {code}</p>"
        teasers[code]["related_teaser"] = f"<p>{MARK} related {code}</p>"
    Article.objects.filter(pk=seed_article.pk).update(teasers=teasers)
    assert f"{MARK} list en" in client.get("/en/").text
    assert f"{MARK} list lo" in client.get("/lo/sections/digital-government/").text
    assert f"{MARK} related en" in client.get(other.url_in("en")).text
    assert f"{MARK} related lo" in client.get(other.url_in("lo")).text
    monkeypatch.setattr(rendered, "deployed_fingerprint", lambda: "the next release")
    assert MARK not in client.get("/en/").text
    assert MARK not in client.get(other.url_in("lo")).text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage")
def test_stored_teasers_stay_in_the_row_and_stored_parts_are_compressed_with_lz4(
    client, seed_article
):
    """A list reads three fields of each release's teasers: in the row, compressed with
    LZ4 where the server has it, they cost no TOAST lookup
    (articles/migrations/0012_stored_parts_storage.py)."""
    client.get(SEED_URL_LO)  # stores the parts and teasers
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname IN ('rendered', 'teasers') ORDER BY attname",
            [table],
        )
        assert cursor.fetchall() == [("rendered", "x"), ("teasers", "m")]
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        compression = "lz4" if cursor.fetchone()[0] else "pglz"  # a server built without LZ4
        cursor.execute(
            f"SELECT pg_column_compression(teasers), pg_column_compression(rendered)"
            f" FROM {connection.ops.quote_name(table)} WHERE id = %s",
            [seed_article.pk],
        )
        assert cursor.fetchone() == (compression, compression)


def test_the_page_shows_what_is_stored(client, seed_article):
    client.get(SEED_URL_LO)
    mark_stored_parts(seed_article)
    assert MARK in client.get(SEED_URL_LO).text
    assert MARK in client.get(SEED_URL_EN).text


def test_saving_in_the_admin_stores_the_parts_and_a_draft_has_none(client, seed_article):
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    rendered.forget(Article.objects.all())
    rendered.render_saved(seed_article.pk, ORIGIN)
    assert stored(seed_article)["lo"]["key"] == rendered.render_key(ORIGIN)
    draft = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    rendered.render_saved(draft.pk, ORIGIN)
    assert stored(draft) == {}
    page = client.get(f"/en/news/preview/{draft.pk}/")
    assert page.status_code == 200 and "ຮ່າງ" in page.text
    assert stored(draft) == {}  # a preview renders the parts and keeps none


@pytest.mark.parametrize(
    "change",
    [
        "title",
        "section name",
        "topic name",
        "topic deleted",
        "topic removed",
        "document",
        "photo",
        "another site address",
        "a deploy",
    ],
)
def test_stored_parts_are_rendered_again_when_what_they_show_changes(
    client, seed_article, change, monkeypatch
):
    client.get(SEED_URL_EN)
    mark_stored_parts(seed_article)
    korea = Topic.objects.get(slug="korea")
    expected = {
        "title": "A renamed release",
        "section name": "Renamed section",
        "topic name": "Renamed topic",
        "document": "The decision",
        "photo": "A second photo",
    }
    host = "testserver"
    if change == "title":
        seed_article.title_en = expected[change]
        seed_article.save()
    elif change == "section name":
        Section.objects.filter(pk=seed_article.section_id).update(name_en=expected[change])
        Section.objects.get(pk=seed_article.section_id).save()
    elif change == "topic name":
        korea.name_en = expected[change]
        korea.save()
    elif change in ("topic deleted", "topic removed"):
        korea.delete() if change == "topic deleted" else seed_article.topics.remove(korea)
    elif change == "document":
        Attachment.objects.create(
            article=seed_article, language="en", title=expected[change], file=pdf_upload()
        )
    elif change == "photo":
        GalleryImage.objects.create(
            article=seed_article, image=photo_upload(), alt_lo="ຮູບ", alt_en=expected[change]
        )
    elif change == "another site address":
        host = "127.0.0.1:8000"
    else:
        monkeypatch.setattr(rendered, "deployed_fingerprint", lambda: "the next release")
    page = client.get(SEED_URL_EN, HTTP_HOST=host).text
    assert MARK not in page
    if change in expected:
        assert expected[change] in visible_text(page) or expected[change] in page
    if change.startswith("topic"):
        assert ">Korea<" not in page
    if change == "another site address":
        assert f'content="http://{host}{SEED_URL_EN}"' in page


def test_a_related_release_shows_its_renamed_section(client, seed_article):
    other = publish(title_en="Another meeting", body_en="Text.", section=seed_article.section)
    client.get(other.url_in("en"))
    client.get(SEED_URL_EN)  # stores both releases' parts, with the seed's teaser
    Section.objects.filter(pk=seed_article.section_id).update(name_en="Renamed section")
    Section.objects.get(pk=seed_article.section_id).save()
    related = client.get(other.url_in("en")).text.split('class="related"')[1]
    assert "Renamed section" in related


def test_parts_rendered_from_rows_read_before_a_change_are_not_stored(seed_article):
    """A reader renders from the old rows while an editor saves: the editor's change wins."""
    rendered.forget(Article.objects.all())
    before = Article.objects.get(pk=seed_article.pk)
    parts = rendered.render_parts(before, ORIGIN)
    seed_article.title_en = "Saved meanwhile"
    seed_article.save()
    rendered.store(before, parts, rendered.render_key(ORIGIN))
    assert stored(seed_article) == {}


def test_the_deployed_fingerprint_follows_the_templates(settings, tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    rendered.deployed_fingerprint.cache_clear()
    try:
        before = rendered.deployed_fingerprint()
        template.write_text("<p>two</p>")
        assert rendered.deployed_fingerprint() == before  # computed once per process
        rendered.deployed_fingerprint.cache_clear()
        assert rendered.deployed_fingerprint() != before
    finally:
        rendered.deployed_fingerprint.cache_clear()


def test_a_scheduled_release_appears_when_its_time_comes(client, db):
    soon = timezone.now() + timedelta(hours=1)
    release = publish(title_en="Coming soon", body_en="Later.", published_at=soon)
    url = release.url_in("en")
    assert client.get(url).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=soon + timedelta(minutes=1)):
        assert "Coming soon" in client.get(url).text


def test_stored_html_is_ours_and_text_stays_escaped(client, db):
    release = publish(title_en="<script>alert(1)</script>", body_en="Fish & chips")
    for _ in range(2):  # rendered, then from the stored parts
        page = client.get(release.url_in("en")).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "Fish &amp; chips" in page


def test_an_upload_name_cannot_reach_the_stored_html(client, db):
    release = publish(title_en="Decision", body_en="Text.")
    Attachment.objects.create(
        article=release,
        language="en",
        title='"><b>bold</b>',
        file=SimpleUploadedFile("x.pdf", pdf_upload().read(), content_type="application/pdf"),
    )
    client.get(release.url_in("en"))
    page = client.get(release.url_in("en")).text
    assert "<b>bold</b>" not in page


@pytest.mark.parametrize("how", ["read without its stored parts", "saving one field"])
def test_every_save_empties_the_stored_parts(client, seed_article, how):
    client.get(SEED_URL_EN)
    assert stored(seed_article)
    article = Article.objects.defer(*STORED_FIELDS).get(pk=seed_article.pk)
    article.title_en = "Saved again"
    article.save(**({"update_fields": ["title_en"]} if how == "saving one field" else {}))
    assert stored(seed_article) == {}
    assert "Saved again" in client.get(SEED_URL_EN).text
