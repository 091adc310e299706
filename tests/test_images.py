import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import FALLBACK_WIDTH, WIDTHS, widths_for
from tests.conftest import photo_upload, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("original", "widths"),
    [
        (3000, [360, 720, 1080, 1440]),
        (1440, [360, 720, 1080, 1440]),
        (800, [360, 720, 800]),
        (64, [64]),
    ],
)
def test_widths_never_enlarge(original, widths):
    assert widths_for(original) == widths


def test_renditions_are_made_and_stored_once_when_the_image_is_saved():
    article = publish(image=photo_upload(), image_alt_lo="ຮູບ")
    files = article.image_renditions["files"]
    assert article.image_renditions["source"] == article.image.name
    assert {(f["width"], f["type"]) for f in files} == {
        (width, mime) for width in WIDTHS for mime in ("image/webp", "image/jpeg")
    }
    for rendition in files:
        assert default_storage.exists(rendition["name"])
        with default_storage.open(rendition["name"]) as stored, Image.open(stored) as image:
            assert image.size == (rendition["width"], rendition["height"])
            assert image.format == {"image/webp": "WEBP", "image/jpeg": "JPEG"}[rendition["type"]]
    assert files[0]["height"] == round(900 * files[0]["width"] / 1600)

    article.title_lo = "ແກ້ໄຂຫົວຂໍ້"
    article.save()
    article.refresh_from_db()
    assert article.image_renditions["files"] == files  # not made again


def test_a_replaced_or_removed_image_takes_its_renditions_along():
    article = publish(image=photo_upload(), image_alt_lo="ຮູບ")
    old = [f["name"] for f in article.image_renditions["files"]]
    article.image = photo_upload(800, 600, "other.png")
    article.save()
    assert not any(default_storage.exists(name) for name in old)
    assert {f["width"] for f in article.image_renditions["files"]} == {360, 720, 800}
    current = [f["name"] for f in article.image_renditions["files"]]
    article.image = None
    article.save()
    article.refresh_from_db()
    assert article.image_renditions == {} and article.picture is None
    assert not any(default_storage.exists(name) for name in current)


def test_picture_gives_srcsets_a_fallback_and_the_largest():
    picture = publish(image=photo_upload(), image_alt_lo="ຮູບ").picture
    assert picture.webp_srcset.count("w, ") == 3 and picture.webp_srcset.endswith("1440w")
    assert ".webp 360w" in picture.webp_srcset and ".jpg 720w" in picture.jpeg_srcset
    assert picture.fallback.width == FALLBACK_WIDTH and picture.fallback.url.endswith(".jpg")
    assert (picture.largest.width, picture.largest.height) == (1440, 810)


def test_transparent_images_get_a_white_background_in_jpeg():
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 200), (0, 0, 0, 0)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    article = publish(image=upload, image_alt_lo="ໂລໂກ້")
    jpeg = next(f for f in article.image_renditions["files"] if f["type"] == "image/jpeg")
    with default_storage.open(jpeg["name"]) as stored, Image.open(stored) as image:
        assert image.getpixel((10, 10)) == (255, 255, 255)
