"""Responsive renditions of a release's image, made once when the image is saved.

Phones on slow mobile networks should not download a camera's full-size photo,
so each upload is scaled to a few widths, in WebP with a JPEG fallback, and
stored through the image field's storage (the default storage), where every
app server can read them. Pages only read the stored list.
"""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

WIDTHS = (360, 720, 1080, 1440)
# Pillow's format name, file suffix, MIME type and quality per format, best first.
FORMATS = (("WEBP", "webp", "image/webp", 80), ("JPEG", "jpg", "image/jpeg", 82))
FALLBACK_WIDTH = 720  # what a browser without srcset support gets


def widths_for(original_width):
    """The standard widths narrower than the original, and the original when it is smaller."""
    widths = [width for width in WIDTHS if width < original_width]
    if original_width <= WIDTHS[-1] and original_width not in widths:
        widths.append(original_width)
    return widths


def _flatten(image):
    """JPEG has no transparency: draw transparent images on white."""
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def make_renditions(field_file):
    """Scale the stored image to every width and format, save each, and describe them."""
    storage = field_file.storage
    stem = PurePosixPath(field_file.name).with_suffix("")
    with field_file.open("rb") as source, Image.open(source) as opened:
        image = _flatten(ImageOps.exif_transpose(opened))
    files = []
    for width in widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        scaled = image.resize((width, height), Image.Resampling.LANCZOS)
        for pillow_format, suffix, mime, quality in FORMATS:
            buffer = io.BytesIO()
            scaled.save(buffer, format=pillow_format, quality=quality, optimize=True)
            name = storage.save(f"{stem}-{width}w.{suffix}", ContentFile(buffer.getvalue()))
            files.append({"name": name, "width": width, "height": height, "type": mime})
    return {"source": field_file.name, "files": files}


def delete_renditions(renditions, storage):
    for rendition in renditions.get("files", []):
        storage.delete(rendition["name"])


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


class Picture:
    """What a template needs for <picture>: a srcset per type, a fallback, the largest JPEG."""

    def __init__(self, renditions, storage):
        self._by_type = {}
        for rendition in renditions["files"]:
            self._by_type.setdefault(rendition["type"], []).append(
                Rendition(storage.url(rendition["name"]), rendition["width"], rendition["height"])
            )
        for versions in self._by_type.values():
            versions.sort(key=lambda rendition: rendition.width)

    def srcset(self, mime):
        return ", ".join(f"{r.url} {r.width}w" for r in self._by_type.get(mime, []))

    @property
    def webp_srcset(self):
        return self.srcset("image/webp")

    @property
    def jpeg_srcset(self):
        return self.srcset("image/jpeg")

    @property
    def fallback(self):
        jpegs = self._by_type["image/jpeg"]
        return next((r for r in jpegs if r.width >= FALLBACK_WIDTH), jpegs[-1])

    @property
    def largest(self):
        return self._by_type["image/jpeg"][-1]
