"""Official documents: the PDFs a release carries, each in one language."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uploads import validate_pdf


class Language(models.TextChoices):
    LAO = "lo", _("Lao")
    ENGLISH = "en", _("English")


def document_path(attachment, filename):
    """Store uploads under a name of our own; never trust the uploader's."""
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    title = models.CharField(
        _("document title"), max_length=300, help_text=_("Written in the document's language.")
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=document_path,
        validators=[validate_pdf],
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["language", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.size = self.file.size
        super().save(*args, **kwargs)
