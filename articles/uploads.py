"""Checks and clean-up for uploaded files, judged by their content and never by their name.

Only JPEG, PNG and WebP images and PDF documents are accepted. An image must
be one whole picture of that format within the size and pixel limits, with
nothing before or after it; it is then decoded and saved again, which drops
EXIF (GPS position, camera serial), comments and anything hidden in it. A PDF
must be one whole PDF without JavaScript or launch actions. Either is refused
if it carries HTML or script markup, so no upload can become a page or script.
"""

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Pillow names the formats; each has its magic bytes, the name endings staff
# may use for it and the one we store it under.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", (".jpg", ".jpeg"), ".jpg"),
    "PNG": ("image/png", (".png",), ".png"),
    "WEBP": ("image/webp", (".webp",), ".webp"),
}
PDF_SUFFIXES = (".pdf",)

# Markup that would make a browser (or a careless proxy) treat bytes as a page or a
# script. Signatures of five bytes or more are looked for everywhere: in compressed
# data they turn up by chance about once in 2,500 files of 10 MB. Shorter ones are
# looked for only where text lives: the first bytes (what browsers sniff) and the
# image's text metadata (comments, EXIF, XMP, PNG text chunks).
_MARKUP = re.compile(
    rb"<\s*(?:script|iframe|object|embed|html|body|!doctype|\?php)|javascript:", re.IGNORECASE
)
_MARKUP_IN_TEXT = re.compile(
    rb"<\s*(?:svg|img|meta|a|link|style|form|base)[\s/>]|\bon[a-z]+\s*=", re.IGNORECASE
)
SNIFFED_BYTES = 1024
# Pillow refuses larger images itself (DecompressionBombWarning, made an error below).
Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS
# PDF actions that run code or programs; names may hide letters as #xx escapes.
_PDF_ACTIVE_CONTENT = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia|XFA)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int


def _read(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _check_size(file, limit):
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )


def _check_no_markup(data, text=b""):
    if _MARKUP.search(data) or _MARKUP_IN_TEXT.search(data[:SNIFFED_BYTES] + b"\n" + text):
        raise ValidationError(
            _("The file contains web page or script code hidden in it."), code="markup"
        )


def _sniff_image(data):
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise ValidationError(
        _("Upload a JPEG, PNG or WebP image. This file is not one of them."),
        code="image_type",
    )


def _check_suffix(name, suffixes, kind):
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in suffixes:
        raise ValidationError(
            _("The file name ends in “%(suffix)s” but the file is a %(kind)s."),
            code="wrong_suffix",
            params={"suffix": suffix or "…", "kind": kind},
        )


def _check_nothing_after_the_image(data, image_format):
    """Data after the picture's end is how image/HTML and image/script polyglots are built."""
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        trailing = data[end + 8 :] if end >= 0 else b""
    elif image_format == "JPEG":
        end = data.rfind(b"\xff\xd9")
        trailing = data[end + 2 :] if end >= 0 else b""
    else:
        riff_size = int.from_bytes(data[4:8], "little") + 8
        trailing = data[riff_size + (riff_size % 2) :]
    if trailing.strip(b"\0\r\n\t "):
        raise ValidationError(
            _("The file has extra data after the picture. Save it again from an image editor."),
            code="trailing_data",
        )


def _decode(data, image_format):
    """Fully decode the picture; bombs, truncation and format mismatches raise ValidationError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[image_format]) as image:
                if getattr(image, "n_frames", 1) > 1:
                    raise ValidationError(
                        _("Animated images are not accepted; upload a still picture."),
                        code="animated",
                    )
                image.verify()
            image = Image.open(io.BytesIO(data), formats=[image_format])
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                _("The image has too many pixels; at most %(limit)s million are accepted."),
                code="too_many_pixels",
                params={"limit": Image.MAX_IMAGE_PIXELS // 1_000_000},
            ) from error
        except ValidationError:
            raise
        except Exception as error:
            raise ValidationError(
                _("The image is damaged or incomplete. Save it again from an image editor."),
                code="image_broken",
            ) from error
    return image


def _metadata_text(image):
    """The text an image carries besides its pixels, where markup could hide."""
    values = [*image.info.values(), *getattr(image, "text", {}).values()]
    return b"\n".join(
        value.encode("utf-8", "replace") if isinstance(value, str) else value
        for value in values
        if isinstance(value, str | bytes)
    )


def validate_image(file):
    """Check an uploaded image by its content; return its format and size, or raise."""
    _check_size(file, settings.UPLOAD_MAX_IMAGE_BYTES)
    data = _read(file)
    image_format = _sniff_image(data)
    _check_suffix(file.name, IMAGE_FORMATS[image_format][1], image_format)
    _check_nothing_after_the_image(data, image_format)
    with _decode(data, image_format) as image:
        _check_no_markup(data, _metadata_text(image))
        return CheckedImage(image_format, *image.size)


def clean_image(file):
    """A re-encoded copy of a valid image: upright, without metadata, under a name of ours."""
    checked = validate_image(file)
    with _decode(_read(file), checked.format) as image:
        upright = ImageOps.exif_transpose(image)
        # Only what the picture needs to look right: no EXIF, XMP or comments.
        upright.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
        options = {"icc_profile": image.info.get("icc_profile")}
        if checked.format == "JPEG":
            if upright.mode not in ("RGB", "L", "CMYK"):
                upright = upright.convert("RGB")
            options.update(quality=90, optimize=True)
        elif checked.format == "WEBP":
            options.update(quality=90)
        else:
            options.update(optimize=True)
        output = io.BytesIO()
        upright.save(output, format=checked.format, **options)
    content_type, _suffixes, suffix = IMAGE_FORMATS[checked.format]
    return SimpleUploadedFile(f"image{suffix}", output.getvalue(), content_type=content_type)


def validate_pdf(file):
    """Check an uploaded PDF by its content: one whole document, without active content."""
    from pypdf import PdfReader

    _check_size(file, settings.UPLOAD_MAX_PDF_BYTES)
    data = _read(file)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Upload a PDF document. This file is not one."), code="pdf_type")
    _check_suffix(file.name, PDF_SUFFIXES, "PDF")
    _check_no_markup(data)
    names = _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data)
    if _PDF_ACTIVE_CONTENT.search(names):
        raise ValidationError(
            _("The PDF contains scripts or actions that start programs; these are not accepted."),
            code="pdf_active",
        )
    if b"%%EOF" not in data[-2048:]:
        raise _broken_pdf()
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted or len(reader.pages) == 0:
            raise _broken_pdf()
    except ValidationError:
        raise
    except Exception as error:
        raise _broken_pdf() from error


def _broken_pdf():
    return ValidationError(
        _("The PDF is damaged, incomplete or password-protected. Export it again."),
        code="pdf_broken",
    )


class CleanImageField(forms.FileField):
    """An image upload field that checks the file and hands on the re-encoded copy."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else clean_image(upload)
