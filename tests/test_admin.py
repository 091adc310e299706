import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles import rendered
from articles.models import Article
from tests.pages import unmarked, visible_text

ADD_URL = "/admin/articles/article/add/"


@pytest.fixture
def staff_client(client, db):
    """A publisher whose browser asks for English, as most staff set it."""
    client.force_login(User.objects.create_superuser("publisher", "p@example.org", "x"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def png_upload(name="meeting.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (11, 79, 138)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def edit_token_of(client, change_url):
    """The stale-form token a browser gets with the change form."""
    return client.get(change_url).context["adminform"].form["edit_token"].value()


def release_form(**overrides):
    form = {
        "title_lo": "ກອງປະຊຸມທົດລອງ",
        "title_en": "Test meeting",
        "summary_lo": "ສະຫຼຸບຂ່າວ",
        "summary_en": "A summary",
        "body_lo": "ວັກທີໜຶ່ງ\nວັກທີສອງ",
        "body_en": "First paragraph\nSecond paragraph",
        "source_lo": "ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ",
        "source_en": "Ministry of Technology and Communications",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "event_date": "2026-11-20",
        "slug": "",
        "image_alt_lo": "ຮູບກອງປະຊຸມ",
        "image_alt_en": "The meeting room",
        "image_caption_lo": "",
        "image_caption_en": "",
        "section": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    form.update(overrides)
    return form


def test_add_form_has_lao_and_english_tabs_with_local_scripts(staff_client):
    page = staff_client.get(ADD_URL).text
    for field in ("title_lo", "title_en", "body_lo", "body_en", "image_alt_lo", "image_alt_en"):
        assert f'name="{field}"' in page
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
    assert "tabbed_translation_fields.js" in page


def test_draft_preview_publish_and_read(staff_client, client):
    response = staff_client.post(ADD_URL, release_form(image=png_upload()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title_lo="ກອງປະຊຸມທົດລອງ")
    assert (article.status, article.slug, article.image_width) == ("draft", "test-meeting", 64)
    assert not article.image.name.endswith("meeting.png")

    staff_client.logout()
    assert client.get(f"/lo/news/{article.pk}/").status_code == 404

    staff_client.force_login(User.objects.get(username="publisher"))
    change_url = f"/admin/articles/article/{article.pk}/change/"
    assert f"/lo/news/preview/{article.pk}/" in staff_client.get(change_url).text
    preview = staff_client.get(f"/en/news/preview/{article.pk}/")
    assert "Test meeting" in visible_text(preview.text)

    token = edit_token_of(staff_client, change_url)
    response = staff_client.post(change_url, release_form(status="published", edit_token=token))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live

    staff_client.logout()
    lao = client.get(f"/lo/news/{article.pk}/", follow=True)
    assert lao.status_code == 200
    assert "ກອງປະຊຸມທົດລອງ" in visible_text(lao.text)
    assert 'alt="ຮູບກອງປະຊຸມ"' in lao.text and 'width="64" height="48"' in lao.text
    english = client.get(f"/en/news/{article.pk}/", follow=True)
    assert 'alt="The meeting room"' in english.text
    assert "Test meeting" in visible_text(client.get("/en/").text)
    assert client.get(article.image.url).status_code == 200


@pytest.mark.parametrize(
    ("language", "message"), [("en", "1 release published."), ("lo", "ເຜີຍແຜ່ແລ້ວ 1 ຂ່າວ.")]
)
def test_publish_action(staff_client, language, message):
    draft = Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    response = staff_client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [draft.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert message in unmarked(response.text)
    draft.refresh_from_db()
    assert draft.is_live


def test_image_without_alt_text_is_refused_with_a_message(staff_client):
    response = staff_client.post(
        ADD_URL, release_form(image=png_upload(), image_alt_lo="", image_alt_en="")
    )
    assert response.status_code == 200
    assert "Describe the image for readers who cannot see it." in response.text
    assert not Article.objects.exists()


def test_lao_title_and_body_are_required(staff_client):
    response = staff_client.post(ADD_URL, release_form(title_lo="", body_lo=""))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"title_lo", "body_lo"} <= set(errors)
    assert not Article.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(staff_client):
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = staff_client.post(ADD_URL, release_form(image=fake))
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_staff_switch_the_admin_to_lao_and_back(staff_client):
    assert "Press releases and their sections and topics" in staff_client.get("/admin/").text
    Article.objects.create(title_lo="ຮ່າງ", body_lo="ເນື້ອໃນ")
    response = staff_client.post("/i18n/setlang/", {"language": "lo", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = unmarked(staff_client.get("/admin/articles/article/").text)
    assert '<html lang="lo"' in page
    for lao in ("ກະຊວງເຕັກໂນໂລຊີ ແລະ ການສື່ສານ: ຂ່າວເຜີຍແຜ່", "ພາສາອັງກິດ", "ຖອນຂ່າວທີ່ເລືອກອອກ"):
        assert lao in page
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert '<html lang="en"' in staff_client.get("/admin/").text


def test_a_save_that_meets_a_locked_database_is_a_page_to_go_back_from(staff_client, monkeypatch):
    """SQLite's one writer: a save that waited past the timeout is rolled back and says so."""
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Article, "save", locked)
    response = staff_client.post(ADD_URL, release_form(title_lo="ຂ່າວທີ່ລໍຖ້າ"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "ການປ່ຽນແປງຂອງທ່ານຍັງບໍ່ໄດ້ບັນທຶກ" in unmarked(response.text)
    assert "go back and save again" in response.text
    monkeypatch.undo()
    assert not Article.objects.filter(title_lo="ຂ່າວທີ່ລໍຖ້າ").exists()
    assert staff_client.post(ADD_URL, release_form(title_lo="ຂ່າວທີ່ລໍຖ້າ")).status_code == 302


def test_publishing_in_the_admin_stores_the_parts_its_readers_see(staff_client, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = staff_client.post(ADD_URL, release_form(status="published"))
    assert response.status_code == 302
    article = Article.objects.get(title_lo="ກອງປະຊຸມທົດລອງ")
    key = rendered.render_key("http://testserver")
    assert article.rendered["lo"]["key"] == article.rendered["en"]["key"] == key
    assert article.teasers["lo"]["key"] == article.teasers["en"]["key"] == key
    staff_client.logout()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.url_in("en")).text
    assert "Test meeting" in visible_text(page)
    # The first reader after the save reads the stored parts: nothing is rendered again.
    assert not [query for query in queries if query["sql"].startswith("UPDATE")]
