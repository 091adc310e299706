"""A release's own parts, rendered once after each change and stored with it.

Most of a release page changes only when the release does: its body with every
Lao word marked, its header, photos, documents and topics, its Open Graph tags
and JSON-LD, and the teaser other pages show for it. Rendering them takes most
of a page's time, so they are rendered once per language and kept in the
release's ``rendered`` and ``teasers`` columns; a page then reads them in
one prepared query (articles/prepared.py) and renders only what is not the
release's own: the site's header and footer and the related releases, whose
teasers are stored too.

Stored parts are used only while nothing they show has changed:

- Each change to a release, its topics, photos or documents, and each rename of
  its section or of one of its topics, empties the parts and counts up the
  release's ``render_generation`` (the signals below). Parts rendered from rows
  read before such a change are stored only if the generation is still the one
  they were read with, so they cannot overwrite the change.
- The parts are stored under a key made of everything else they depend on: the
  code, templates and message catalogues deployed (a fingerprint of their
  files), the staff's Lao words, the settings that shape addresses and dates,
  and the site's address. Parts under another key are rendered again on their
  next view, so a deploy or a new Lao word needs no step of its own.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import django
from django.conf import settings
from django.db.models import F, signals
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from newsroom.context_processors import links_for

from . import lexicon, pagecache
from .gallery import photos_for
from .prepared import PreparedQuery
from .sharing import share_links

TEASER_PARTS = ("list_teaser", "related_teaser")
HTML_PARTS = ("meta", "main", "alternates", "switcher", "share")
RELATED_RELEASES = 4
# What the stored parts are rendered from, besides the rows: a change to any of
# these files changes the key, and with it every release's parts.
DEPLOYED_FOLDERS = ("articles", "newsroom", "templates", "locale")
DEPLOYED_SUFFIXES = {".py", ".html", ".txt", ".mo", ".svg", ".json"}


@cache
def deployed_fingerprint():
    """A digest of the code, templates, word lists and catalogues this process runs."""
    digest = hashlib.sha256(django.get_version().encode())
    base = Path(settings.BASE_DIR)
    for folder in DEPLOYED_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in DEPLOYED_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    shaping = (
        settings.TIME_ZONE,
        settings.LANGUAGES,
        settings.MEDIA_URL,
        settings.STORAGES["default"],
    )
    digest.update(repr(shaping).encode())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _key(fingerprint, origin, words):
    text = "\n".join([fingerprint, origin, *words])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def render_key(origin):
    """The key under which parts rendered now, for a site at `origin`, are valid."""
    return _key(deployed_fingerprint(), origin, lexicon.words_in_use())


def render_parts(article, origin, *, languages=None, preview=False):
    """The release's parts in each language (the site's languages by default), and the
    topics they show: everything `store` keeps, from one Article with its section,
    topics, photos and documents loaded."""
    topics = [topic.pk for topic in article.topic_list]
    parts = {}
    for code in languages or [code for code, _name in settings.LANGUAGES]:
        with translation.override(code):
            version = article.version(code)
            url = article.get_absolute_url()
            context = {
                "article": article,
                "version": version,
                "topics": article.topic_list,
                "page_languages": article.languages,
                "attachments": article.attachments_for(code),
                "gallery": photos_for(article, version.language),
                "origin": origin,
                "preview": preview,
                "LANGUAGE_CODE": code,
                "share_url": origin + url,
                "share_links": share_links(origin + url, version.title),
                **links_for(url, origin),
            }
            parts[code] = {
                "topics": topics,
                "url": url,
                "title": version.title,
                "language": version.language,
                "languages": article.languages,
                # Each from a copy: a template's `as` variables are set in the dict it got.
                "meta": render_to_string("articles/parts/release_meta.html", {**context}),
                "main": render_to_string("articles/parts/release.html", {**context}),
                "alternates": render_to_string("includes/alternates.html", {**context}),
                "switcher": render_to_string("includes/language_switcher.html", {**context}),
                "share": render_to_string("includes/share.html", {**context}),
                "list_teaser": render_to_string("includes/teaser.html", {**context}).strip(),
                "related_teaser": render_to_string(
                    "includes/teaser.html", {**context, "heading": "h3"}
                ).strip(),
            }
    return parts


def _as_html(language_parts):
    """A page's parts read back from the database: HTML we rendered, so safe to insert."""
    return {
        name: mark_safe(value) if name in HTML_PARTS else value
        for name, value in language_parts.items()
    }


