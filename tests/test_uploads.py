"""Uploads are judged by content: a corpus of hostile files is refused, good images are cleaned."""

import io
import struct
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from articles.models import Article
from articles.uploads import clean_image, validate_image, validate_pdf
from tests.pages import unmarked
from tests.test_admin import ADD_URL, release_form, staff_client  # noqa: F401

SCRIPT = b"<script>alert(document.domain)</script>"


@pytest.fixture(autouse=True)
def english():
    """Messages read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def image_bytes(image_format="PNG", size=(64, 48), mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 1).save(
        buffer, format=image_format, **options
    )
    return buffer.getvalue()


def png_with_dimensions(width, height):
    """A real 1×1 PNG whose header claims another size: a bomb that costs nothing to make."""
    data = bytearray(image_bytes(size=(1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def gps_exif(orientation=1):
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SecretCam"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (17.0, 58.0, 0.0)
    return exif


def pdf_bytes(javascript=None, password=None):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_chunk_png(text):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    return image_bytes(pnginfo=info)


def animated_png():
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


# name, content, what the admin says
HOSTILE_IMAGES = {
    "html renamed .jpg": ("photo.jpg", b"<!DOCTYPE html><html>" + SCRIPT, "not one of them"),
    "svg with script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + SCRIPT + b"</svg>",
        "not one of them",
    ),
    "svg renamed .png": ("logo.png", b"<svg onload=alert(1)></svg>", "not one of them"),
    "gif/js polyglot": ("anim.gif", b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1);", "not one"),
    "real gif": ("anim.gif", image_bytes("GIF"), "not one of them"),
    "real bmp": ("scan.bmp", image_bytes("BMP"), "not one of them"),
    "real tiff": ("scan.tif", image_bytes("TIFF"), "not one of them"),
    "pdf renamed .jpg": ("photo.jpg", pdf_bytes(), "not one of them"),
    "png+html polyglot": ("photo.png", image_bytes() + b"<html>" + SCRIPT, "extra data"),
    "jpeg+js polyglot": ("photo.jpg", image_bytes("JPEG") + b"*/=alert(1)//", "extra data"),
    "webp+html polyglot": ("photo.webp", image_bytes("WEBP") + b"<html>" + SCRIPT, "extra data"),
    "png with html in a text chunk": (
        "photo.png",
        text_chunk_png('<svg onload="alert(1)">'),
        "web page or script code",
    ),
    "png with script in a text chunk": ("photo.png", text_chunk_png("<script>x</script>"), "code"),
    "jpeg with script in its comment": (
        "photo.jpg",
        image_bytes("JPEG", comment=b"<img src=x onerror=alert(1)>"),
        "web page or script code",
    ),
    "truncated png": ("photo.png", image_bytes(size=(300, 200))[:400], "damaged or incomplete"),
    "truncated jpeg": ("photo.jpg", image_bytes("JPEG", size=(300, 200))[:300], "damaged"),
    "decompression bomb (header)": ("bomb.png", png_with_dimensions(100_000, 100_000), "pixels"),
    "decompression bomb (real)": ("bomb.png", image_bytes(size=(8000, 6000), mode="1"), "pixels"),
    "animated png": ("anim.png", animated_png(), "Animated images are not accepted"),
    "png named .jpg": ("photo.jpg", image_bytes(), "ends in “.jpg” but the file is a PNG"),
    "jpeg named .html": ("page.html", image_bytes("JPEG"), "ends in “.html”"),
    "png named .php.png.svg": ("x.php.png.svg", image_bytes(), "ends in “.svg”"),
    "jpeg named without extension": ("photo", image_bytes("JPEG"), "ends in “…”"),
}


def media_files():
    return sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("name", "content", "message"), HOSTILE_IMAGES.values(), ids=HOSTILE_IMAGES
)
def test_hostile_images_are_refused_through_the_admin(staff_client, name, content, message):  # noqa: F811
    before = media_files()
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = staff_client.post(ADD_URL, release_form(image=upload))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"]
    assert message in errors["image"][0]
    assert message in response.text.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert not Article.objects.exists()
    assert media_files() == before


def test_the_refusal_is_in_lao_for_lao_staff(staff_client):  # noqa: F811
    upload = SimpleUploadedFile("photo.jpg", b"<html>" + SCRIPT)
    response = staff_client.post(ADD_URL, release_form(image=upload), HTTP_ACCEPT_LANGUAGE="lo")
    assert "ກະລຸນາອັບໂຫຼດຮູບ JPEG, PNG ຫຼື WebP" in unmarked(response.text)


def test_an_image_over_the_size_limit_is_refused(staff_client, settings):  # noqa: F811
    settings.UPLOAD_MAX_IMAGE_BYTES = 1000
    upload = SimpleUploadedFile("photo.png", image_bytes(size=(400, 300), mode="RGB"))
    upload = SimpleUploadedFile("photo.png", upload.read() + b"\0" * 1000)
    response = staff_client.post(ADD_URL, release_form(image=upload))
    assert "The file is too large" in response.text
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("a.jpg", "JPEG"), ("b.JPEG", "JPEG"), ("c.png", "PNG"), ("d.webp", "WEBP")],
)
def test_good_images_are_stored_reencoded_without_metadata(staff_client, name, image_format):  # noqa: F811
    # A phone photo taken sideways, with its position and camera in EXIF.
    content = image_bytes(image_format, size=(60, 40), exif=gps_exif(orientation=6))
    response = staff_client.post(ADD_URL, release_form(image=SimpleUploadedFile(name, content)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[image_format]
    assert article.image.name.endswith(suffix)
    assert (article.image_width, article.image_height) == (40, 60)
    stored = article.image.read()
    assert b"SecretCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == image_format
        assert not image.getexif()
        assert "exif" not in image.info


def test_transparent_png_keeps_its_transparency():
    content = image_bytes(size=(10, 10), mode="RGBA")
    cleaned = clean_image(SimpleUploadedFile("logo.png", content))
    with Image.open(cleaned) as image:
        assert image.mode == "RGBA"


def test_validate_image_tells_the_format_and_size():
    checked = validate_image(SimpleUploadedFile("x.webp", image_bytes("WEBP", size=(30, 20))))
    assert (checked.format, checked.width, checked.height) == ("WEBP", 30, 20)


HOSTILE_PDFS = {
    "javascript": ("report.pdf", pdf_bytes(javascript="app.alert(1)"), "scripts or actions"),
    "escaped javascript name": (
        "report.pdf",
        pdf_bytes().replace(b"%%EOF", b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>\n%%EOF"),
        "scripts or actions",
    ),
    "launch action": (
        "report.pdf",
        pdf_bytes().replace(b"%%EOF", b"<< /S /Launch /F (cmd.exe) >>\n%%EOF"),
        "scripts or actions",
    ),
    "pdf/html polyglot": ("report.pdf", b"%PDF-1.4\n<html>" + SCRIPT + b"\n%%EOF", "script code"),
    "truncated": ("report.pdf", pdf_bytes()[:200], "damaged"),
    "no pages, garbage body": ("report.pdf", b"%PDF-1.7\n" + b"x" * 500 + b"\n%%EOF\n", "damaged"),
    "password-protected": ("report.pdf", pdf_bytes(password="secret"), "password-protected"),
    "html renamed .pdf": ("report.pdf", b"<!doctype html>" + SCRIPT, "not one"),
    "pdf named .exe": ("report.exe", pdf_bytes(), "ends in “.exe”"),
    "png renamed .pdf": ("report.pdf", image_bytes(), "not one"),
}


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_PDFS.values(), ids=HOSTILE_PDFS)
def test_hostile_pdfs_are_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        validate_pdf(SimpleUploadedFile(name, content))
    assert message in refused.value.messages[0]


def test_a_plain_pdf_is_accepted():
    validate_pdf(SimpleUploadedFile("Report.PDF", pdf_bytes()))


def test_a_pdf_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_PDF_BYTES = 100
    with pytest.raises(ValidationError, match="too large"):
        validate_pdf(SimpleUploadedFile("report.pdf", pdf_bytes()))
