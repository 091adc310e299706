"""A release's photo gallery: ordered photos, each with alt text and a caption per language.

Photos get the same renditions as the featured image (articles/images.py), made
once when a photo is saved, and the same upload checks (articles/uploads.py).
"""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import Picture, delete_renditions, make_renditions
from .uploads import validate_image


def validate_image_format(file):
    """Gallery photos pass the same content checks as every uploaded image."""
    validate_image(file)


def gallery_path(photo, filename):
    """Store uploads under a name of our own; never trust the uploader's."""
    suffix = PurePath(filename).suffix.lower()
    return f"gallery/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class GalleryImage(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="gallery",
    )
    image = models.ImageField(
        _("photo"),
        upload_to=gallery_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_format],
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    renditions = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("gallery photo")
        verbose_name_plural = _("photo gallery")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_lo or self.alt_en or self.image.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.renditions.get("source") != self.image.name:
            old = self.renditions
            self.renditions = make_renditions(self.image)
            type(self).objects.filter(pk=self.pk).update(renditions=self.renditions)
            delete_renditions(old, self.image.storage)

    @property
    def picture(self):
        return (
            Picture(self.renditions, self.image.storage) if self.renditions.get("files") else None
        )


@dataclass(frozen=True)
class Photo:
    """One gallery photo as a reader of one language sees it."""

    picture: Picture
    alt: str
    caption: str


def photos_for(article, language):
    """The gallery in the language of the text shown, so alt text matches the page."""
    return [
        Photo(
            photo.picture, getattr(photo, f"alt_{language}"), getattr(photo, f"caption_{language}")
        )
        for photo in article.gallery.all()
        if photo.picture
    ]
