"""Photo galleries and documents through the admin: only real JPEG, PNG, WebP and PDF files."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, GalleryImage
from tests.conftest import pdf_upload
from tests.pages import visible_text
from tests.test_admin import edit_token_of, release_form


def image_upload(pillow_format, name, size=(800, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 138)).save(buffer, format=pillow_format)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def publisher(client, db):
    client.force_login(User.objects.create_superuser("bounmy", "b@example.org", "x"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def release(db):
    return Article.objects.create(title_lo="ກອງປະຊຸມ", body_lo="ເນື້ອໃນ", status="published")


def post_with(client, article, gallery=(), attachments=()):
    url = f"/admin/articles/article/{article.pk}/change/"
    form = release_form(edit_token=edit_token_of(client, url), status="published")
    for prefix, rows in (("gallery", gallery), ("attachments", attachments)):
        form[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            form.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return client.post(url, form)


@pytest.mark.parametrize(
    ("pillow_format", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")]
)
def test_gallery_accepts_jpeg_png_webp_and_makes_renditions_once(
    publisher, release, pillow_format, name
):
    photo = {"image": image_upload(pillow_format, name), "alt_lo": "ຫ້ອງປະຊຸມ", "position": "1"}
    assert post_with(publisher, release, gallery=[photo]).status_code == 302
    saved = GalleryImage.objects.get()
    renditions = saved.renditions
    assert [f["width"] for f in renditions["files"]] == [360, 360, 720, 720, 800, 800]
    saved.caption_en = "The meeting room"
    saved.save()
    assert saved.renditions == renditions  # not made again


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(image_upload("GIF", "a.gif"), id="gif"),
        pytest.param(image_upload("BMP", "photo.jpg"), id="bmp-named-jpg"),
        pytest.param(SimpleUploadedFile("photo.png", b"<svg></svg>"), id="not-an-image"),
    ],
)
def test_gallery_refuses_other_files(publisher, release, upload):
    upload.seek(0)
    response = post_with(
        publisher, release, gallery=[{"image": upload, "alt_lo": "ຮູບ", "position": "0"}]
    )
    assert response.status_code == 200
    assert not GalleryImage.objects.exists()


def test_featured_image_must_be_jpeg_png_or_webp(publisher, release):
    url = f"/admin/articles/article/{release.pk}/change/"
    form = release_form(
        edit_token=edit_token_of(publisher, url), image=image_upload("GIF", "a.gif")
    )
    response = publisher.post(url, form)
    assert "Upload a JPEG, PNG or WebP image." in response.text


def test_readers_see_the_gallery_in_their_language(publisher, release, client):
    photo = {
        "image": image_upload("JPEG", "a.jpg"),
        "alt_lo": "ຫ້ອງປະຊຸມ",
        "alt_en": "The meeting room",
        "caption_en": "Delegates at the meeting",
        "position": "0",
    }
    post_with(publisher, release, gallery=[photo])
    page = client.get(f"/en/news/{release.pk}/", follow=True).text
    assert 'alt="The meeting room"' in page and "Delegates at the meeting" in visible_text(page)
    assert 'alt="ຫ້ອງປະຊຸມ"' in client.get(f"/lo/news/{release.pk}/", follow=True).text


def test_documents_must_be_pdfs(publisher, release):
    fake = pdf_upload("decision.pdf", b"MZ\x90\x00 not a pdf")
    row = {"language": "lo", "title": "ຂໍ້ຕົກລົງ", "file": fake}
    response = post_with(publisher, release, attachments=[row])
    assert "Upload a PDF document. This file is not one." in response.text
    real = {"language": "lo", "title": "ຂໍ້ຕົກລົງ", "file": pdf_upload()}
    assert post_with(publisher, release, attachments=[real]).status_code == 302
    assert release.attachments.get().size > 0


def test_translator_writes_english_captions_but_not_the_photos(client, release):
    photo = GalleryImage.objects.create(
        article=release, image=image_upload("JPEG", "a.jpg"), alt_lo="ຫ້ອງປະຊຸມ"
    )
    translator = User.objects.create_user("kham", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translator"))
    client.force_login(translator)
    url = f"/admin/articles/article/{release.pk}/change/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    form = release_form(edit_token=page.context["adminform"].form["edit_token"].value())
    # A browser sends no disabled field: not the Lao text, status or dates.
    for name in ("title_lo", "summary_lo", "body_lo", "source_lo", "image_alt_lo", "status"):
        del form[name]
    for name in ("event_date", "published_at_0", "published_at_1", "slug", "section"):
        del form[name]
    form.update(
        {
            "gallery-TOTAL_FORMS": "1",
            "gallery-INITIAL_FORMS": "1",
            "gallery-0-id": str(photo.pk),
            "gallery-0-article": str(release.pk),
            "gallery-0-alt_en": "The meeting room",
            "gallery-0-alt_lo": "ແກ້ໄຂບໍ່ໄດ້",
        }
    )
    assert client.post(url, form).status_code == 302
    photo.refresh_from_db()
    assert (photo.alt_en, photo.alt_lo) == ("The meeting room", "ຫ້ອງປະຊຸມ")
    gallery = page.context["inline_admin_formsets"][0]
    assert not gallery.has_add_permission and not gallery.has_delete_permission
