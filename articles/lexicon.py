"""Lao words that staff add in the admin: a new minister's name, a place, a programme.

ICU and the shipped word lists (``articles/lao/words/``) cannot know the names
in next month's news. Staff add them as :class:`LaoWord`; every page segments
with them from the next request on, in every process: the list lives in the
shared cache and the database, and each process checks it once per request
before its first Lao text, rebuilding its segmenter only when the list changed.
"""

import re
from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.signals import request_started
from django.db import models, transaction
from django.db.models import signals
from django.utils.translation import gettext_lazy as _

from .lao.segment import BUNDLED, LONGEST_LISTED_WORD, lookup_form
from .lao.text import clean_for_storage

WORDS_KEY = "lao-words"
_LAO_WORD = re.compile("[\u0e81-\u0edd]+")


class LaoWord(models.Model):
    word = models.CharField(
        _("word"),
        max_length=LONGEST_LISTED_WORD,
        unique=True,
        help_text=_(
            "One word in Lao letters, with no spaces, as it is written in releases: "
            "lines will never break inside it."
        ),
    )
    meaning = models.CharField(
        _("meaning"),
        max_length=200,
        blank=True,
        help_text=_("Who or what it is, for other staff, e.g. the new vice-minister's name."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("Lao word")
        verbose_name_plural = _("Lao words")
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        self.word = clean_for_storage(self.word.strip())
        if not _LAO_WORD.fullmatch(self.word):
            raise ValidationError(
                {"word": _("Write one word in Lao letters only, without spaces or punctuation.")}
            )
        if len(self.word) < 2:
            raise ValidationError({"word": _("A word needs at least two Lao letters.")})
        others = LaoWord.objects.exclude(pk=self.pk).values_list("word", flat=True)
        same = [word for word in others if lookup_form(word) == lookup_form(self.word)]
        if same:
            raise ValidationError(
                {"word": _("The list already has this word, spelled %(word)s.") % {"word": same[0]}}
            )


class _Segmenters:
    """This process's segmenter and the staff words it was built with."""

    words = ()
    segmenter = BUNDLED
    checked = False


def staff_words():
    """The words staff added, from the shared cache, read from the database on a miss."""
    try:
        words = cache.get(WORDS_KEY)
    except OSError:
        words = None
    if words is None:
        # From the primary: a lagging replica could put the old list back in the cache.
        words = tuple(LaoWord.objects.using("default").values_list("word", flat=True))
        with suppress(OSError):
            cache.set(WORDS_KEY, words, timeout=None)
    return words


def segmenter():
    """The segmenter that knows the shipped lists and the staff's words, as of this request."""
    if not _Segmenters.checked:
        words = staff_words()
        if words != _Segmenters.words:
            _Segmenters.segmenter = BUNDLED.with_words(words) if words else BUNDLED
            _Segmenters.words = words
        _Segmenters.checked = True
    return _Segmenters.segmenter


def words_in_use():
    """The staff's words as this request reads them: read once per request, with the
    segmenter, so the words a page's stored parts were marked with are these."""
    segmenter()
    return _Segmenters.words


def words(text):
    """Split text into words, knowing the staff's words too."""
    return segmenter().words(text)


def check_again(**kwargs):
    """Read the list again before the next Lao text: a new request may follow a change."""
    _Segmenters.checked = False


def _forget_words():
    from .pagecache import forget_every_page

    _Segmenters.checked = False
    try:
        cache.delete(WORDS_KEY)
    except OSError as error:
        forget_every_page(error)


def _words_changed(sender, instance, **kwargs):
    """A word changes where lines may break on any page that shows it."""
    from .pagecache import SITE_TAG, touch

    _forget_words()
    transaction.on_commit(_forget_words)
    touch({SITE_TAG})


def connect_signals():
    request_started.connect(check_again)
    signals.post_save.connect(_words_changed, sender=LaoWord)
    signals.post_delete.connect(_words_changed, sender=LaoWord)
