"""A press release, written in Lao and translated into English."""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Aggregate, Count, F, JSONField, OuterRef, Q, Subquery, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce, JSONObject, TruncMonth
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import pagecache, search
from .documents import Attachment
from .gallery import GalleryImage
from .images import Picture, delete_renditions, make_renditions
from .lao.text import clean_for_storage
from .lexicon import LaoWord  # noqa: F401 (a model of this app)
from .taxonomy import Section, Topic

__all__ = ["Article", "Attachment", "GalleryImage", "Section", "Topic"]

ORIGINAL_LANGUAGE = "lo"
# The newest releases weighed for each way of being related (a shared topic, the
# section): with two topics on each of 100,000 releases, PostgreSQL ranks 50 in
# about 2 ms and 200 in 4.5 ms, on every uncached release page.
RELATED_CANDIDATES = 50
DEFAULT_SLUG = "release"
SEARCH_FIELDS = ("search_vector",)  # large, and never shown to readers
# The stored HTML of a release's own parts (articles/rendered.py): read by key.
STORED_FIELDS = (*SEARCH_FIELDS, "rendered", "teasers")


def released_by_now(prefix="", now=None):
    """Released, and its publication time (by `now`, default the present) has come: what
    readers may see. `prefix` reaches releases from another model, as in `articles__`."""
    return Q(
        **{
            f"{prefix}status__in": Article.RELEASED,
            f"{prefix}published_at__lte": now or timezone.now(),
        }
    )


class JSONList(Aggregate):
    """The aggregated values as one JSON array, on PostgreSQL and SQLite alike."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: released, and its publication time has come."""
        return self.filter(released_by_now()).defer(*STORED_FIELDS)

    def with_topics(self):
        """Carry each release's topics in its own row, read by `Article.topic_list`.

        One query fewer than prefetching them, on every release page and feed.
        """
        through = Article.topics.through
        names = {f"name_{code}": f"topic__name_{code}" for code, _name in settings.LANGUAGES}
        topics = (
            through.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(items=JSONList(JSONObject(id="topic_id", slug="topic__slug", **names)))
            .values("items")
        )
        return self.annotate(topic_fields=Subquery(topics, output_field=JSONField()))

    def with_stored_teasers(self, language):
        """Only what a list shows of each release: its stored teasers in `language`, as
        `stored` (rendered.with_current_teasers renders and stores those out of date)."""
        return self.only("pk", "published_at").annotate(stored=KeyTransform(language, "teasers"))

    def english_missing(self):
        return self.exclude(pk__in=self.in_language("en"))

    def english_stale(self):
        """English written, but the Lao original changed after the English was last edited."""
        return self.in_language("en").filter(lo_edited_at__gt=F("en_edited_at"))

    def english_current(self):
        return self.in_language("en").exclude(lo_edited_at__gt=F("en_edited_at"))

    def search(self, text):
        """Releases matching every word of text, in any language and common spelling, best first."""
        return search.search(self, text)

    def in_language(self, language):
        """Releases whose `language` version is written (see Article.has_language)."""
        return self.exclude(**{f"title_{language}": ""}).exclude(**{f"body_{language}": ""})

    def months(self):
        """Each month that has releases, newest first, with how many it has (local time)."""
        return (
            self.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )

    def related_to(self, section_id, topics, *, limit, now=None):
        """The `limit` published releases sharing most of `topics` (ids) or the section,
        newest first among equals: a release's related releases, once it is left out
        (articles/rendered.py keeps them for every release of that section and topics).

        Only the newest RELATED_CANDIDATES of the section and of each way of
        sharing a topic are weighed: a section of 30,000 releases would
        otherwise be counted whole on every release page. The candidates are
        one union the database reads from its indexes (as two `IN` tests joined
        by OR, PostgreSQL read the whole archive: 105 ms at 100,000 releases
        with two topics each), and they are ranked by id alone before the few
        kept are read whole. `now` is the present unless given
        (articles/prepared.py compiles this with a stand-in).
        """
        others = self.filter(released_by_now(now=now)).order_by("-published_at", "-pk")
        if not topics:  # the section's newest: no candidates to weigh
            if not section_id:
                return self.none()
            return others.filter(section_id=section_id).annotate(common_topics=Value(0))[:limit]
        others = others.values("pk")
        ways = [others.filter(topics__in=topics)]
        if section_id:
            ways.append(others.filter(section_id=section_id))
        # Each way's newest in a subquery of its own: SQLite allows no LIMIT in a union's parts.
        newest = [
            self.filter(pk__in=way[:RELATED_CANDIDATES]).order_by().values("pk") for way in ways
        ]
        ranked = self._by_common_topics(self.filter(pk__in=newest[0].union(*newest[1:])), topics)
        kept = self.filter(pk__in=ranked.values("pk")[:limit])
        return self._by_common_topics(kept, topics)

    @staticmethod
    def _by_common_topics(releases, topics):
        common = Article.topics.through.objects.filter(article=OuterRef("pk"), topic__in=topics)
        common = common.values("article").annotate(count=Count("*")).values("count")
        return releases.annotate(common_topics=Coalesce(Subquery(common), 0)).order_by(
            "-common_topics", "-published_at", "-pk"
        )


