"""Sections and topics: how readers browse the archive besides by date.

A release belongs to one section (the ministry's fields of work) and may carry
several topics. Names are translated; slugs are ASCII, written by an editor,
because Django's slugify strips the vowels and tone marks out of Lao.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
SLUG_HELP = _("ASCII words for the address, e.g. digital-government.")


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Sections are listed in this order.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name_lo or self.slug

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def names(self):
        """Its name in each language: what the navigation shows of it."""
        return tuple(getattr(self, f"name_{code}") or "" for code, _name in settings.LANGUAGES)


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name_lo or self.slug

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


SECTIONS_KEY = "sections:navigation"


def navigation_sections():
    """Every section, kept in the cache: each page lists them, and they seldom change.

    Read from the primary database, so a lagging replica cannot put an old list
    back into the cache after an edit.
    """
    try:
        sections = cache.get(SECTIONS_KEY)
    except OSError as error:
        logger.warning("The cache could not be read (%s): reading the sections.", error)
        sections = None
    if sections is None:
        sections = list(Section.objects.using("default"))
        try:
            cache.set(SECTIONS_KEY, sections, timeout=None)
        except OSError as error:
            logger.warning("The cache could not keep the sections (%s).", error)
    return sections


def forget_sections():
    """Drop the kept list now and when the transaction commits, as pagecache.touch does."""
    _forget_sections()
    transaction.on_commit(_forget_sections)


def _forget_sections():
    """Logged, not raised, so that the save goes through. A delete fails only where
    the cache folder cannot be written at all, which manage.py check reports."""
    try:
        cache.delete(SECTIONS_KEY)
    except OSError as error:
        logger.error("The cache could not drop the sections (%s): menus may be stale.", error)