def store(article, parts, key):
    """Keep the parts, unless the release changed since `article` was read: the teasers
    in a column of their own, small, so that lists read them without the pages."""
    from .models import Article

    rendered, teasers = {}, {}
    for code, language_parts in parts.items():
        rendered[code] = {"key": key}
        teasers[code] = {"key": key, "language": language_parts["language"]}
        for name, value in language_parts.items():
            (teasers if name in TEASER_PARTS else rendered)[code][name] = value
    Article.objects.filter(pk=article.pk, render_generation=article.render_generation).update(
        rendered=rendered, teasers=teasers
    )


def teaser_columns(teaser, language):
    """What a list or the related releases read of a release's stored teasers in
    `language`: their key, their language and the one `teaser` shown, as text. Read as
    one JSON object, both teasers were decoded on every row (0.8 M instructions of a
    list page of ten, bench/instructions.py)."""
    stored = KeyTransform(language, "teasers")
    return {
        f"teaser_{name}": KeyTextTransform(name, stored) for name in ("key", "language", teaser)
    }


def teasers_of(row, teaser):
    """The stored teasers of a row read with `teaser_columns`, None when there are none."""
    if row["teaser_key"] is None:
        return None
    return {
        "key": row["teaser_key"],
        "language": row["teaser_language"],
        teaser: row[f"teaser_{teaser}"],
    }


def forget(releases):
    """Empty the stored parts of these releases (a queryset): something they show changed."""
    releases.update(rendered={}, teasers={}, render_generation=F("render_generation") + 1)


@dataclass
class Release:
    """A release as its page shows it: its ids and its parts in the reader's language."""

    pk: int
    section_id: int | None
    topics: list
    parts: dict

    def own_page_tags(self):
        return pagecache.release_page_tags(self.pk, self.section_id, self.topics)


@cache
def _release_query(language):
    """One per language, compiled on first use."""
    from .models import Article, released_by_now

    return PreparedQuery(
        Article,
        lambda pk, now: (
            Article.objects.filter(released_by_now(now=now), pk=pk)
            .order_by()
            .values("pk", "section_id", f"rendered__{language}")
        ),
        numbers=("pk",),
        times=("now",),
    )


def _loaded(releases):
    """The releases with everything their parts show loaded, to render them."""
    return (
        releases.select_related("section").with_topics().prefetch_related("attachments", "gallery")
    )


def _published(pks):
    from .models import Article

    return _loaded(Article.objects.published().filter(pk__in=pks))


def _rendered_again(article, origin, key):
    parts = render_parts(article, origin)
    store(article, parts, key)
    return parts


def published_release(pk, language, origin):
    """The published release `pk` with its stored parts in `language`, rendering and
    storing them first when they are missing or out of date; None when not published."""
    rows = _release_query(language).rows(pk=pk, now=timezone.now())
    if not rows:
        return None
    row = rows[0]
    parts = row[f"rendered__{language}"]
    key = render_key(origin)
    if not parts or parts["key"] != key:
        article = _published([pk]).first()
        if article is None:  # withdrawn between the two reads
            return None
        parts = _rendered_again(article, origin, key)[language]
    return Release(pk, row["section_id"], parts["topics"], _as_html(parts))


@cache
def _related_query(language, topic_count, in_section):
    """One per language, number of topics and whether there is a section: the releases
    of a section and topics, one more than a page shows, so that it can leave itself out."""
    from .models import Article

    def build(now, **ids):
        topics = [ids[f"topic{number}"] for number in range(topic_count)]
        related = Article.objects.related_to(
            ids.get("section"), topics, limit=RELATED_RELEASES + 1, now=now
        )
        return related.values("pk", **teaser_columns("related_teaser", language))

    numbers = [f"topic{number}" for number in range(topic_count)]
    if in_section:
        numbers.append("section")
    return PreparedQuery(Article, build, numbers=numbers, times=("now",))


@cache
def _teasers_query(language, count):
    """One per language and number of releases: their stored teasers, by id."""
    from .models import Article, released_by_now

    return PreparedQuery(
        Article,
        lambda now, **ids: (
            Article.objects.filter(released_by_now(now=now), pk__in=list(ids.values()))
            .order_by()
            .values("pk", **teaser_columns("related_teaser", language))
        ),
        numbers=[f"release{number}" for number in range(count)],
        times=("now",),
    )