def featured_image_path(article, filename):
    """Store uploads under a name of our own; never trust the uploader's."""
    suffix = PurePath(filename).suffix.lower()
    return f"articles/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


@dataclass(frozen=True)
class Version:
    """The text a reader gets in one language, and whether it is really in that language."""

    language: str
    requested: str
    title: str
    summary: str
    body: str
    source: str
    image_alt: str
    image_caption: str

    @property
    def is_fallback(self):
        return self.language != self.requested


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Translation(models.TextChoices):
        MISSING = "missing", _("English missing")
        STALE = "stale", _("English out of date")
        CURRENT = "current", _("English current")

    # Readers see these once their publication time has come; only publishers set them.
    RELEASED = (Status.SCHEDULED, Status.PUBLISHED)

    TRANSLATED_TEXT = ("title", "summary", "body", "source", "image_alt", "image_caption")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One sentence shown in lists and previews.")
    )
    body = models.TextField(_("body"), help_text=_("Plain text; each line is a paragraph."))
    source = models.CharField(_("source credit"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_(
            "ASCII words for the address, made from the English title when left empty. "
            "Changing it later still redirects the old address."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Readers see the release from this time on. Empty means now, on publishing."),
    )
    event_date = models.DateField(_("event date"), null=True, blank=True)
    image = models.ImageField(
        _("featured image"),
        upload_to=featured_image_path,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    image_caption = models.CharField(_("image caption"), max_length=500, blank=True)
    image_renditions = models.JSONField(default=dict, editable=False)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="articles"
    )
    import_key = models.CharField(
        _("import key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Names the folder a release was imported from, so imports never duplicate."),
    )
    # When each language's text last changed: English older than Lao is out of date.
    lo_edited_at = models.DateTimeField(_("Lao last edited"), null=True, editable=False)
    en_edited_at = models.DateTimeField(_("English last edited"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Written on every save from the text fields (articles/search.py); the
    # tsvector column follows it in the database.
    search_vector = SearchVectorField(null=True, editable=False)
    # The HTML of its own parts in each language, rendered once after each change
    # (articles/rendered.py), and apart, small, the teasers lists show; every change
    # that shows on them counts up the generation.
    rendered = models.JSONField(default=dict, editable=False)
    teasers = models.JSONField(default=dict, editable=False)
    render_generation = models.PositiveBigIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # Readers' lists and search candidates: released, newest first.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["scheduled", "published"]),
                name="article_released_newest",
            ),
            # A section's page and count, and related releases.
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=Q(status__in=["scheduled", "published"]),
                name="article_section_newest",
            ),
            GinIndex(fields=["search_vector"], name="article_search_vector"),
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and withdraw press releases")),
            ("change_lao_text", _("Can change the Lao original of press releases")),
        ]

    def __str__(self):
        return self.title_lo or self.title_en or f"#{self.pk}"

    def save(self, *args, **kwargs):
        for name in self.TRANSLATED_TEXT:
            for code, _name in settings.LANGUAGES:
                field = f"{name}_{code}"
                setattr(self, field, clean_for_storage(getattr(self, field) or ""))
        if not self.slug and self.title_en:
            self.slug = slugify(self.title_en)[:120].strip("-")
        if self.status in self.RELEASED and self.published_at is None:
            self.published_at = timezone.now()
        if self.status == self.Status.PUBLISHED and self.published_at > timezone.now():
            self.status = self.Status.SCHEDULED
        self._stamp_edits()
        self._forget_rendered_parts(kwargs)
        database = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        self.search_vector = search.article_document(self, connections[database].vendor)
        super().save(*args, **kwargs)
        self._refresh_renditions()

    def get_absolute_url(self):
        when = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return reverse(
            "articles:detail",
            kwargs={
                "year": when.year,
                "month": when.month,
                "pk": self.pk,
                "slug": self.slug or DEFAULT_SLUG,
            },
        )

    def text_of(self, language):
        return {name: getattr(self, f"{name}_{language}") or "" for name in self.TRANSLATED_TEXT}

    def _stamp_edits(self):
        """Record when each language's text changed, for the translation status."""
        saved = None
        if self.pk:
            saved = type(self).objects.defer(*SEARCH_FIELDS).filter(pk=self.pk).first()
        now = timezone.now()
        for code, _name in settings.LANGUAGES:
            changed = saved is None or saved.text_of(code) != self.text_of(code)
            if changed and any(self.text_of(code).values()):
                setattr(self, f"{code}_edited_at", now)

    def _forget_rendered_parts(self, save_options):
        """The stored parts show the text as it was: empty them, and count the generation
        up in the database, never back from a stale copy, so that parts rendered from
        the old row are not stored over the change (articles/rendered.py)."""
        if self._state.adding:
            return
        self.rendered, self.teasers = {}, {}
        self.render_generation = F("render_generation") + 1
        if save_options.get("update_fields") is not None:
            save_options["update_fields"] = {
                *save_options["update_fields"],
                "rendered",
                "teasers",
                "render_generation",
            }

    @property
    def translation_status(self):
        if not self.has_language("en"):
            return self.Translation.MISSING
        if self.lo_edited_at and self.en_edited_at and self.lo_edited_at > self.en_edited_at:
            return self.Translation.STALE
        return self.Translation.CURRENT

    def _refresh_renditions(self):
        """Make renditions once per uploaded image, and drop those of a replaced one."""
        source = self.image.name if self.image else ""
        if self.image_renditions.get("source", "") == source:
            return
        storage = self.image.storage
        old = self.image_renditions
        self.image_renditions = make_renditions(self.image) if self.image else {}
        type(self).objects.filter(pk=self.pk).update(image_renditions=self.image_renditions)
        delete_renditions(old, storage)

    @property
    def picture(self):
        """The image's stored renditions for <picture>, or None without an image."""
        if not self.image or not self.image_renditions.get("files"):
            return None
        return Picture(self.image_renditions, self.image.storage)

    @property
    def topic_list(self):
        """Its topics by slug: from the row when `with_topics()` carried them, else queried."""
        if hasattr(self, "topic_fields"):
            return self._carried_topics
        return list(self.topics.all())

    @cached_property
    def _carried_topics(self):
        topics = [Topic(**fields) for fields in self.topic_fields or []]
        return sorted(topics, key=lambda topic: topic.slug)

    def attachments_for(self, language):
        """Official documents, those in the reader's language first."""
        return sorted(self.attachments.all(), key=lambda doc: (doc.language != language, doc.pk))

    def has_language(self, language):
        """A language version exists when its title and body are written."""
        return bool(
            getattr(self, f"title_{language}", "") and getattr(self, f"body_{language}", "")
        )

    @property
    def languages(self):
        return [code for code, _name in settings.LANGUAGES if self.has_language(code)]

    def version(self, language):
        """The text for a reader of `language`: the Lao original when no translation exists."""
        shown = language if self.has_language(language) else ORIGINAL_LANGUAGE
        fields = {name: getattr(self, f"{name}_{shown}") or "" for name in self.TRANSLATED_TEXT}
        return Version(language=shown, requested=language, **fields)

    def page_tags(self):
        """The cached reader pages that show this release (articles/pagecache.py).

        Empty while it is not released; a scheduled release counts, so saving it
        clears the pages it will appear on.
        """
        if self.status not in self.RELEASED or self.published_at is None or self.pk is None:
            return set()
        when = timezone.localtime(self.published_at)
        return {
            *self.own_page_tags(),
            "home",
            "search",
            "feeds",
            "sitemap",
            "archive",
            f"year:{when.year}",
            f"month:{when:%Y-%m}",
        }

    def own_page_tags(self):
        topics = [topic.pk for topic in self.topic_list]
        return pagecache.release_page_tags(self.pk, self.section_id, topics)

    @property
    def is_live(self):
        return (
            self.status in self.RELEASED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def url_in(self, language):
        with translation.override(language):
            return self.get_absolute_url()

    def clean(self):
        if self.image:
            missing = [
                code
                for code in self.languages or [ORIGINAL_LANGUAGE]
                if not getattr(self, f"image_alt_{code}")
            ]
            if missing:
                raise ValidationError(
                    {
                        f"image_alt_{code}": _("Describe the image for readers who cannot see it.")
                        for code in missing
                    }
                )