def _related_stored(section_id, topics, language):
    """The stored teasers of the releases related to a section and topics, best first.

    Every release of the same section and topics has the same related releases (but
    itself), and what they are changes only when a release of that section or one of
    those topics does: they are kept in the cache with those tags, as pages are
    (articles/pagecache.py), so that a release read from the long tail costs one
    query by id, not their ranking (which PostgreSQL takes 1 to 2 ms to plan and run
    at 100,000 releases).
    """
    name = f"related:{section_id}:{'-'.join(map(str, sorted(topics)))}"
    started = time.time()  # no later than the present the query reads the archive at
    now = timezone.now()
    kept = pagecache.kept_value(name)
    if kept is not None:
        if not kept:
            return {}
        ids = {f"release{number}": pk for number, pk in enumerate(kept)}
        rows = _teasers_query(language, len(kept)).rows(now=now, **ids)
        stored = {row["pk"]: teasers_of(row, "related_teaser") for row in rows}
        # Should the cache have missed a change (it could not be written), a release no
        # longer published is still never shown.
        return {pk: stored[pk] for pk in kept if pk in stored}
    values = {f"topic{number}": pk for number, pk in enumerate(topics)}
    if section_id:
        values["section"] = section_id
    query = _related_query(language, len(topics), bool(section_id))
    rows = query.rows(now=now, **values)
    stored = {row["pk"]: teasers_of(row, "related_teaser") for row in rows}
    pagecache.keep_value(name, list(stored), pagecache.related_tags(section_id, topics), started)
    return stored


def related_teasers(release, language, origin):
    """Teasers of up to four published releases sharing the section or a topic, most
    topics in common first, and whether one of them is shown in its Lao original."""
    if not release.topics and not release.section_id:
        return [], False
    stored = _related_stored(release.section_id, release.topics, language)
    stored.pop(release.pk, None)
    stored = dict(list(stored.items())[:RELATED_RELEASES])
    # A release withdrawn between the two reads without teasers stored is left out.
    shown = [teaser for teaser in _made_current(stored, language, origin).values() if teaser]
    in_lao = any(teaser["language"] != language for teaser in shown)
    return [mark_safe(teaser["related_teaser"]) for teaser in shown], in_lao


def render_saved(pk, origin):
    """Render and store a released (or scheduled) release's parts as it is saved, so that
    its first reader after the edit is as quick as the next."""
    from .models import STORED_FIELDS, Article

    released = Article.objects.defer(*STORED_FIELDS).filter(pk=pk, status__in=Article.RELEASED)
    article = _loaded(released).first()
    if article is not None:
        _rendered_again(article, origin, render_key(origin))


def _made_current(stored, language, origin):
    """`stored` maps releases' ids to their teasers stored in `language` (None when
    missing): those out of date are rendered and stored again, with all their parts.
    A release withdrawn since it was read keeps what it had."""
    key = render_key(origin)
    stale = [pk for pk, teasers in stored.items() if not teasers or teasers["key"] != key]
    current = dict(stored)
    if stale:
        for article in _published(stale):
            current[article.pk] = _rendered_again(article, origin, key)[language]
    return current


def with_current_teasers(articles, language, origin):
    """Give each listed release (read with its teasers as `stored`) its `teaser` HTML: the
    stored one while current, else its parts are rendered and stored again first.
    Returns whether one of them is shown in its Lao original."""
    current = _made_current({article.pk: article.stored for article in articles}, language, origin)
    shown_in_lao = False
    for article in articles:
        teasers = current[article.pk] or {"list_teaser": "", "language": language}
        article.teaser = mark_safe(teasers["list_teaser"])
        shown_in_lao = shown_in_lao or teasers["language"] != language
    return shown_in_lao


def _release_loaded(sender, instance, raw=False, **kwargs):
    """Article.save empties the parts; a row loaded as stored (a restored revision, a
    fixture) bypasses it."""
    from .models import Article

    if raw:
        forget(Article.objects.filter(pk=instance.pk))


def _part_changed(sender, instance, **kwargs):
    """A photo or document shows on its release's page."""
    from .models import Article

    forget(Article.objects.filter(pk=instance.article_id))


def _topics_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    from .models import Article

    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:
        releases = (
            instance.articles.all() if pk_set is None else Article.objects.filter(pk__in=pk_set)
        )
    else:
        releases = Article.objects.filter(pk=instance.pk)
    forget(releases)


def _section_changed(sender, instance, **kwargs):
    """Its name shows on each of its releases, as the page's eyebrow and on teasers."""
    from .models import Article

    forget(Article.objects.filter(section_id=instance.pk))


def _topic_changed(sender, instance, **kwargs):
    """Its name shows on each release it tags; before a delete, while they still show it."""
    forget(instance.articles.all())


def connect_signals():
    from .models import Article, Attachment, GalleryImage, Section, Topic

    signals.post_save.connect(_release_loaded, sender=Article)
    signals.m2m_changed.connect(_topics_changed, sender=Article.topics.through)
    for model in (GalleryImage, Attachment):
        signals.post_save.connect(_part_changed, sender=model)
        signals.post_delete.connect(_part_changed, sender=model)
    signals.post_save.connect(_section_changed, sender=Section)
    signals.post_save.connect(_topic_changed, sender=Topic)
    signals.pre_delete.connect(_topic_changed, sender=Topic)
